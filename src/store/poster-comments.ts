// What the moderation pipeline asks about a poster's earlier comments on a site (moderation/
// poster-history.ts turns these into the PosterHistory phases read). `excludeId`: the comment being
// edited or re-checked, never counted against itself.
import { join, raw, sqltag as sql, type Sql } from "@prisma/client/runtime/client";
import type { Db, DbProvider, Tx } from "./client.ts";
import { directRows, sqliteTime } from "./sqlite-direct.ts";
import type { BodyHash } from "../domain/body-hash.ts";

export type PosterQuery = {
  siteId: string;
  email: string;
  ipHash: string;
  /** A signed-in reader's account: their comments count as theirs whatever email or address they used. */
  readerAccountId: string | null;
  excludeId?: string;
};

function onSite(p: PosterQuery) {
  return { thread: { siteId: p.siteId }, ...(p.excludeId ? { id: { not: p.excludeId } } : {}) };
}

/** When this email last commented on the site after `since`, or null. */
export async function lastCommentByEmailSince(
  db: Db | Tx,
  provider: DbProvider,
  p: PosterQuery,
  since: Date,
): Promise<Date | null> {
  const [last] = await commentTimesSince(db, provider, p, sql`c."authorEmail" = ${p.email}`, since, 1);
  return last ?? null;
}

/** When this address's comments on the site after `since` were written (any email), newest first, at most `upTo`. */
export function commentTimesFromAddressSince(
  db: Db | Tx,
  provider: DbProvider,
  p: PosterQuery,
  since: Date,
  upTo: number,
): Promise<Date[]> {
  return commentTimesSince(db, provider, p, sql`c."ipHash" = ${p.ipHash}`, since, upTo);
}

/** The flood rule's look-up: the times of the poster's (`who`) comments on the site after `since`, newest
 *  first, at most `upTo`; one statement on either store, straight to SQLite where it can (sqlite-direct.ts). */
async function commentTimesSince(
  db: Db | Tx,
  provider: DbProvider,
  p: PosterQuery,
  who: Sql,
  since: Date,
  upTo: number,
): Promise<Date[]> {
  // SQLite keeps Prisma's DateTime as ISO text and compares it as text (as sameBodyMatch below).
  const after = provider === "sqlite" ? sqliteTime(since) : since;
  const other = p.excludeId ? sql` AND c."id" <> ${p.excludeId}` : sql``;
  const rows = await directRows<{ at: string | Date }>(
    db,
    sql`SELECT c."createdAt" AS "at" FROM "Comment" c JOIN "Thread" t ON t."id" = c."threadId"
      WHERE ${who} AND c."createdAt" > ${after} AND t."siteId" = ${p.siteId}${other}
      ORDER BY c."createdAt" DESC LIMIT ${raw(String(Math.max(0, Math.trunc(upTo))))}`,
  );
  return rows.map((r) => new Date(r.at));
}

/** Whether the poster (same email, address or account) wrote a comment on the site with this body hash after
 *  `since`. One look-up on Comment(bodyHash, createdAt): only the rows with the same text are looked at.
 *  The very condition a post's count update asks (sameBodyMatch), on either store. */
export async function sameBodySince(
  db: Db | Tx,
  provider: DbProvider,
  p: PosterQuery,
  bodyHash: BodyHash,
  since: Date,
): Promise<boolean> {
  const rows = await directRows(db, sql`SELECT 1 AS "one" WHERE ${sameBodyMatch(provider, p, bodyHash, since)}`);
  return rows.length > 0;
}

/** sameBodySince's question as a condition, for a statement that asks it beside others (threads.ts
 *  addPostedCount asks it in a post's count update, so the duplicate check costs no statement of its own). */
export function sameBodyMatch(provider: DbProvider, p: PosterQuery, bodyHash: BodyHash, since: Date): Sql {
  // SQLite keeps Prisma's DateTime as ISO text and compares it as text (bans.ts activeBanMatch).
  const at = provider === "sqlite" ? sqliteTime(since) : since;
  const who = join(
    [
      sql`c."authorEmail" = ${p.email}`,
      sql`c."ipHash" = ${p.ipHash}`,
      ...(p.readerAccountId ? [sql`c."readerAccountId" = ${p.readerAccountId}`] : []),
    ],
    " OR ",
  );
  const other = p.excludeId ? sql` AND c."id" <> ${p.excludeId}` : sql``;
  return sql`EXISTS (SELECT 1 FROM "Comment" c JOIN "Thread" ct ON ct."id" = c."threadId"
    WHERE c."bodyHash" = ${bodyHash} AND c."createdAt" > ${at} AND (${who}) AND ct."siteId" = ${p.siteId}${other})`;
}

/** Published comments on the site by the signed-in account, at most `upTo` counted. */
export async function countPublishedByAccount(db: Db | Tx, p: PosterQuery, upTo: number): Promise<number> {
  return db.comment.count({
    where: { ...onSite(p), readerAccountId: p.readerAccountId, status: "published" },
    take: upTo,
  });
}

/** This email's published anonymous comments on the site, counted by the name they were posted under. */
export async function countPublishedByName(
  db: Db | Tx,
  p: PosterQuery,
): Promise<{ authorName: string; count: number }[]> {
  const groups = await db.comment.groupBy({
    by: ["authorName"],
    where: { ...onSite(p), authorEmail: p.email, readerAccountId: null, status: "published" },
    _count: { _all: true },
  });
  return groups.map((g) => ({ authorName: g.authorName, count: g._count._all }));
}
