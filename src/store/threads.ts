// The Thread table: a thread's row, its published count and its open/closed state.
import type { CommentStatus } from "../domain/comment.ts";
import type { PublishedCounts } from "../domain/thread.ts";
import { sqltag as sql, type Sql } from "@prisma/client/runtime/client";
import { isUniqueViolation, type Db, type DbProvider, type Tx } from "./client.ts";
import { activeBanMatch, type BanSubject } from "./bans.ts";
import { sameBodyMatch, type PosterQuery } from "./poster-comments.ts";
import { directRows, sqliteDirect, sqliteTime } from "./sqlite-direct.ts";

/** Whether the thread exists. */
export async function threadExists(db: Db | Tx, threadId: string): Promise<boolean> {
  return (await db.thread.findUnique({ where: { id: threadId }, select: { id: true } })) !== null;
}

/** The published counts of these threads (and the pingbacks among them), by id. */
export async function readPublishedCounts(
  db: Db | Tx,
  threadIds: readonly string[],
): Promise<Map<string, PublishedCounts>> {
  if (!threadIds.length) return new Map();
  const rows = await db.thread.findMany({
    where: { id: { in: [...threadIds] } },
    select: { id: true, publishedCount: true, pingbackCount: true },
  });
  return new Map(rows.map(({ id, ...counts }) => [id, counts]));
}

/** The origins allowed to embed the thread's site, as stored (JSON); null when the thread does not exist. */
export async function readThreadOrigins(db: Db | Tx, threadId: string): Promise<unknown> {
  const thread = await db.thread.findUnique({
    where: { id: threadId },
    select: { site: { select: { allowedOrigins: true } } },
  });
  return thread ? thread.site.allowedOrigins : null;
}

/** Adds `delta` to the thread's published count (`pingbackDelta` of them pingbacks or trackbacks, counted
 *  apart too); `lastCommentAt` when a comment was just published. Returns the counts as this transaction
 *  left them (one UPDATE … RETURNING). */
export async function addPublishedCount(
  tx: Tx,
  threadId: string,
  delta: number,
  lastCommentAt: Date | null,
  pingbackDelta = 0,
): Promise<PublishedCounts> {
  return tx.thread.update({
    where: { id: threadId },
    data: {
      publishedCount: { increment: delta },
      ...(pingbackDelta ? { pingbackCount: { increment: pingbackDelta } } : {}),
      ...(lastCommentAt ? { lastCommentAt } : {}),
    },
    select: { publishedCount: true, pingbackCount: true },
  });
}

/** A new published comment's count (`addPublishedCount(tx, threadId, 1, at)`), and in the same statement
 * whether the poster is banned (bans.ts activeBanMatch on `ban`) and, when asked, whether they wrote the
 * same text within the duplicate rule's window (poster-comments.ts sameBodyMatch on `sameBody`): a post's
 * ban and duplicate look-ups without statements of their own. Send it after the poster lock is granted:
 * on PostgreSQL (READ COMMITTED) each statement reads what was committed when it started, so it sees a
 * ban or a competing post committed while the post waited. */
export async function addPostedCount(
  tx: Tx,
  provider: DbProvider,
  threadId: string,
  at: Date,
  ban: { siteId: string; subjects: readonly BanSubject[]; now: Date },
  sameBody?: { poster: PosterQuery; bodyHash: string; since: Date },
): Promise<PublishedCounts & { banned: boolean; sameBody?: boolean }> {
  const banned = activeBanMatch(provider, ban.siteId, ban.subjects, ban.now);
  const duplicate = sameBody ? sameBodyMatch(provider, sameBody.poster, sameBody.bodyHash, sameBody.since) : sql`1 = 0`;
  const update = sql`
    UPDATE "Thread" SET "publishedCount" = "publishedCount" + 1,
      "lastCommentAt" = ${provider === "sqlite" ? sqliteTime(at) : at}
    WHERE "id" = ${threadId}
    RETURNING "publishedCount", "pingbackCount", EXISTS (SELECT 1 FROM "Ban" WHERE ${banned}) AS "banned",
      ${duplicate} AS "sameBody"`;
  const row = await firstRow<{
    publishedCount: Num;
    pingbackCount: Num;
    banned: boolean | Num;
    sameBody: boolean | Num;
  }>(tx, update);
  if (!row) throw new Error(`thread ${threadId} not found`);
  // SQLite answers integers (BigInt past 2^53, 0/1 for the EXISTS); PostgreSQL numbers and a boolean.
  const yes = (v: boolean | Num) => v === true || Number(v) === 1;
  return {
    publishedCount: Number(row.publishedCount),
    pingbackCount: Number(row.pingbackCount),
    banned: yes(row.banned),
    ...(sameBody ? { sameBody: yes(row.sameBody) } : {}),
  };
}

