// Use case: an admin changes a moderator account's role, or disables / re-enables it. Disabling ends
// its sessions at once (every instance: they live in the database). An admin cannot change their own
// account here, and the last active admin cannot be demoted or disabled, so the console keeps an admin.
import { z } from "zod";
import { AppError } from "../domain/errors.ts";
import type { Deps } from "../deps.ts";
import {
  countActiveAdmins,
  deleteModeratorSessions,
  findModeratorById,
  updateModeratorAccount,
} from "../store/moderators.ts";
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
  const target = await findModeratorById(deps.db, id);
  if (!target) throw new AppError("NOT_FOUND", { message: "There is no such moderator." });
  if (target.id === actorId)
    throw new AppError("FORBIDDEN", {
      message: "You cannot change your own role or disable yourself; ask another admin.",
    });
  // Through the API the actor is itself an active admin, so this guards against two admins demoting
  // each other at once (and the CLI); it is a check, not a lock.
  const losesAdmin =
    target.role === "admin" && !target.disabledAt && (change.role === "moderator" || change.disabled === true);
  if (losesAdmin && (await countActiveAdmins(deps.db)) <= 1)
    throw new AppError("CONFLICT", { message: "This is the last active admin: make another admin first." });
  const disabledAt =
    change.disabled === undefined ? undefined : change.disabled ? (target.disabledAt ?? deps.clock.now()) : null;
  const updated = await updateModeratorAccount(deps.db, id, { role: change.role, disabledAt });
  if (!updated) throw new AppError("NOT_FOUND", { message: "There is no such moderator." });
  if (change.disabled) await deleteModeratorSessions(deps.db, id);
  return toModeratorSummary(updated);
}
