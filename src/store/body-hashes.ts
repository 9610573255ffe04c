// Comment.bodyHash (domain/body-hash.ts) for comments written before the column existed: the hash needs
// JavaScript's NFKC normalisation, which neither SQLite nor a migration script can run, so the migration
// adds the column empty (null) and the server fills it on start, after the migrations and before it
// listens (compose.ts). Every write of a body sets it from then on (insertComment, an edit's status
// write, imports, erasure), so later starts find nothing to do (one indexed look-up for null).
import { bodyHashOf } from "../domain/body-hash.ts";
import type { Db } from "./client.ts";

/** Hashes the comments whose bodyHash is null, `batch` per transaction; returns how many. */
export async function hashUnhashedBodies(db: Db, batch = 500): Promise<number> {
  let total = 0;
  for (;;) {
    const rows = await db.comment.findMany({
      where: { bodyHash: null },
      select: { id: true, bodySource: true },
      take: batch,
    });
    if (!rows.length) return total;
    await db.$transaction(async (tx) => {
      for (const r of rows)
        await tx.comment.updateMany({
          where: { id: r.id, bodySource: r.bodySource },
          data: { bodyHash: bodyHashOf(r.bodySource) },
        });
    });
    total += rows.length;
  }
}
