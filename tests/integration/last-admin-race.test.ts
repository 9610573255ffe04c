// The last active admin cannot be demoted or disabled, even by two admins acting at the same moment
// (each demoting or disabling the other): the guard and the change are one transaction holding the
// admin roster's lock (src/store/moderators.ts), so exactly one of two racing changes wins.
// Failed before the fix: both changes passed the count and the console was left without an admin.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changeModerator } from "../../src/accounts/change-moderator.ts";
import { createModerator } from "../../src/accounts/create-moderator.ts";
import { isAppError } from "../../src/domain/errors.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { testProviders } from "../support/test-db.ts";

describe.each(testProviders())("the last admin under concurrent changes on %s", (provider) => {
  let t: TestApp;
  let n = 0;
  beforeAll(async () => {
    t = await createTestApp(provider);
  });
  afterAll(async () => {
    await t?.close();
  });

  const admin = (name: string) =>
    createModerator(t.deps, {
      email: `race-${++n}-${name}@example.org`,
      name,
      role: "admin",
      password: "correct horse battery staple",
    });
  const activeAdmins = () => t.deps.db.moderator.count({ where: { role: "admin", disabledAt: null } });
  /** Leaves the admins made by an earlier case out of the count: only this case's two remain admins. */
  const retireOthers = (keep: string[]) =>
    t.deps.db.moderator.updateMany({ where: { id: { notIn: keep } }, data: { role: "moderator" } });

  const cases = [
    ["demote each other", { role: "moderator" }, { role: "moderator" }],
    ["disable each other", { disabled: true }, { disabled: true }],
    ["one demotes, the other disables", { role: "moderator" }, { disabled: true }],
  ] as const;

  it.each(cases)("two admins who %s at once leave exactly one admin", async (_what, first, second) => {
    for (let round = 0; round < 5; round++) {
      const [x, y] = await Promise.all([admin("Xena"), admin("Yuri")]);
      await retireOthers([x.id, y.id]);
      const results = await Promise.allSettled([
        changeModerator(t.deps, x.id, y.id, first),
        changeModerator(t.deps, y.id, x.id, second),
      ]);
      expect(await activeAdmins()).toBe(1);
      const refused = results.filter((r) => r.status === "rejected");
      expect(refused).toHaveLength(1);
      const reason = (refused[0] as PromiseRejectedResult).reason as unknown;
      expect(isAppError(reason) && reason.code).toBe("CONFLICT");
    }
  });
});
