// What mail templates read when a mail is rendered (at send time, so a mail never carries text that
// was edited or removed since the event): the thread with its site and article, and comments.
import type { Db } from "./client.ts";

export type ThreadForMail = {
  id: string;
  title: string;
  url: string | null;
  siteName: string;
  articleSlug: string | null;
};

/** A thread's title, site and where it is read, for a mail about it. */
export async function readThreadForMail(db: Db, threadId: string): Promise<ThreadForMail | null> {
  const t = await db.thread.findUnique({
    where: { id: threadId },
    select: { id: true, title: true, url: true, site: { select: { name: true } }, article: { select: { slug: true } } },
  });
  return t && { id: t.id, title: t.title, url: t.url, siteName: t.site.name, articleSlug: t.article?.slug ?? null };
}

export type CommentForMail = {
  id: string;
  threadId: string;
  parentId: string | null;
  authorName: string;
  authorEmail: string;
  bodySource: string;
  status: string;
  flags: unknown;
  publishedAt: Date | null;
};

const COMMENT = {
  id: true,
  threadId: true,
  parentId: true,
  authorName: true,
  authorEmail: true,
  bodySource: true,
  status: true,
  flags: true,
  publishedAt: true,
} as const;

/** A comment as mails show it (author, text, status, flags, its thread and parent), or null. */
export function readCommentForMail(db: Db, id: string): Promise<CommentForMail | null> {
  return db.comment.findUnique({ where: { id }, select: COMMENT });
}

/** Several comments as mails show them (the moderators' digest). */
export function readCommentsForMail(db: Db, ids: string[]): Promise<CommentForMail[]> {
  return db.comment.findMany({ where: { id: { in: ids } }, select: COMMENT, orderBy: { createdAt: "asc" } });
}

/** Comments published in a thread within (since, until], not written by `exceptAddress`, oldest first. */
export async function readPublishedBetween(
  db: Db,
  q: { threadId: string; since: Date; until: Date; exceptAddress: string; limit: number },
): Promise<{ comments: CommentForMail[]; total: number }> {
  const where = {
    threadId: q.threadId,
    status: "published" as const,
    publishedAt: { gt: q.since, lte: q.until },
    authorEmail: { not: q.exceptAddress },
  };
  const [comments, total] = await Promise.all([
    db.comment.findMany({ where, select: COMMENT, orderBy: { publishedAt: "asc" }, take: q.limit }),
    db.comment.count({ where }),
  ]);
  return { comments, total };
}
