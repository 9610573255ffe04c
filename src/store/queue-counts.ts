// How many comments each moderation queue holds, as the console's tabs show them: one row, summed from
// the queues' changes (no scan of the comments), folded into one row per queue now and then.
// The same SELECT is read by the API (countQueueRows) and inside the statement that appends the
// moderators' `queue:counts` event (room-events.ts appendQueueCounts), so both count alike.
import { inTransaction, type Db, type DbProvider, type Tx } from "./client.ts";

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

/** One row with a column per queue (QUEUE_COUNT_NAMES), on both databases: the sums of the queues'
 *  changes (migration 20261207134000_queue_count_changes: triggers on Comment append them in the
 *  transaction that moves a comment, so the sums are exact, with no scan of the comments). */
export const QUEUE_COUNTS_SELECT = `
  SELECT ${QUEUE_COUNT_NAMES.map((q) => `COALESCE(SUM(CASE WHEN "queue" = '${q}' THEN "n" END), 0) AS "${q}"`).join(",\n    ")}
  FROM "QueueCountChange"`;

/** The queues' counts now. */
export async function countQueueRows(db: Db | Tx): Promise<QueueCounts> {
  const [row] = await db.$queryRawUnsafe<Record<keyof QueueCounts, number | bigint>[]>(QUEUE_COUNTS_SELECT);
  return toQueueCounts(row);
}

/** Numbers from a row (PostgreSQL's COUNT is a bigint). */
export function toQueueCounts(row: Record<string, unknown> | undefined): QueueCounts {
  return Object.fromEntries(QUEUE_COUNT_NAMES.map((n) => [n, Number(row?.[n] ?? 0)])) as QueueCounts;
}

/** Folds the queues' changes into one row per queue (the publisher, hourly), so summing them stays
 *  cheap. Exact while comments keep moving: only rows this fold read are replaced by their sums. */
export async function foldQueueCountChanges(db: Db, provider: DbProvider): Promise<void> {
  if (provider === "postgres") {
    // Rows committed after the DELETE's snapshot stay; a concurrent fold skips the rows this one deleted.
    await db.$executeRawUnsafe(`
      WITH gone AS (DELETE FROM "QueueCountChange" RETURNING "queue", "n")
      INSERT INTO "QueueCountChange" ("queue", "n") SELECT "queue", SUM("n") FROM gone GROUP BY "queue"`);
    return;
  }
  // SQLite: one writer, so nothing is appended between these statements.
  await inTransaction(db, async (tx) => {
    const rows = await tx.$queryRawUnsafe<{ last: number | bigint | null }[]>(
      `SELECT MAX("id") AS "last" FROM "QueueCountChange"`,
    );
    const last = rows[0]?.last ?? null;
    if (last === null) return;
    await tx.$executeRawUnsafe(
      `INSERT INTO "QueueCountChange" ("queue", "n")
       SELECT "queue", SUM("n") FROM "QueueCountChange" WHERE "id" <= ? GROUP BY "queue"`,
      Number(last),
    );
    await tx.$executeRawUnsafe(`DELETE FROM "QueueCountChange" WHERE "id" <= ?`, Number(last));
  });
}
