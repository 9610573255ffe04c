// Use case: the moderator accounts, for the admin screen. Never the password hashes.
import type { Deps } from "../deps.ts";
import { toModeratorSummary, type ModeratorSummary } from "./create-moderator.ts";

export async function listModerators(deps: Deps): Promise<ModeratorSummary[]> {
  const rows = await deps.db.moderator.findMany({ orderBy: [{ role: "asc" }, { email: "asc" }] });
  return rows.map(toModeratorSummary);
}
