// Part of ban-author: the banned author's other comments on the same site (matched by email) that are
// still waiting (pending, held) — and, when the moderator asks, those already published — are rejected
// with the ban, each with its own audit row by that moderator. Runs inside the ban's transaction,
// under the poster lock; a comment someone else changed meanwhile is skipped, not fought over.
import type { CommentStatus } from "../domain/comment.ts";
import { isAppError } from "../domain/errors.ts";
import type { Tx } from "../store/client.ts";
import { listAuthorsComments } from "../store/comments.ts";
import { resolveReports } from "../store/reports.ts";
import { changeStatus, type ThreadCounts } from "./change-status.ts";

export type SweepInput = {
  siteId: string;
  email: string;
  /** The comment the ban was made on; decided on its own. */
  exceptId: string;
  rejectPublished: boolean;
  moderatorId: string;
  reason: string | null;
  now: Date;
  threadCounts: ThreadCounts;
};
export type Swept = { id: string; from: CommentStatus };

/** The statuses a ban takes down: waiting ones always, published ones on request. */
export function sweptStatuses(rejectPublished: boolean): CommentStatus[] {
  return rejectPublished ? ["pending", "held", "published"] : ["pending", "held"];
}

export async function rejectAuthorsComments(tx: Tx, input: SweepInput): Promise<Swept[]> {
  const rows = await listAuthorsComments(tx, {
    siteId: input.siteId,
    email: input.email,
    statuses: sweptStatuses(input.rejectPublished),
    exceptId: input.exceptId,
  });
  const swept: Swept[] = [];
  for (const row of rows) {
    const comment = row;
    try {
      await changeStatus(tx, {
        comment,
        to: "rejected",
        action: "ban-author",
        moderatorId: input.moderatorId,
        reason: input.reason,
        now: input.now,
        data: { reportCount: 0 },
        threadCounts: input.threadCounts,
      });
      swept.push({ id: row.id, from: comment.status });
    } catch (err) {
      // CONFLICT: changed since it was read (an edit or a report). A no-op update, so the transaction goes on.
      if (!isAppError(err) || err.code !== "CONFLICT") throw err;
    }
  }
  await resolveReports(
    tx,
    swept.map((s) => s.id),
    input.now,
  );
  return swept;
}
