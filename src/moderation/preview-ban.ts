// Use case: before banning a comment's author, what the ban would take down — their other comments on
// the same site (matched by email, as the ban sweep does), counted by status — so the console can ask.
import type { CommentStatus } from "../domain/comment.ts";
import { AppError } from "../domain/errors.ts";
import type { Deps } from "../deps.ts";
import { hasActiveBan } from "../store/bans.ts";
import { countAuthorsComments, readCommentWithSite } from "../store/comments.ts";

export type BanPreview = {
  comment: { id: string; authorName: string; authorEmail: string };
  /** The author's other comments on the site, by status (this comment not included). */
  others: { pending: number; held: number; published: number };
  /** An unexpired ban on this email already exists on the site. */
  alreadyBanned: boolean;
};

export async function previewBan(deps: Deps, commentId: string): Promise<BanPreview> {
  const row = await readCommentWithSite(deps.db, commentId);
  if (!row) throw new AppError("COMMENT_NOT_FOUND");
  const siteId = row.thread.siteId;
  const [counts, ban] = await Promise.all([
    countAuthorsComments(deps.db, {
      siteId,
      email: row.authorEmail,
      statuses: ["pending", "held", "published"],
      exceptId: row.id,
    }),
    hasActiveBan(deps.db, deps.dbProvider, siteId, [{ kind: "email", value: row.authorEmail }], deps.clock.now()),
  ]);
  const n = (s: CommentStatus) => counts.get(s) ?? 0;
  return {
    comment: { id: row.id, authorName: row.authorName, authorEmail: row.authorEmail },
    others: { pending: n("pending"), held: n("held"), published: n("published") },
    alreadyBanned: ban,
  };
}
