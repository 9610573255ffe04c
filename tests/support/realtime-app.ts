// The real app and its socket.io server on a free port (port 0), on a fresh test database.
import request from "supertest";
import { attachRealtime, type Realtime } from "../../src/realtime/attach-realtime.ts";
import type { SiteSettings } from "../../src/config/site-settings.ts";
import type { Deps } from "../../src/deps.ts";
import { listen } from "./listen.ts";
import { createTestApp, type TestApp } from "./test-app.ts";
import type { TestDatabase } from "./test-db.ts";

export type LiveApp = TestApp & { url: string; realtime: Realtime };

export type LiveAppOptions = {
  env?: Record<string, string>;
  overrides?: Partial<Deps>;
  siteSettings?: Partial<SiteSettings>;
  /** Run as a second instance on this database (its owner drops it). */
  database?: TestDatabase;
  sessionRecheckMs?: number;
};

export async function startLiveApp(
  provider: "sqlite" | "postgres" = "sqlite",
  opts: LiveAppOptions = {},
): Promise<LiveApp> {
  const t = await createTestApp(provider, opts.env, opts.overrides, {
    shared: opts.database,
    siteSettings: opts.siteSettings,
  });
  const server = await listen(t.app);
  const realtime = await attachRealtime(server.server, t.deps, { sessionRecheckMs: opts.sessionRecheckMs });
  return {
    ...t,
    url: server.url,
    realtime,
    async close() {
      await realtime.close();
      await server.close();
      await t.close();
    },
  };
}

/** A moderator's decision through the real API (the service publishes after its commit). */
export async function decide(
  app: TestApp,
  mod: { cookie: string; csrfToken: string },
  commentId: string,
  action: "approve" | "reject" | "spam" | "delete",
): Promise<void> {
  const { revision } = await app.deps.db.comment.findUniqueOrThrow({
    where: { id: commentId },
    select: { revision: true },
  });
  await request(app.app)
    .post(`/api/moderation/comments/${commentId}/actions`)
    .set("Cookie", mod.cookie)
    .set("X-CSRF-Token", mod.csrfToken)
    .send({ action, revision })
    .expect(200);
}
