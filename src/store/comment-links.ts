// CommentLink: the URLs (cache keys) each comment cites, with their citation labels. The link checker
// finds the comments a result affects through it; sources fall back to it for comments no citation
// phase saw.
import type { CommentStatus } from "../domain/comment.ts";
import type { Db, Tx } from "./client.ts";

export type CommentLinkWrite = { url: string; label: string | null };

/** The links of these comments: comment, URL and label, in no particular order. */
export function listCommentLinks(
  db: Db | Tx,
  commentIds: readonly string[],
): Promise<{ commentId: string; url: string; label: string | null }[]> {
  return db.commentLink.findMany({
    where: { commentId: { in: [...commentIds] } },
    select: { commentId: true, url: true, label: true },
  });
}

/** The URLs one comment cites. */
export async function readCommentLinkUrls(db: Db | Tx, commentId: string): Promise<string[]> {
  const rows = await db.commentLink.findMany({ where: { commentId }, select: { url: true } });
  return rows.map((r) => r.url);
}

/** The comments citing `url` whose status is one of `statuses`. */
export async function listCommentsCiting(
  db: Db | Tx,
  url: string,
  statuses: readonly CommentStatus[],
): Promise<string[]> {
  const rows = await db.commentLink.findMany({
    where: { url, comment: { status: { in: [...statuses] } } },
    select: { commentId: true },
  });
  return rows.map((r) => r.commentId);
}

/** Marks these links of a comment "not checked": over the site's links-checked caps, never fetched for it. */
export async function markLinksNotChecked(db: Db | Tx, commentId: string, urls: readonly string[]): Promise<void> {
  if (!urls.length) return;
  await db.commentLink.updateMany({ where: { commentId, url: { in: [...urls] } }, data: { notChecked: true } });
}

/** The links of these comments that were left "not checked", by comment. */
export async function readNotCheckedLinks(
  db: Db | Tx,
  commentIds: readonly string[],
): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  if (!commentIds.length) return out;
  const rows = await db.commentLink.findMany({
    where: { commentId: { in: [...commentIds] }, notChecked: true },
    select: { commentId: true, url: true },
  });
  for (const r of rows) {
    let urls = out.get(r.commentId);
    if (!urls) out.set(r.commentId, (urls = new Set()));
    urls.add(r.url);
  }
  return out;
}

/** The threads with a comment in `statuses` citing any of these URLs. */
export async function listThreadsCiting(
  db: Db | Tx,
  urls: readonly string[],
  statuses: readonly CommentStatus[],
): Promise<string[]> {
  if (!urls.length) return [];
  const rows = await db.comment.findMany({
    where: { status: { in: [...statuses] }, links: { some: { url: { in: [...urls] } } } },
    select: { threadId: true },
    distinct: ["threadId"],
  });
  return rows.map((r) => r.threadId);
}

/** Which comments cite each of these URLs (any status): one pair per link. */
export function listCitingPairs(db: Db | Tx, urls: readonly string[]): Promise<{ url: string; commentId: string }[]> {
  if (!urls.length) return Promise.resolve([]);
  return db.commentLink.findMany({ where: { url: { in: [...urls] } }, select: { url: true, commentId: true } });
}

/** Replaces a comment's links with `links` (an edit's new text). */
export async function replaceCommentLinks(
  tx: Tx,
  commentId: string,
  links: readonly CommentLinkWrite[],
): Promise<void> {
  await tx.commentLink.deleteMany({ where: { commentId } });
  if (links.length) await tx.commentLink.createMany({ data: links.map((l) => ({ commentId, ...l })) });
}
