// Moderators' mail alerts about comments that wait: each held / reported comment, an hourly digest, or none.
import type { Db, Tx } from "./client.ts";

export type AlertMode = "each" | "hourly" | "none";
export const ALERT_MODES: readonly AlertMode[] = ["each", "hourly", "none"];

/** What a moderator chose to be mailed about waiting comments ("none" for an unknown id). */
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

/** Active moderators who want the hourly digest, with where their last digest stopped. */
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

/** Comments that started waiting in (since, until]: held or pending when posted, or held by reader
 *  reports; oldest first, at most `limit` ids (the hourly digest's list). */
export async function commentsThatStartedWaiting(db: Db, since: Date, until: Date, limit: number): Promise<string[]> {
  const waiting = await db.comment.findMany({
    where: { status: { in: ["held", "pending"] }, createdAt: { gt: since, lte: until } },
    select: { id: true },
    orderBy: { createdAt: "asc" },
    take: limit,
  });
  const reported = await db.moderationAction.findMany({
    where: { action: "report-threshold", createdAt: { gt: since, lte: until }, comment: { status: "held" } },
    select: { commentId: true },
    take: limit,
  });
  return [...new Set([...waiting.map((w) => w.id), ...reported.map((r) => r.commentId)])].slice(0, limit);
}
