// Mail to moderators about comments that wait (README "Email"): each moderator chooses in the console
// a mail per held / reported comment ("each"), an hourly digest ("hourly"), or nothing. "each" is queued
// in the transaction that holds the comment; the hourly digest is built by the mail worker.
import type { Deps } from "../deps.ts";
import { inTransaction, type Tx } from "../store/client.ts";
import {
  advanceAlertCursor,
  commentsThatStartedWaiting,
  moderatorsAlertedOnEach,
  moderatorsWithHourlyDigest,
} from "../store/moderator-alerts.ts";
import { enqueueMail } from "./enqueue-mail.ts";

const HOUR_MS = 3600_000;
const DIGEST_MAX = 50;

/** A comment was held (or is pending) on posting, or reader reports held it. Returns mails queued. */
export async function enqueueModeratorAlerts(
  tx: Tx,
  c: { commentId: string; reason: "held" | "pending" | "reported" },
  now: Date,
): Promise<number> {
  const moderators = await moderatorsAlertedOnEach(tx);
  for (const m of moderators) {
    await enqueueMail(
      tx,
      {
        kind: "moderator-alert",
        to: m.email,
        idempotencyKey: `moderator-alert:${c.commentId}:${c.reason}:${m.id}`,
        data: { commentId: c.commentId, reason: c.reason },
      },
      now,
    );
  }
  return moderators.length;
}

/** Hourly: each "hourly" moderator gets one mail listing the comments that started waiting since the last. */
export async function queueModeratorDigests(deps: Deps, now: Date): Promise<number> {
  let queued = 0;
  for (const m of await moderatorsWithHourlyDigest(deps.db)) {
    const since = m.alertCursor ?? new Date(now.getTime() - HOUR_MS);
    if (now.getTime() - since.getTime() < HOUR_MS) continue;
    const ids = await commentsThatStartedWaiting(deps.db, since, now, DIGEST_MAX);
    await inTransaction(deps.db, async (tx) => {
      if (!(await advanceAlertCursor(tx, m.id, m.alertCursor, now)) || !ids.length) return;
      await enqueueMail(
        tx,
        {
          kind: "moderator-digest",
          to: m.email,
          idempotencyKey: `moderator-digest:${m.id}:${now.getTime()}`,
          data: { commentIds: ids },
        },
        now,
      );
      queued++;
    });
  }
  return queued;
}
