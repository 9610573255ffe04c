// Use case: the moderator accounts, for the admin screen. Never the password hashes.
import type { Deps } from "../deps.ts";
import { listModeratorAccounts } from "../store/moderators.ts";
import { toModeratorSummary, type ModeratorSummary } from "./create-moderator.ts";

export async function listModerators(deps: Deps): Promise<ModeratorSummary[]> {
  const rows = await listModeratorAccounts(deps.db);
  return rows.map(toModeratorSummary);
}
