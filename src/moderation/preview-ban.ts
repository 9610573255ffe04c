// Use case: before banning a comment's author, what the ban would take down — their other comments on
// the same site (matched by email, as the ban sweep does), counted by status — so the console can ask.
import type { CommentStatus } from "../domain/comment.ts";
import { AppError } from "../domain/errors.ts";
import type { Deps } from "../deps.ts";

export type BanPreview = {
  comment: { id: string; authorName: string; authorEmail: string };
  /** The author's other comments on the site, by status (this comment not included). */
  others: { pending: number; held: number; published: number };
  /** An unexpired ban on this email already exists on the site. */
  alreadyBanned: boolean;
};

export async function previewBan(deps: Deps, commentId: string): Promise<BanPreview> {
  const row = await deps.db.comment.findUnique({
    where: { id: commentId },
    select: { id: true, authorName: true, authorEmail: true, thread: { select: { siteId: true } } },
  });
  if (!row) throw new AppError("COMMENT_NOT_FOUND");
  const siteId = row.thread.siteId;
  const [groups, ban] = await Promise.all([
    deps.db.comment.groupBy({
      by: ["status"],
      where: {
        authorEmail: row.authorEmail,
        thread: { siteId },
        id: { not: row.id },
        status: { in: ["pending", "held", "published"] },
      },
      _count: { _all: true },
    }),
    deps.db.ban.findFirst({
      where: {
        siteId,
        kind: "email",
        value: row.authorEmail,
        OR: [{ expiresAt: null }, { expiresAt: { gt: deps.clock.now() } }],
      },
      select: { id: true },
    }),
  ]);
  const n = (s: CommentStatus) => groups.find((g) => g.status === s)?._count._all ?? 0;
  return {
    comment: { id: row.id, authorName: row.authorName, authorEmail: row.authorEmail },
    others: { pending: n("pending"), held: n("held"), published: n("published") },
    alreadyBanned: !!ban,
  };
}
