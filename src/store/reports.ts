// Reader reports: the queries the report use case needs.
import { isUniqueViolation, type Tx } from "./client.ts";

/** Distinct addresses with an open report on the comment: what the report threshold counts. */
export async function countReportingAddresses(tx: Tx, commentId: string): Promise<number> {
  const rows = await tx.report.findMany({
    where: { commentId, resolvedAt: null },
    distinct: ["addressHash"],
    select: { addressHash: true },
  });
  return rows.length;
}

/** Whether the address (hash) already reported the comment, by any reporter key. */
export async function hasReportFromAddress(tx: Tx, commentId: string, addressHash: string): Promise<boolean> {
  const row = await tx.report.findFirst({ where: { commentId, addressHash }, select: { id: true } });
  return row !== null;
}

/** Settles the open reports on these comments (a moderator decided on them). */
export async function resolveReports(tx: Tx, commentIds: readonly string[], now: Date): Promise<void> {
  if (!commentIds.length) return;
  await tx.report.updateMany({
    where: { commentId: { in: [...commentIds] }, resolvedAt: null },
    data: { resolvedAt: now },
  });
}

/** Stores a reader's report; false when this reporter already reported the comment (the unique key said no). */
export async function insertReport(
  tx: Tx,
  r: {
    commentId: string;
    reporterKey: string;
    addressHash: string;
    reason: string;
    note: string | null;
    createdAt: Date;
  },
): Promise<boolean> {
  try {
    await tx.report.create({ data: r });
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}
