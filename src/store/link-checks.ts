// The LinkCheck table: one cached result per URL (cache key, no fragment), failures included, shared
// by every comment and every instance. A row's expiresAt doubles as a lease: an instance claims a URL
// by moving expiresAt forward with a conditional UPDATE (or by inserting the row), so when several
// instances see the same expired URL, exactly one of them fetches it.
import { DbNull, join } from "@prisma/client/runtime/client";
import type { Prisma } from "../generated/sqlite/client.ts";
import type { CommentStatus } from "../domain/comment.ts";
import { isUniqueViolation, type Db, type Tx } from "./client.ts";

export type LinkCheckRow = {
  url: string;
  state: string;
  httpStatus: number | null;
  finalUrl: string | null;
  finalDomain: string | null;
  redirectChain: unknown;
  contentType: string | null;
  title: string | null;
  /** PageAnchors as stored (JSON); read it with citations/fragment-check.ts asAnchors(). */
  anchors: unknown;
  durationMs: number | null;
  error: string | null;
  checkedAt: Date;
  expiresAt: Date;
};

/** A result to store: everything but the URL (anchors null when the page's were not read). */
export type LinkCheckWrite = Omit<LinkCheckRow, "url">;

/** The cached results for these URLs (cache keys), by URL; URLs never checked are absent. */
export async function readLinkChecks(db: Db | Tx, keys: readonly string[]): Promise<Map<string, LinkCheckRow>> {
  if (keys.length === 0) return new Map();
  const rows = await db.linkCheck.findMany({ where: { url: { in: [...new Set(keys)] } } });
  return new Map(rows.map((r) => [r.url, r]));
}

/**
 * Takes the URL for checking until `leaseUntil`. True when this caller won: the row was missing (now
 * inserted as "unchecked") or expired. A URL already under someone's lease, or fresh, is not taken.
 */
export async function claimLinkCheck(db: Db, key: string, now: Date, leaseUntil: Date): Promise<boolean> {
  const taken = await db.linkCheck.updateMany({
    where: { url: key, expiresAt: { lte: now } },
    data: { expiresAt: leaseUntil },
  });
  if (taken.count === 1) return true;
  try {
    await db.linkCheck.create({
      data: { url: key, state: "unchecked", redirectChain: [], checkedAt: now, expiresAt: leaseUntil },
    });
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false; // someone else holds it
    throw err;
  }
}

/** Stores a URL's result, replacing the one cached (or the lease's placeholder). */
export async function writeLinkCheck(db: Db, key: string, result: LinkCheckWrite): Promise<LinkCheckRow> {
  const data = {
    ...result,
    redirectChain: result.redirectChain as Prisma.InputJsonValue,
    anchors: result.anchors === null ? DbNull : (result.anchors as Prisma.InputJsonValue),
  };
  return db.linkCheck.upsert({ where: { url: key }, create: { url: key, ...data }, update: data });
}

/**
 * Up to `batch` URLs due for a check, cited by a comment whose status is in `citedBy`: the never-checked
 * first, then those whose result expired, oldest first. Expired results nothing in `citedBy` cites any
 * more are deleted instead of returned. A citation left "not checked" (over a links-checked cap) does
 * not count: the sweep never fetches what the caps refused.
 */
export async function takeDueLinks(
  db: Db,
  citedBy: readonly CommentStatus[],
  now: Date,
  batch: number,
): Promise<string[]> {
  const never = await db.$queryRaw<{ url: string }[]>`
    SELECT DISTINCT cl."url" AS url FROM "CommentLink" cl JOIN "Comment" c ON c."id" = cl."commentId"
    WHERE c."status" IN (${join([...citedBy])}) AND NOT cl."notChecked" AND NOT EXISTS (SELECT 1 FROM "LinkCheck" lc WHERE lc."url" = cl."url")
    LIMIT ${Math.trunc(batch)}`;
  const due = never.map((r) => r.url);
  if (due.length >= batch) return due;
  const expired = await db.linkCheck.findMany({
    where: { expiresAt: { lte: now } },
    orderBy: { expiresAt: "asc" },
    take: batch - due.length,
    select: { url: true },
  });
  const cited = await db.commentLink.findMany({
    where: { url: { in: expired.map((r) => r.url) }, notChecked: false, comment: { status: { in: [...citedBy] } } },
    select: { url: true },
    distinct: ["url"],
  });
  const citedUrls = new Set(cited.map((c) => c.url));
  const orphans = expired.map((r) => r.url).filter((u) => !citedUrls.has(u));
  if (orphans.length) await db.linkCheck.deleteMany({ where: { url: { in: orphans }, expiresAt: { lte: now } } });
  return [...due, ...expired.map((r) => r.url).filter((u) => citedUrls.has(u))];
}
