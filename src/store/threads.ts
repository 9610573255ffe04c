// The Thread table: a thread's row, its published count and its open/closed state (a thread with the
// settings that govern it, and a post's read of it: governing-rows.ts).
import type { PublishedCounts } from "../domain/thread.ts";
import { sqltag as sql, type Sql } from "@prisma/client/runtime/client";
import { isUniqueViolation, type Db, type DbProvider, type Tx } from "./client.ts";
import { activeBanMatch, type BanSubject } from "./bans.ts";
import { sameBodyMatch, type PosterQuery } from "./poster-comments.ts";
import { directRows, sqliteTime } from "./sqlite-direct.ts";
import type { BodyHash } from "../domain/body-hash.ts";

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
 * ban or a competing post committed while the post waited. On PostgreSQL a post sends it inside its
 * events' append (room-events.ts appendRoomEventsAfter): `postedCountUpdate` and `postedCountsOf`. */
export async function addPostedCount(
  tx: Tx,
  provider: DbProvider,
  threadId: string,
  at: Date,
  ban: PostedBan,
  sameBody?: PostedSameBody,
): Promise<PostedCounts> {
  const [row] = await directRows<PostedCountRow>(tx, postedCountUpdate(provider, threadId, at, ban, sameBody));
  if (!row) throw new Error(`thread ${threadId} not found`);
  return postedCountsOf(row, !!sameBody);
}

export type PostedBan = { siteId: string; subjects: readonly BanSubject[]; now: Date };
export type PostedSameBody = { poster: PosterQuery; bodyHash: BodyHash; since: Date };
export type PostedCounts = PublishedCounts & { banned: boolean; sameBody?: boolean };
/** The row `postedCountUpdate` returns. */
export type PostedCountRow = {
  publishedCount: Num;
  pingbackCount: Num;
  banned: boolean | Num;
  sameBody: boolean | Num;
};

/** addPostedCount's statement: `UPDATE "Thread" … RETURNING` its counts and the two look-ups (PostedCountRow). */
export function postedCountUpdate(
  provider: DbProvider,
  threadId: string,
  at: Date,
  ban: PostedBan,
  sameBody?: PostedSameBody,
): Sql {
  const banned = activeBanMatch(provider, ban.siteId, ban.subjects, ban.now);
  const duplicate = sameBody ? sameBodyMatch(provider, sameBody.poster, sameBody.bodyHash, sameBody.since) : sql`1 = 0`;
  return sql`
    UPDATE "Thread" SET "publishedCount" = "publishedCount" + 1,
      "lastCommentAt" = ${provider === "sqlite" ? sqliteTime(at) : at}
    WHERE "id" = ${threadId}
    RETURNING "publishedCount", "pingbackCount", EXISTS (SELECT 1 FROM "Ban" WHERE ${banned}) AS "banned",
      ${duplicate} AS "sameBody"`;
}

/** The counts and answers of a `postedCountUpdate` row (`sameBody`: the duplicate look-up was asked). */
export function postedCountsOf(row: PostedCountRow, sameBody: boolean): PostedCounts {
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
  // Every widget load asks: one raw statement on both stores (on SQLite straight from the connection,
  // sqlite-direct.ts), not a findUnique that PostgreSQL's Prisma plans and maps for each call.
  const [row] = await directRows<Omit<EmbedThreadRow, "closed"> & { closed: boolean | number }>(
    db,
    sql`SELECT "id", "siteId", "pageKey", "title", "url", "closed", "publishedCount", "pingbackCount"
      FROM "Thread" WHERE "siteId" = ${siteId} AND "pageKey" = ${pageKey}`,
  );
  return row ? { ...row, closed: Boolean(Number(row.closed)) } : null;
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
