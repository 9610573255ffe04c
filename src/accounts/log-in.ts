// Use case: a moderator signs in with email + password and gets a new server-side session.
// Rate limiting is the caller's job (src/http/auth-handlers.ts); this only says yes or no.
// openModeratorSession is the one way a moderator session starts (password or identity provider).
import { AppError } from "../domain/errors.ts";
import type { Deps } from "../deps.ts";
import { createModeratorSession, deleteModeratorSession, findModeratorByEmail } from "../store/moderators.ts";
import type { AuthedModerator } from "./authenticate-session.ts";
import { dummyPasswordHash, verifyPassword } from "./password-hash.ts";
import { newCsrfToken, newSessionToken, sessionIdOf } from "./session-token.ts";

export type LoginResult = { moderator: AuthedModerator; token: string; expiresAt: Date };

export async function logIn(
  deps: Deps,
  input: { email: string; password: string },
  previousSessionToken?: string,
): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase();
  const found = await findModeratorByEmail(deps.db, email);
  // Same work whether or not the account exists, so timing does not reveal moderators' emails.
  const ok = await verifyPassword(input.password, found?.passwordHash ?? (await dummyPasswordHash()));
  if (!found || !ok || found.disabledAt) throw new AppError("INVALID_CREDENTIALS");
  return openModeratorSession(deps, found, previousSessionToken);
}

/** A new session for a moderator who just proved who they are; the browser's previous one ends (the id rotates). */
export async function openModeratorSession(
  deps: Deps,
  account: { id: string; email: string; name: string; role: "admin" | "moderator" },
  previousSessionToken?: string,
): Promise<LoginResult> {
  const now = deps.clock.now();
  if (previousSessionToken) await deleteModeratorSession(deps.db, sessionIdOf(previousSessionToken));
  const token = newSessionToken();
  const expiresAt = new Date(now.getTime() + deps.config.SESSION_TTL_HOURS * 3600_000);
  const session = {
    id: sessionIdOf(token),
    moderatorId: account.id,
    csrfToken: newCsrfToken(),
    createdAt: now,
    expiresAt,
  };
  await createModeratorSession(deps.db, session); // also forgets this moderator's expired sessions
  return {
    moderator: {
      id: account.id,
      email: account.email,
      name: account.name,
      role: account.role,
      csrfToken: session.csrfToken,
      sessionId: session.id,
    },
    token,
    expiresAt,
  };
}
