// How many comments each moderation queue holds, as the console's tabs show them: one row, one scan.
// The same SELECT is read by the API (countQueueRows) and inside the statement that appends the
// moderators' `queue:counts` event (room-events.ts appendQueueCounts), so both count alike.
import type { Db, Tx } from "./client.ts";

export type QueueCounts = {
  pending: number;
  held: number;
  /** Published comments with open reports. */
  reported: number;
  rejected: number;
  spam: number;
  /** Every comment but the deleted. */
  all: number;
};

export const QUEUE_COUNT_NAMES = ["pending", "held", "reported", "rejected", "spam", "all"] as const;

/** One row with a column per queue (QUEUE_COUNT_NAMES), on both databases. */
export const QUEUE_COUNTS_SELECT = `
  SELECT COUNT(CASE WHEN "status" = 'pending' THEN 1 END) AS "pending",
    COUNT(CASE WHEN "status" = 'held' THEN 1 END) AS "held",
    COUNT(CASE WHEN "status" = 'published' AND "reportCount" > 0 THEN 1 END) AS "reported",
    COUNT(CASE WHEN "status" = 'rejected' THEN 1 END) AS "rejected",
    COUNT(CASE WHEN "status" = 'spam' THEN 1 END) AS "spam",
    COUNT(CASE WHEN "status" <> 'deleted' THEN 1 END) AS "all"
  FROM "Comment"`;

/** The queues' counts now. */
export async function countQueueRows(db: Db | Tx): Promise<QueueCounts> {
  const [row] = await db.$queryRawUnsafe<Record<keyof QueueCounts, number | bigint>[]>(QUEUE_COUNTS_SELECT);
  return toQueueCounts(row);
}

/** Numbers from a row (PostgreSQL's COUNT is a bigint). */
export function toQueueCounts(row: Record<string, unknown> | undefined): QueueCounts {
  return Object.fromEntries(QUEUE_COUNT_NAMES.map((n) => [n, Number(row?.[n] ?? 0)])) as QueueCounts;
}
