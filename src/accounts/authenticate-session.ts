// Use case: who does this session cookie belong to? Shared by the HTTP middleware and the socket.io
// handshake. Sessions live in the database, so every instance answers the same.
import type { Deps } from "../deps.ts";
import { deleteModeratorSession, extendModeratorSession, findModeratorSession } from "../store/moderators.ts";
import { sessionIdOf } from "./session-token.ts";

export type ModeratorRole = "admin" | "moderator";
export type AuthedModerator = {
  id: string;
  email: string;
  name: string;
  role: ModeratorRole;
  csrfToken: string;
  sessionId: string;
};

export async function authenticateSession(deps: Deps, token: string | undefined): Promise<AuthedModerator | null> {
  if (!token || token.length > 200) return null;
  const id = sessionIdOf(token);
  const session = await findModeratorSession(deps.db, id);
  if (!session) return null;
  const now = deps.clock.now();
  if (session.expiresAt <= now || session.moderator.disabledAt) {
    await deleteModeratorSession(deps.db, id);
    return null;
  }
  // Sliding expiry: an active moderator stays signed in; the write happens at most once per half-life.
  const ttlMs = deps.config.SESSION_TTL_HOURS * 3600_000;
  if (session.expiresAt.getTime() - now.getTime() < ttlMs / 2) {
    await extendModeratorSession(deps.db, id, new Date(now.getTime() + ttlMs));
  }
  const m = session.moderator;
  return { id: m.id, email: m.email, name: m.name, role: m.role, csrfToken: session.csrfToken, sessionId: session.id };
}
