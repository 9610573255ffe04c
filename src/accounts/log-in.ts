// Use case: a moderator signs in with email + password and gets a new server-side session.
// Rate limiting is the caller's job (src/http/auth-handlers.ts); this only says yes or no.
import { AppError } from "../domain/errors.ts";
import type { Deps } from "../deps.ts";
import { createModeratorSession, findModeratorByEmail } from "../store/moderators.ts";
import type { AuthedModerator } from "./authenticate-session.ts";
import { dummyPasswordHash, verifyPassword } from "./password-hash.ts";
import { newCsrfToken, newSessionToken, sessionIdOf } from "./session-token.ts";

export type LoginResult = { moderator: AuthedModerator; token: string; expiresAt: Date };

export async function logIn(deps: Deps, input: { email: string; password: string }): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase();
  const found = await findModeratorByEmail(deps.db, email);
  // Same work whether or not the account exists, so timing does not reveal moderators' emails.
  const ok = await verifyPassword(input.password, found?.passwordHash ?? (await dummyPasswordHash()));
  if (!found || !ok || found.disabledAt) throw new AppError("INVALID_CREDENTIALS");

  const now = deps.clock.now();
  const token = newSessionToken();
  const expiresAt = new Date(now.getTime() + deps.config.SESSION_TTL_HOURS * 3600_000);
  const session = {
    id: sessionIdOf(token),
    moderatorId: found.id,
    csrfToken: newCsrfToken(),
    createdAt: now,
    expiresAt,
  };
  await createModeratorSession(deps.db, session); // also forgets this moderator's expired sessions
  return {
    moderator: {
      id: found.id,
      email: found.email,
      name: found.name,
      role: found.role,
      csrfToken: session.csrfToken,
      sessionId: session.id,
    },
    token,
    expiresAt,
  };
}
