// One page of a thread, read from the database instead of paging the whole thread in memory: the
// page's top-level comments ("roots") and all their replies, with the thread row and the count of roots,
// in one statement. A root is shown when it is published (and of a kind the site shows) or when a reply
// below it is: a removed conversation start with live replies stays as a placeholder. Roots come in
// (createdAt, id) order, by keyset after a cursor (the widget and the API) or by page number (the
// article's comment pages); their replies follow the parentId index down (a recursive CTE: no stored
// root column to keep right on every insert and import, and a page's conversations are small).
// SQLite answers one JSON document (its driver hands over one text value faster than rows,
// read-thread.ts); PostgreSQL answers rows. Each comment says whether it has CommentLink rows, so that
// the Sources look-up (listingOf) skips the many that cite nothing; of the pipeline's metadata only
// what readers are shown comes back (signedIn: the "verified" mark; citations.sources: the Sources list),
// not the links, flags and phase notes every comment carries. Ids compare byte-wise on both (COLLATE "C"), as in JS.
import { Prisma } from "../generated/sqlite/client.ts";
import type { Cursor } from "../domain/cursor.ts";
import type { Db, DbProvider } from "./client.ts";
import {
  fromJson,
  threadAndComments,
  type CommentRow,
  type JoinedRow,
  type ThreadJson,
  type ThreadRow,
} from "./read-thread.ts";

/** Which roots make the page. */
export type RootSelection =
  /** `limit` roots after `cursor` (none: from the start), oldest or newest first. */
  | { by: "cursor"; order: "asc" | "desc"; cursor: Cursor | null; limit: number }
  /** Page `page` (1 = oldest) of `perPage` roots each, oldest first; "newest" = the last page. */
  | { by: "number"; perPage: number; page: number | "newest" }
  /** The conversation holding this comment (its root's), wherever it is. */
  | { by: "comment"; commentId: string };

export type ThreadPageRows = {
  thread: ThreadRow;
  /** The page's roots and all their replies, oldest first. */
  comments: CommentRow[];
  /** How many roots the thread shows. */
  rootCount: number;
  /** by cursor: the roots after the cursor (this page's included); by comment: the root's position
   * (1 = oldest) among the shown roots, null when it is not one; by number: null. */
  position: number | null;
};

export async function readThreadPage(
  db: Db,
  provider: DbProvider,
  threadId: string,
  showPingbacks: boolean,
  select: RootSelection,
): Promise<ThreadPageRows | null> {
  const d = provider === "postgres" ? POSTGRES : SQLITE;
  const shown = (c: string) =>
    Prisma.raw(
      showPingbacks ? `(${c}."status" = 'published')` : `(${c}."status" = 'published' AND ${c}."kind" = 'comment')`,
    );
  const id = (c: string) => Prisma.raw(`${c}."id"${d.collate}`);
  const { page, position } = pageOf(select, d, threadId);
  const ctes = Prisma.sql`WITH RECURSIVE
    tops AS (
      SELECT c."id", c."createdAt", ${shown("c")} AS shown FROM "Comment" c
      WHERE c."threadId" = ${threadId} AND c."parentId" IS NULL),
    below(root, id, shown) AS (
      SELECT t."id", t."id", FALSE FROM tops t WHERE NOT t.shown
      UNION ALL
      SELECT b.root, c."id", ${shown("c")} FROM "Comment" c JOIN below b ON c."parentId" = b.id),
    roots AS (
      SELECT t."id", t."createdAt" FROM tops t WHERE t.shown OR t."id" IN (SELECT root FROM below WHERE shown)),
    ranked AS (
      SELECT r."id", r."createdAt", ROW_NUMBER() OVER (ORDER BY r."createdAt" ASC, ${id("r")} ASC) AS rn FROM roots r),
    ${page},
    conv(id) AS (
      SELECT p."id" FROM page p
      UNION ALL
      SELECT c."id" FROM "Comment" c JOIN conv v ON c."parentId" = v.id)`;
  return provider === "postgres" ? readRows(db, ctes, position, threadId) : readJson(db, ctes, position, threadId);
}

