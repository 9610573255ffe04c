// A thread with what governs it (its site's and article's settings), and what a new comment's post
// reads besides before its transaction: each in one statement, built here for both stores and sent
// straight to SQLite where it can be (store/sqlite-direct.ts directRows).
import type { CommentStatus } from "../domain/comment.ts";
import { empty, sqltag as sql, type Sql } from "@prisma/client/runtime/client";
import type { Db, DbProvider, Tx } from "./client.ts";
import { directRows } from "./sqlite-direct.ts";

/** A thread with what governs it: its site's and article's stored settings (JSON as stored). */
export type GoverningRow = {
  id: string;
  siteId: string;
  closed: boolean;
  articleId: string | null;
  articleSlug: string | null;
  createdAt: Date;
  articlePublishedAt: Date | null;
  siteSettings: unknown;
  articleSettings: unknown;
};

/** The thread, its site's settings and its article's, in one query (Prisma would send three); null when missing. */
export async function readGoverningRow(db: Db | Tx, threadId: string): Promise<GoverningRow | null> {
  const [t] = await directRows<RawGoverning>(db, selectGoverning(threadId, empty));
  return t ? governing(t) : null;
}

/** The governing row with the thread's live-update sequence (its room's, 0 before any event) read in
 * the same statement: what the thread cache checks a thread's version by (comments/load-thread.ts). */
export async function readVersionRow(db: Db, threadId: string, room: string): Promise<VersionRow | null> {
  const [t] = await directRows<RawGoverning & { seq: number | bigint | null }>(
    db,
    selectGoverning(threadId, sql`, (SELECT r."seq" FROM "RoomSequence" r WHERE r."room" = ${room}) AS "seq"`),
  );
  return t ? { ...governing(t), seq: Number(t.seq ?? 0) } : null;
}
export type VersionRow = GoverningRow & { seq: number };

/** What a new comment's post reads before its transaction, besides the governing row: the thread as a
 * queue card names it, the active moderators' names, the signed-in readers' names that look like
 * the poster's (look-alike key `nameKey`, other than their own account) and the poster's record. */
export type PostingRow = GoverningRow & {
  title: string;
  url: string | null;
  articleTitle: string | null;
  moderatorNames: string[];
  readerNamesLike: string[];
  /** The poster's comments (by their email) counted by status, for the new comment's queue card. */
  authorRecord: { status: CommentStatus; count: number }[];
  /** A signed-in poster's account as the queue card names it (null: anonymous, or no such account). */
  readerAccount: { provider: string; subject: string; displayName: string } | null;
};

