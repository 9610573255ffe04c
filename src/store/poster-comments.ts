// What the moderation pipeline asks about a poster's earlier comments on a site (moderation/
// poster-history.ts turns these into the PosterHistory phases read). `excludeId`: the comment being
// edited or re-checked, never counted against itself.
import { join, sqltag as sql, type Sql } from "@prisma/client/runtime/client";
import type { Db, DbProvider, Tx } from "./client.ts";
import { directRows, sqliteDate, sqliteDirect, sqliteTime } from "./sqlite-direct.ts";

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
export async function lastCommentByEmailSince(db: Db | Tx, p: PosterQuery, since: Date): Promise<Date | null> {
  const direct = sqliteDirect(db, (s) =>
    sqliteDate(s.get<{ at: string }>(byPosterSince("authorEmail"), [p.email, since, p.siteId, p.excludeId, 1])?.at),
  );
  if (direct) return direct;
  const last = await db.comment.findFirst({
    where: { ...onSite(p), authorEmail: p.email, createdAt: { gt: since } },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  return last?.createdAt ?? null;
}

/** The flood rule's look-up on SQLite (store/sqlite-direct.ts): the poster's comments on the site after a
 * time, newest first; a null exception excludes nothing. */
const byPosterSince = (column: "authorEmail" | "ipHash") => `
  SELECT c."createdAt" AS "at" FROM "Comment" c JOIN "Thread" t ON t."id" = c."threadId"
  WHERE c."${column}" = ? AND c."createdAt" > ? AND t."siteId" = ? AND c."id" IS NOT ?
  ORDER BY c."createdAt" DESC LIMIT ?`;

/** When this address's comments on the site after `since` were written (any email), newest first, at most `upTo`. */
export async function commentTimesFromAddressSince(
  db: Db | Tx,
  p: PosterQuery,
  since: Date,
  upTo: number,
): Promise<Date[]> {
  const direct = sqliteDirect(db, (s) =>
    s
      .all<{ at: string }>(byPosterSince("ipHash"), [p.ipHash, since, p.siteId, p.excludeId, upTo])
      .map((r) => sqliteDate(r.at)!),
  );
  if (direct) return direct;
  const rows = await db.comment.findMany({
    where: { ...onSite(p), ipHash: p.ipHash, createdAt: { gt: since } },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
    take: upTo,
  });
  return rows.map((r) => r.createdAt);
}

/** Whether the poster (same email, address or account) wrote a comment on the site with this body hash after
 *  `since`. One look-up on Comment(bodyHash, createdAt): only the rows with the same text are looked at.
 *  The very condition a post's count update asks (sameBodyMatch), on either store. */
export async function sameBodySince(
  db: Db | Tx,
  provider: DbProvider,
  p: PosterQuery,
  bodyHash: string,
  since: Date,
): Promise<boolean> {
  const rows = await directRows(db, sql`SELECT 1 AS "one" WHERE ${sameBodyMatch(provider, p, bodyHash, since)}`);
  return rows.length > 0;
}

/** sameBodySince's question as a condition, for a statement that asks it beside others (threads.ts
 *  addPostedCount asks it in a post's count update, so the duplicate check costs no statement of its own). */
export function sameBodyMatch(provider: DbProvider, p: PosterQuery, bodyHash: string, since: Date): Sql {
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
