// Use case: end one session (the cookie is cleared by the caller).
import type { Deps } from "../deps.ts";
import { deleteModeratorSession } from "../store/moderators.ts";

export async function logOut(deps: Deps, sessionId: string): Promise<void> {
  await deleteModeratorSession(deps.db, sessionId);
}
