// Use case: end one session (the cookie is cleared by the caller).
import type { Deps } from "../deps.ts";

export async function logOut(deps: Deps, sessionId: string): Promise<void> {
  await deps.db.session.deleteMany({ where: { id: sessionId } });
}
