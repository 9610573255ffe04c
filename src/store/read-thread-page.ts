// One page of a thread, read from the database instead of paging the whole thread in memory: the
// page's top-level comments ("roots") and all their replies, with the thread row and the count of roots,
// in one statement. A root is shown when it is published (and of a kind the site shows) or when a reply
// below it is: a removed conversation start with live replies stays as a placeholder. Roots come in
// (createdAt, id) order, by keyset after a cursor (the widget and the API) or by page number (the
// article's comment pages); their replies follow the parentId index down (a recursive CTE: no stored
// root column to keep right on every insert and import, and a page's conversations are small).
// Both stores answer one JSON document of the page's comments as readers see them (read-thread.ts,
// whose fragments build it), with the published ones that have sources to look up (the many that cite
// nothing skip the Sources look-up). Ids compare byte-wise on both (COLLATE "C"), as in JS.
import { Prisma } from "../generated/sqlite/client.ts";
import type { Cursor } from "../domain/cursor.ts";
import type { Db, DbProvider } from "./client.ts";
import { sqliteTime } from "./sqlite-direct.ts";
import {
  POSTGRES_JSON,
  readDocument,
  shownTest,
  SQLITE_JSON,
  threadComments,
  threadDocument,
  type ThreadComments,
  type ThreadJson,
} from "./read-thread.ts";

/** Which roots make the page. */
export type RootSelection =
  /** `limit` roots after `cursor` (none: from the start), oldest or newest first. */
  | { by: "cursor"; order: "asc" | "desc"; cursor: Cursor | null; limit: number }
  /** Page `page` (1 = oldest) of `perPage` roots each, oldest first; "newest" = the last page. */
  | { by: "number"; perPage: number; page: number | "newest" }
  /** The conversation holding this comment (its root's), wherever it is. */
  | { by: "comment"; commentId: string };

export type ThreadPageRows = ThreadComments & {
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
  const shown = (c: string) => Prisma.raw(shownTest(c, showPingbacks));
  const id = (c: string) => Prisma.raw(`${c}."id"${d.collate}`);
  const { page, position } = pageOf(select, d, threadId);
  const positionSql = position === "rootCount" ? Prisma.sql`NULL` : position;
  const doc = threadDocument(
    provider === "postgres" ? POSTGRES_JSON : SQLITE_JSON,
    showPingbacks,
    Prisma.sql`"Comment" c WHERE c."id" IN (SELECT id FROM conv)`,
    // In no order: the page's caller puts its comments in tree order (list-thread-page.ts).
    { extra: Prisma.sql`'rootCount', (SELECT COUNT(*) FROM roots), 'position', ${positionSql},`, ordered: false },
  );
  const found = await readDocument<ThreadJson & { rootCount: number; position: number | null }>(
    db,
    Prisma.sql`WITH RECURSIVE
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
      SELECT c."id" FROM "Comment" c JOIN conv v ON c."parentId" = v.id)
    SELECT ${doc} AS doc
    FROM "Thread" t
    LEFT JOIN "Article" a ON a."id" = t."articleId"
    WHERE t."id" = ${threadId}`,
  );
  if (!found) return null;
  const rootCount = Number(found.rootCount);
  return { ...threadComments(found), rootCount, position: position === "rootCount" ? rootCount : found.position };
}

type Dialect = { collate: string; date: (d: Date) => Date | string };
// SQLite keeps Prisma's DateTime as ISO text ("2026-12-07T06:57:25.827+00:00") and compares it as
// text, so a cursor's date is bound in that very form (equal dates must compare equal).
const SQLITE: Dialect = { collate: "", date: sqliteTime };
const POSTGRES: Dialect = { collate: ' COLLATE "C"', date: (at) => at };

/** The `page(id)` CTE for the selection, and the `position` figure that goes with it: "rootCount" when
 * it is the count of roots, which the statement counts already (from the start, the roots after the
 * cursor are all of them: not counted twice). */
function pageOf(
  select: RootSelection,
  d: Dialect,
  threadId: string,
): { page: Prisma.Sql; position: Prisma.Sql | "rootCount" } {
  if (select.by === "cursor") {
    const dir = Prisma.raw(select.order === "asc" ? "ASC" : "DESC");
    const op = Prisma.raw(select.order === "asc" ? ">" : "<");
    const after = select.cursor
      ? Prisma.sql`WHERE r."createdAt" ${op} ${d.date(select.cursor.at)} OR (r."createdAt" = ${d.date(select.cursor.at)} AND r."id"${Prisma.raw(d.collate)} ${op} ${select.cursor.id})`
      : Prisma.empty;
    return {
      page: Prisma.sql`after AS (SELECT r."id", r."createdAt" FROM roots r ${after}),
        page AS (SELECT a."id" FROM after a ORDER BY a."createdAt" ${dir}, a."id"${Prisma.raw(d.collate)} ${dir} LIMIT ${int(select.limit)})`,
      position: select.cursor ? Prisma.sql`(SELECT COUNT(*) FROM after)` : "rootCount",
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
