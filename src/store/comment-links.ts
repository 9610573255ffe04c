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