type Num = number | bigint;

/** The published counts of the site's threads for these page keys, by page key (pages without a thread are absent). */
export async function readCountsByPageKey(
  db: Db | Tx,
  siteId: string,
  pageKeys: readonly string[],
): Promise<Map<string, PublishedCounts>> {
  const rows = await db.thread.findMany({
    where: { siteId, pageKey: { in: [...pageKeys] } },
    select: { pageKey: true, publishedCount: true, pingbackCount: true },
  });
  return new Map(rows.map(({ pageKey, ...counts }) => [pageKey, counts]));
}

/** Closes or reopens the thread by hand. */
export async function writeThreadClosed(tx: Tx, threadId: string, closed: boolean): Promise<void> {
  await tx.thread.update({ where: { id: threadId }, data: { closed } });
}

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
  const t = await firstRow<RawGoverning>(
    db,
    sql`
    SELECT t."id", t."siteId", t."closed", t."articleId", t."createdAt", s."settings" AS "siteSettings",
      a."slug" AS "articleSlug", a."settings" AS "articleSettings", a."publishedAt"
    FROM "Thread" t
    JOIN "Site" s ON s."id" = t."siteId"
    LEFT JOIN "Article" a ON a."id" = t."articleId"
    WHERE t."id" = ${threadId}`,
  );
  return t ? governing(t) : null;
}

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
  const t = await firstRow<
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
    sql`
    SELECT t."id", t."siteId", t."closed", t."articleId", t."createdAt", s."settings" AS "siteSettings",
      a."slug" AS "articleSlug", a."settings" AS "articleSettings", a."publishedAt",
      t."title", t."url", a."title" AS "articleTitle",
      ${moderators} AS "moderatorNames", ${readers} AS "readerNames", ${record} AS "authorRecord",
      ${account} AS "readerAccount"
    FROM "Thread" t
    JOIN "Site" s ON s."id" = t."siteId"
    LEFT JOIN "Article" a ON a."id" = t."articleId"
    WHERE t."id" = ${threadId}`,
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

/** The query's first row: sent straight to SQLite (store/sqlite-direct.ts), else through Prisma. */
async function firstRow<T>(db: Db | Tx, query: Sql): Promise<T | undefined> {
  return (await directRows<T>(db, query))[0];
}

function accountOf(v: unknown): PostingRow["readerAccount"] {
  if (!Array.isArray(v)) return null;
  const [provider, subject, displayName] = v.map(String);
  return { provider: provider!, subject: subject!, displayName: displayName! };
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

export type EmbedThreadRow = {
  id: string;
  siteId: string;
  pageKey: string;
  title: string;
  url: string | null;
  closed: boolean;
  publishedCount: number;
  pingbackCount: number;
};

const EMBED_THREAD = {
  id: true,
  siteId: true,
  pageKey: true,
  title: true,
  url: true,
  closed: true,
  publishedCount: true,
  pingbackCount: true,
} as const;

/** The site's thread for this page key, or null. */
export async function findThreadByPageKey(
  db: Db | Tx,
  siteId: string,
  pageKey: string,
): Promise<EmbedThreadRow | null> {
  // Every widget load asks: on SQLite straight from the connection (sqlite-direct.ts), past Prisma.
  const direct = sqliteDirect(db, (s) =>
    s.get<Omit<EmbedThreadRow, "closed"> & { closed: number }>(
      `SELECT "id", "siteId", "pageKey", "title", "url", "closed", "publishedCount", "pingbackCount"
       FROM "Thread" WHERE "siteId" = ? AND "pageKey" = ?`,
      [siteId, pageKey],
    ),
  );
  if (!direct) return db.thread.findUnique({ where: { siteId_pageKey: { siteId, pageKey } }, select: EMBED_THREAD });
  const row = await direct;
  return row ? { ...row, closed: row.closed === 1 } : null;
}

/** Creates the site's thread for a page; null when one with this page key exists already (a race lost). */
export async function insertPageThread(
  db: Db | Tx,
  t: { siteId: string; pageKey: string; title: string; url: string | null },
): Promise<EmbedThreadRow | null> {
  try {
    return await db.thread.create({ data: t, select: EMBED_THREAD });
  } catch (err) {
    if (isUniqueViolation(err)) return null;
    throw err;
  }
}
