// Storage for a reader's data (src/privacy/): everything kept about an email address, anonymising or
// deleting their comments with an audit row each and the threads' counts recomputed in the same
// transaction, and the IP-hash retention sweep.
import type { Db, Tx } from "./client.ts";
import { recountThreads } from "./imports.ts";
import { bodyHashOf } from "../domain/body-hash.ts";
import type { CommentStatus } from "../domain/comment.ts";
import { historyOf } from "./revisions.ts";

export const ANONYMOUS_NAME = "Deleted reader";

/** Every comment written with this email, with its page and revisions, oldest first. */
export async function readCommentsOfAddress(db: Db, email: string) {
  const rows = await db.comment.findMany({
    where: { authorEmail: email },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      authorName: true,
      authorEmail: true,
      authorUrl: true,
      ipHash: true,
      bodySource: true,
      bodyHtml: true,
      status: true,
      createdAt: true,
      editedAt: true,
      publishedAt: true,
      kind: true,
      thread: { select: { id: true, title: true, url: true, article: { select: { slug: true } } } },
      revisions: { orderBy: { revision: "asc" }, select: { revision: true, bodySource: true, createdAt: true } },
    },
  });
  return rows.map((c) => ({ ...c, revisions: historyOf(c, ["revision", "bodySource", "createdAt"]) }));
}

/** Mail records of the address (the email issue's tables): subscriptions and the address's state. */
export async function readMailRecordsOfAddress(db: Db, email: string) {
  const [address, subscriptions] = await Promise.all([
    db.emailAddress.findUnique({ where: { address: email } }),
    db.subscription.findMany({ where: { address: email } }),
  ]);
  return { address, subscriptions };
}

export type EraseMode = "anonymise" | "delete";

/** Anonymises (name, email, website and IP hash removed) or deletes (status deleted, text removed) every
 *  comment of the address, with an audit row per comment, and drops the address's mail subscriptions
 *  (no more mail about comments that are gone), in the caller's transaction. Returns what changed. */
export async function eraseCommentsOfAddress(
  tx: Tx,
  email: string,
  mode: EraseMode,
  who: { moderatorId: string | null; reason: string },
): Promise<{ id: string; status: CommentStatus }[]> {
  const rows = await tx.comment.findMany({
    where: { authorEmail: email },
    select: { id: true, threadId: true, status: true, revision: true },
  });
  await tx.subscription.deleteMany({ where: { address: email } });
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const anonymous = { authorName: ANONYMOUS_NAME, authorEmail: "", authorUrl: null, ipHash: "" };
  if (mode === "anonymise") {
    await tx.comment.updateMany({ where: { id: { in: ids } }, data: { ...anonymous, revision: { increment: 1 } } });
  } else {
    await tx.comment.updateMany({
      where: { id: { in: ids } },
      data: {
        ...anonymous,
        status: "deleted",
        bodySource: "",
        bodyHash: bodyHashOf(""),
        bodyHtml: "",
        metadata: {},
        revision: { increment: 1 },
      },
    });
    await tx.commentRevision.deleteMany({ where: { commentId: { in: ids } } });
    await tx.commentLink.deleteMany({ where: { commentId: { in: ids } } });
  }
  await tx.moderationAction.createMany({
    data: rows.map((r) => ({
      commentId: r.id,
      moderatorId: who.moderatorId,
      action: mode === "anonymise" ? "erase-anonymise" : "erase-delete",
      fromStatus: r.status,
      toStatus: mode === "anonymise" ? r.status : "deleted",
      reason: who.reason,
      revision: r.revision + 1,
    })),
  });
  await recountThreads(
    tx,
    rows.map((r) => r.threadId),
  );
  return rows.map((r) => ({ id: r.id, status: r.status }));
}

/** Clears the IP hashes of comments older than the cutoff (IP_HASH_RETENTION_DAYS). Returns how many. */
export async function clearIpHashesBefore(db: Db, cutoff: Date): Promise<number> {
  const { count } = await db.comment.updateMany({
    where: { createdAt: { lt: cutoff }, ipHash: { not: "" } },
    data: { ipHash: "" },
  });
  return count;
}
