// Comments whose stored HTML came from an older renderer (metadata.renderVersion below the current
// one, or none), a batch at a time in id order; and writing a comment's new HTML with its stamp.
// Typed-here comments only: imported ones (importKey set) keep the HTML their source system wrote.
import type { Db, DbProvider, JsonObject } from "./client.ts";

export type StaleRender = { id: string; bodySource: string; metadata: unknown };

export async function readStaleRenders(
  db: Db,
  provider: DbProvider,
  version: number,
  afterId: string,
  limit: number,
): Promise<StaleRender[]> {
  const rows =
    provider === "sqlite"
      ? await db.$queryRaw<{ id: string; bodySource: string; metadata: string }[]>`
          SELECT "id", "bodySource", "metadata" FROM "Comment"
          WHERE "importKey" IS NULL AND "status" <> 'deleted' AND "id" > ${afterId}
            AND COALESCE(CAST(json_extract("metadata", '$.renderVersion') AS INTEGER), 1) < ${version}
          ORDER BY "id" LIMIT ${limit}`
      : await db.$queryRaw<{ id: string; bodySource: string; metadata: unknown }[]>`
          SELECT "id", "bodySource", "metadata" FROM "Comment"
          WHERE "importKey" IS NULL AND "status" <> 'deleted' AND "id" > ${afterId}
            AND COALESCE(("metadata"->>'renderVersion')::int, 1) < ${version}
          ORDER BY "id" LIMIT ${limit}`;
  return rows.map((r) => ({
    ...r,
    metadata: typeof r.metadata === "string" ? (JSON.parse(r.metadata) as unknown) : r.metadata,
  }));
}

/** One transaction per batch; each write is conditional on the source being unchanged, so an edit
 *  made meanwhile is never overwritten. */
export async function writeRerenders(
  db: Db,
  renders: { row: StaleRender; bodyHtml: string; metadata: Record<string, unknown> }[],
): Promise<void> {
  await db.$transaction(
    renders.map(({ row, bodyHtml, metadata }) =>
      db.comment.updateMany({
        where: { id: row.id, bodySource: row.bodySource },
        data: { bodyHtml, metadata: metadata as JsonObject },
      }),
    ),
  );
}
