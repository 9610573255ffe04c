// Moderators' mail alerts about comments that wait: each held / reported comment, an hourly digest, or none.
import type { Db } from "./client.ts";
import type { Tx } from "./group-commit.ts";

export type AlertMode = "each" | "hourly" | "none";
export const ALERT_MODES: readonly AlertMode[] = ["each", "hourly", "none"];

export async function readAlertMode(db: Db, moderatorId: string): Promise<AlertMode> {
  const m = await db.moderator.findUnique({ where: { id: moderatorId }, select: { alertMode: true } });
  return (m?.alertMode as AlertMode) ?? "none";
}

/** Switching to hourly starts the digest from now: what waited before was not promised in a digest. */
export async function writeAlertMode(db: Db, moderatorId: string, mode: AlertMode, now: Date): Promise<void> {
  await db.moderator.update({ where: { id: moderatorId }, data: { alertMode: mode, alertCursor: now } });
}

/** Active moderators who want a mail for each waiting comment (read inside the hold's transaction). */
export function moderatorsAlertedOnEach(tx: Tx): Promise<{ id: string; email: string }[]> {
  return tx.moderator.findMany({ where: { alertMode: "each", disabledAt: null }, select: { id: true, email: true } });
}

export function moderatorsWithHourlyDigest(db: Db) {
  return db.moderator.findMany({
    where: { alertMode: "hourly", disabledAt: null },
    select: { id: true, email: true, alertCursor: true },
  });
}

/** Moves a moderator's digest cursor, only if no other instance moved it first. */
export async function advanceAlertCursor(tx: Tx, moderatorId: string, from: Date | null, to: Date): Promise<boolean> {
  const { count } = await tx.moderator.updateMany({
    where: { id: moderatorId, alertCursor: from },
    data: { alertCursor: to },
  });
  return count === 1;
}
