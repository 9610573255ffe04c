// Moderator accounts for tests: create one and sign it in through the real login route.
import request from "supertest";
import { createModerator } from "../../src/accounts/create-moderator.ts";
import type { TestApp } from "./test-app.ts";

export type SignedIn = { id: string; email: string; password: string; cookie: string; csrfToken: string };

let counter = 0;

export async function signInAs(
  t: TestApp,
  role: "admin" | "moderator",
  name = `${role} ${++counter}`,
): Promise<SignedIn> {
  const email = `${role}-${counter}-${Date.now()}@example.org`;
  const password = `correct horse ${counter} battery`;
  const m = await createModerator(t.deps, { email, name, role, password });
  const res = await request(t.app).post("/api/auth/login").send({ email, password }).expect(200);
  const cookie = String(res.headers["set-cookie"]?.[0] ?? "").split(";")[0]!;
  return { id: m.id, email, password, cookie, csrfToken: res.body.csrfToken };
}

/** A second session for an existing moderator, written directly (no scrypt, no rate limit). */
export async function extraSession(t: TestApp, moderatorId: string): Promise<{ cookie: string; csrfToken: string }> {
  const { newCsrfToken, newSessionToken, sessionIdOf } = await import("../../src/accounts/session-token.ts");
  const token = newSessionToken();
  const csrfToken = newCsrfToken();
  await t.deps.db.session.create({
    data: {
      id: sessionIdOf(token),
      moderatorId,
      csrfToken,
      expiresAt: new Date(t.deps.clock.now().getTime() + 3600_000),
    },
  });
  return { cookie: `parley_session=${token}`, csrfToken };
}
