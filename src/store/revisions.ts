// A comment's text history. The comment row holds its current text; a CommentRevision row is written
// only once there is more than one version: a post writes none, its first edit writes the text as
// posted (revision 1) beside the new one, every later edit its new text. So an unedited comment has no
// revision row (older ones kept their revision 1 row: both read the same) and every reader goes
// through historyOf(), which puts revision 1 back from the row. A post is one statement cheaper.
import type { Tx } from "./client.ts";

type Version = { revision: number; bodySource: string; bodyHtml: string; createdAt: Date };

/** Keeps an edit's text as a revision row, with the text as posted when this is the comment's first
 *  edit (`before`: the row as the edit read it; the edit is conditional on that revision). */
export async function insertEditRevision(
  tx: Tx,
  commentId: string,
  edited: Version,
  before: { bodySource: string; bodyHtml: string; createdAt: Date },
): Promise<void> {
  const kept = await tx.commentRevision.findFirst({ where: { commentId }, select: { id: true } });
  const { bodySource, bodyHtml, createdAt } = before;
  const first = kept ? [] : [{ commentId, revision: 1, bodySource, bodyHtml, createdAt }];
  await tx.commentRevision.createMany({ data: [...first, { commentId, ...edited }] });
}

/** A comment's versions, oldest first, with the `fields` its reader selects (in that order): its revision
 *  rows, or its own text as revision 1 when it was never edited. None for a comment whose text was
 *  erased (a reader's data deleted: its rows went too, as before). */
export function historyOf<K extends keyof Version>(
  c: { revisions: Pick<Version, K>[]; bodySource: string; bodyHtml: string; createdAt: Date },
  fields: readonly K[],
): Pick<Version, K>[] {
  if (c.revisions.length || !c.bodySource) return c.revisions;
  const first: Version = { revision: 1, bodySource: c.bodySource, bodyHtml: c.bodyHtml, createdAt: c.createdAt };
  return [Object.fromEntries(fields.map((f) => [f, first[f]])) as Pick<Version, K>];
}
