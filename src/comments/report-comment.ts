// Use case: a reader reports a published comment. One report per reader per comment (the reporter
// key: address + browser cookie); the threshold counts distinct ADDRESSES, since a cookie is free to
// mint and an address is not. When the reporting addresses reach the thread's `reportThreshold`, the
// comment is held with the flag `reported` and a system audit row, in the transaction of the report
// that tipped it. `reportCount` is that number of addresses.
import crypto from "node:crypto";
import type { CommentFlag } from "../domain/comment.ts";
import { AppError } from "../domain/errors.ts";
import { afterCommit } from "../after-commit.ts";
import type { Deps } from "../deps.ts";
import { changeStatus } from "../moderation/change-status.ts";
import { getThreadSettings } from "../sites/get-thread-settings.ts";
import { inTransaction } from "../store/client.ts";
import { readComment, writeReportCount } from "../store/comments.ts";
import { countReportingAddresses, hasReportFromAddress, insertReport } from "../store/reports.ts";
import { enqueueModeratorAlerts } from "../mail/moderator-alerts.ts";

export const REPORT_REASONS = ["spam", "abuse", "off-topic", "other"] as const;
export type ReportInput = {
  commentId: string;
  reporterKey: string;
  /** The reporter's address hash (IPv6: its /64), see addressHashOf. */
  addressHash: string;
  /** The request sent no reader cookie (its key uses the cookie minted in this answer): such a client
   * cannot be told apart from the address's earlier cookieless reporters, so it counts as one of them. */
  cookieless: boolean;
  reason: (typeof REPORT_REASONS)[number];
  note?: string | null;
};

/** Who is reporting: the reader's address hash with their reader token (the one their browser sent,
 * or the one minted in this answer, so the same reader coming back with it is recognised). */
export function reporterKeyOf(addressHash: string, readerToken: string | undefined): string {
  return crypto
    .createHash("sha256")
    .update(`${addressHash}:${readerToken ?? ""}`)
    .digest("hex");
}

export async function reportComment(deps: Deps, input: ReportInput): Promise<{ held: boolean }> {
  const found = await readComment(deps.db, input.commentId);
  if (!found || found.status !== "published") throw new AppError("COMMENT_NOT_FOUND");
  const { settings } = await getThreadSettings(deps, found.threadId);
  const now = deps.clock.now();

  const moved = await inTransaction(deps.db, async (tx) => {
    if (input.cookieless && (await hasReportFromAddress(tx, input.commentId, input.addressHash)))
      throw new AppError("ALREADY_REPORTED");
    const stored = await insertReport(tx, {
      commentId: input.commentId,
      reporterKey: input.reporterKey,
      addressHash: input.addressHash,
      reason: input.reason,
      note: input.note ?? null,
      createdAt: now,
    });
    if (!stored) throw new AppError("ALREADY_REPORTED");
    const reportCount = await countReportingAddresses(tx, input.commentId);
    const row = await writeReportCount(tx, input.commentId, reportCount);
    if (row.status !== "published" || row.reportCount < settings.reportThreshold) return null;
    const flags = [
      ...(row.flags as CommentFlag[]).filter((f) => f.code !== "reported"),
      { code: "reported", detail: `${row.reportCount} reader reports` },
    ];
    const reason = `${row.reportCount} reader reports`;
    await changeStatus(tx, {
      comment: row,
      to: "held",
      action: "report-threshold",
      moderatorId: null,
      reason,
      now,
      data: { flags },
    });
    await enqueueModeratorAlerts(tx, { commentId: row.id, reason: "reported" }, now);
    return { reason };
  });

  afterCommit(deps, {
    publish: [
      { type: "comment:reported", commentId: input.commentId },
      ...(moved
        ? [
            {
              type: "comment:status-changed",
              commentId: input.commentId,
              from: "published",
              to: "held",
              action: "report-threshold",
              by: null,
              reason: moved.reason,
            } as const,
          ]
        : []),
    ],
    wakeMailer: !!moved, // the moderators' alerts about the held comment
  });
  return { held: !!moved };
}