/** The governing row and what a post asks about names and its poster, in ONE statement (five as separate reads). */
export async function readPostingRow(
  db: Db | Tx,
  provider: DbProvider,
  threadId: string,
  poster: { nameKey: string; readerAccountId: string | null; email: string },
): Promise<PostingRow | null> {
  const names = (select: Sql) =>
    provider === "postgres"
      ? sql`(SELECT COALESCE(json_agg(x."n"), '[]'::json) FROM (${select}) x)`
      : sql`(SELECT json_group_array(x."n") FROM (${select}) x)`;
  const record =
    provider === "postgres"
      ? sql`(SELECT COALESCE(json_agg(json_build_array(x."status", x."n")), '[]'::json) FROM
          (SELECT c."status"::text AS "status", COUNT(*) AS "n" FROM "Comment" c WHERE c."authorEmail" = ${poster.email}
           GROUP BY c."status") x)`
      : sql`(SELECT json_group_array(json_array(x."status", x."n")) FROM
          (SELECT c."status" AS "status", COUNT(*) AS "n" FROM "Comment" c WHERE c."authorEmail" = ${poster.email}
           GROUP BY c."status") x)`;
  const moderators = names(sql`SELECT m."name" AS "n" FROM "Moderator" m WHERE m."disabledAt" IS NULL`);
  const readers = names(sql`SELECT r."displayName" AS "n" FROM "ReaderAccount" r
    WHERE r."nameSkeleton" = ${poster.nameKey} AND r."disabledAt" IS NULL AND r."id" <> ${poster.readerAccountId ?? ""}
    LIMIT 20`);
  const account =
    provider === "postgres"
      ? sql`(SELECT json_build_array(r."provider", r."subject", r."displayName") FROM "ReaderAccount" r
          WHERE r."id" = ${poster.readerAccountId})`
      : sql`(SELECT json_array(r."provider", r."subject", r."displayName") FROM "ReaderAccount" r
          WHERE r."id" = ${poster.readerAccountId})`;
  const [t] = await directRows<
    RawGoverning & {
      readerAccount: unknown;
      title: string;
      url: string | null;
      articleTitle: string | null;
      moderatorNames: unknown;
      readerNames: unknown;
      authorRecord: unknown;
    }
  >(
    db,
    selectGoverning(
      threadId,
      sql`, t."title", t."url", a."title" AS "articleTitle",
      ${moderators} AS "moderatorNames", ${readers} AS "readerNames", ${record} AS "authorRecord",
      ${account} AS "readerAccount"`,
    ),
  );
  if (!t) return null;
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((n): n is string => typeof n === "string") : []);
  return {
    ...governing(t),
    title: t.title,
    url: t.url,
    articleTitle: t.articleTitle,
    moderatorNames: strings(json(t.moderatorNames)),
    // No key (a name of symbols only): nobody's name looks like it (as listReaderNamesLike).
    readerNamesLike: poster.nameKey ? strings(json(t.readerNames)) : [],
    authorRecord: (Array.isArray(json(t.authorRecord)) ? (json(t.authorRecord) as unknown[][]) : []).map(
      ([status, n]) => ({ status: status as CommentStatus, count: Number(n) }),
    ),
    readerAccount: accountOf(poster.readerAccountId ? json(t.readerAccount) : null),
  };
}

function accountOf(v: unknown): PostingRow["readerAccount"] {
  if (!Array.isArray(v)) return null;
  const [provider, subject, displayName] = v.map(String);
  return { provider: provider!, subject: subject!, displayName: displayName! };
}

/** The one statement the reads above share: the governing row's columns, then `more` (", ..." or
 * empty), from the thread joined to its site and article. */
function selectGoverning(threadId: string, more: Sql): Sql {
  return sql`
    SELECT t."id", t."siteId", t."closed", t."articleId", t."createdAt", s."settings" AS "siteSettings",
      a."slug" AS "articleSlug", a."settings" AS "articleSettings", a."publishedAt"${more}
    FROM "Thread" t
    JOIN "Site" s ON s."id" = t."siteId"
    LEFT JOIN "Article" a ON a."id" = t."articleId"
    WHERE t."id" = ${threadId}`;
}

type RawGoverning = {
  id: string;
  siteId: string;
  closed: boolean | number | bigint;
  articleId: string | null;
  createdAt: Date | string;
  siteSettings: unknown;
  articleSlug: string | null;
  articleSettings: unknown;
  publishedAt: Date | string | null;
};

function governing(t: RawGoverning): GoverningRow {
  return {
    id: t.id,
    siteId: t.siteId,
    closed: Boolean(Number(t.closed)),
    articleId: t.articleId,
    articleSlug: t.articleSlug,
    createdAt: toDate(t.createdAt),
    articlePublishedAt: t.publishedAt === null ? null : toDate(t.publishedAt),
    siteSettings: json(t.siteSettings),
    articleSettings: json(t.articleSettings),
  };
}

/** Raw queries hand JSON columns back as text on SQLite, parsed on PostgreSQL. */
function json(v: unknown): unknown {
  if (typeof v !== "string") return v;
  try {
    return JSON.parse(v);
  } catch {
    return null;
  }
}

/** Raw queries hand dates back as text on SQLite. */
function toDate(v: Date | string): Date {
  return v instanceof Date ? v : new Date(v);
}