/** PostgreSQL: the thread joined to the page's comments, one row per comment. */
async function readRows(db: Db, ctes: Prisma.Sql, position: Prisma.Sql, threadId: string) {
  const rows = await db.$queryRaw<(JoinedRow & { root_count: number | bigint; position: number | bigint | null })[]>`
    ${ctes}
    SELECT t."id" AS t_id, t."title" AS t_title, t."url" AS t_url, t."closed" AS t_closed, t."publishedCount" AS t_count,
      t."pingbackCount" AS t_pingbacks, a."slug" AS a_slug, (SELECT COUNT(*) FROM roots) AS root_count, ${position} AS position,
      c."id" AS "id", c."parentId" AS "parentId", c."depth" AS "depth", c."status" AS "status", c."kind" AS "kind",
      c."createdAt" AS "createdAt",
      CASE WHEN c."status" = 'published' THEN c."authorName" END AS "authorName",
      CASE WHEN c."status" = 'published' THEN c."authorUrl" END AS "authorUrl",
      (c."status" = 'published' AND c."moderatorId" IS NOT NULL) AS "byModerator",
      CASE WHEN c."status" = 'published' THEN c."bodyHtml" END AS "bodyHtml",
      CASE WHEN c."status" = 'published' THEN c."editedAt" END AS "editedAt",
      CASE WHEN c."status" = 'published' THEN jsonb_build_object('signedIn', c."metadata" -> 'signedIn',
        'citations', jsonb_build_object('sources', c."metadata" #> '{citations,sources}')) END AS "metadata",
      (c."status" = 'published' AND EXISTS (SELECT 1 FROM "CommentLink" l WHERE l."commentId" = c."id")) AS "hasLinks"
    FROM "Thread" t
    LEFT JOIN "Article" a ON a."id" = t."articleId"
    LEFT JOIN "Comment" c ON c."id" IN (SELECT id FROM conv)
    WHERE t."id" = ${threadId}
    ORDER BY c."createdAt" ASC, c."id" COLLATE "C" ASC`;
  const first = rows[0];
  if (!first) return null;
  return {
    ...threadAndComments(rows),
    rootCount: Number(first.root_count),
    position: first.position === null ? null : Number(first.position),
  };
}

/** SQLite: the same as one JSON document. */
async function readJson(db: Db, ctes: Prisma.Sql, position: Prisma.Sql, threadId: string) {
  const [row] = await db.$queryRaw<{ doc: string }[]>`
    ${ctes}
    SELECT json_object(
      'id', t."id", 'title', t."title", 'url', t."url", 'closed', t."closed", 'publishedCount', t."publishedCount",
      'pingbackCount', t."pingbackCount", 'articleSlug', a."slug",
      'rootCount', (SELECT COUNT(*) FROM roots), 'position', ${position},
      'comments', (
        SELECT json_group_array(json_object(
          'id', c."id", 'parentId', c."parentId", 'depth', c."depth", 'status', c."status", 'kind', c."kind",
          'createdAt', c."createdAt",
          'authorName', CASE WHEN c."status" = 'published' THEN c."authorName" END,
          'authorUrl', CASE WHEN c."status" = 'published' THEN c."authorUrl" END,
          'byModerator', json(CASE WHEN c."status" = 'published' AND c."moderatorId" IS NOT NULL THEN 'true' ELSE 'false' END),
          'bodyHtml', CASE WHEN c."status" = 'published' THEN c."bodyHtml" END,
          'editedAt', CASE WHEN c."status" = 'published' THEN c."editedAt" END,
          'metadata', CASE WHEN c."status" = 'published' THEN json_object('signedIn', c."metadata" -> '$.signedIn',
            'citations', json_object('sources', c."metadata" -> '$.citations.sources')) END,
          'hasLinks', json(CASE WHEN c."status" = 'published' AND EXISTS (SELECT 1 FROM "CommentLink" l WHERE l."commentId" = c."id") THEN 'true' ELSE 'false' END)))
        FROM (SELECT * FROM "Comment" WHERE "id" IN (SELECT id FROM conv) ORDER BY "createdAt" ASC, "id" ASC) c)
    ) AS doc
    FROM "Thread" t
    LEFT JOIN "Article" a ON a."id" = t."articleId"
    WHERE t."id" = ${threadId}`;
  if (!row) return null;
  const doc = JSON.parse(row.doc) as ThreadJson & { rootCount: number; position: number | null };
  const { rootCount, position: at, ...rest } = doc;
  return { ...fromJson(rest), rootCount, position: at };
}

