// Use case: an admin changes a moderator account's role, or disables / re-enables it. Disabling ends
// its sessions at once (every instance: they live in the database). An admin cannot change their own
// account here, and the last active admin cannot be demoted or disabled, so the console keeps an admin;
// each change is written to the accounts' audit log (AccountAction).
import { z } from "zod";
import { AppError } from "../domain/errors.ts";
import type { Deps } from "../deps.ts";
import { changeModeratorGuarded } from "../store/moderators.ts";
import { toModeratorSummary, type ModeratorSummary } from "./create-moderator.ts";

export const ZModeratorChange = z
  .object({ role: z.enum(["admin", "moderator"]).optional(), disabled: z.boolean().optional() })
  .strict()
  .refine((c) => c.role !== undefined || c.disabled !== undefined, "Say what to change: role or disabled.");
export type TModeratorChange = z.infer<typeof ZModeratorChange>;

export async function changeModerator(
  deps: Deps,
  actorId: string,
  id: string,
  change: TModeratorChange,
): Promise<ModeratorSummary> {
  if (id === actorId)
    throw new AppError("FORBIDDEN", {
      reason: "cannotChangeSelf",
    });
  // The count of active admins and the change are one transaction under one lock (src/store/moderators.ts):
  // two admins demoting or disabling each other at the same moment leave one admin, not none.
  const result = await changeModeratorGuarded(deps.db, deps.dbProvider, {
    actorId,
    id,
    role: change.role,
    disable: change.disabled,
    now: deps.clock.now(),
  });
  if (result.outcome === "not-found") throw new AppError("NOT_FOUND", { reason: "noSuchModerator" });
  if (result.outcome === "last-admin") throw new AppError("CONFLICT", { reason: "lastAdmin" });
  return toModeratorSummary(result.account);
}