type Dialect = { collate: string; date: (d: Date) => Date | string };
// SQLite keeps Prisma's DateTime as ISO text ("2026-12-07T06:57:25.827+00:00") and compares it as
// text, so a cursor's date is bound in that very form (equal dates must compare equal).
const SQLITE: Dialect = { collate: "", date: (at) => at.toISOString().replace("Z", "+00:00") };
const POSTGRES: Dialect = { collate: ' COLLATE "C"', date: (at) => at };

/** The `page(id)` CTE for the selection, and the `position` figure that goes with it. */
function pageOf(select: RootSelection, d: Dialect, threadId: string): { page: Prisma.Sql; position: Prisma.Sql } {
  if (select.by === "cursor") {
    const dir = Prisma.raw(select.order === "asc" ? "ASC" : "DESC");
    const op = Prisma.raw(select.order === "asc" ? ">" : "<");
    const after = select.cursor
      ? Prisma.sql`WHERE r."createdAt" ${op} ${d.date(select.cursor.at)} OR (r."createdAt" = ${d.date(select.cursor.at)} AND r."id"${Prisma.raw(d.collate)} ${op} ${select.cursor.id})`
      : Prisma.empty;
    return {
      page: Prisma.sql`after AS (SELECT r."id", r."createdAt" FROM roots r ${after}),
        page AS (SELECT a."id" FROM after a ORDER BY a."createdAt" ${dir}, a."id"${Prisma.raw(d.collate)} ${dir} LIMIT ${int(select.limit)})`,
      position: Prisma.sql`(SELECT COUNT(*) FROM after)`,
    };
  }
  if (select.by === "number") {
    const per = select.perPage;
    // Page numbers count from the oldest root; the newest page is the last one (page 1 when there are none).
    const index =
      select.page === "newest"
        ? Prisma.sql`(SELECT CASE WHEN COUNT(*) = 0 THEN 0 ELSE (COUNT(*) - 1) / ${int(per)} END FROM roots)`
        : int(select.page - 1);
    return {
      page: Prisma.sql`page AS (SELECT k."id" FROM ranked k WHERE (k.rn - 1) / ${int(per)} = ${index})`,
      position: Prisma.sql`NULL`,
    };
  }
  return {
    page: Prisma.sql`up(id, "parentId", hops) AS (
        SELECT c."id", c."parentId", 0 FROM "Comment" c WHERE c."id" = ${select.commentId} AND c."threadId" = ${threadId}
        UNION ALL
        SELECT c."id", c."parentId", u.hops + 1 FROM "Comment" c JOIN up u ON c."id" = u."parentId" WHERE u.hops < 10000),
      page AS (SELECT u.id AS "id" FROM up u WHERE u."parentId" IS NULL)`,
    position: Prisma.sql`(SELECT k.rn FROM ranked k WHERE k."id" IN (SELECT "id" FROM page))`,
  };
}

/** A bound whole number that stays one on PostgreSQL (whose division of integers is whole, as SQLite's). */
const int = (n: number) => Prisma.sql`CAST(${Math.trunc(n)} AS INTEGER)`;
