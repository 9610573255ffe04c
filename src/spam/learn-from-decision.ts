// How moderators' decisions teach a site's spam model. Called by change-status.ts, the one place a
// comment's status changes, inside the decision's transaction: the model moves with the decision or
// not at all.
//   approve / restore to published → ham      spam → spam      reject → spam only if the reason says so
//   restore out of spam to a waiting status → the comment's lesson is forgotten
// Everything else (system moves, authors' edits and deletes, reports, deletions) teaches nothing.
// A comment teaches one lesson at a time: a moderator who changes their mind (spam, then approve)
// replaces its lesson, and the model counts it once, as its latest label.
import type { CommentStatus } from "../domain/comment.ts";
import type { Tx } from "../store/client.ts";
import {
  countSpamLesson,
  deleteSpamLabel,
  readCommentForLesson,
  readSpamLabel,
  writeSpamLabel,
  type SpamLabelName,
} from "../store/spam-model.ts";
import { extractSpamFeatures, type SpamSignals } from "./spam-features.ts";

export type Lesson = SpamLabelName | "forget";

export function lessonOf(change: {
  from: CommentStatus | null;
  to: CommentStatus | null;
  action: string;
  moderatorId: string | null;
  reason?: string | null;
}): Lesson | null {
  if (!change.moderatorId) return null;
  if (change.to === "spam") return "spam";
  if (change.to === "published" && (change.action === "approve" || change.action === "restore")) return "ham";
  if (change.to === "rejected" && change.reason && /\bspam/i.test(change.reason)) return "spam";
  if (change.action === "restore" && change.from === "spam") return "forget";
  return null;
}

/** Teaches (or unteaches) one comment; returns the site whose model changed, or null. */
export async function learnFromDecision(
  tx: Tx,
  input: { commentId: string; lesson: Lesson; now: Date },
): Promise<string | null> {
  const comment = await readCommentForLesson(tx, input.commentId);
  if (!comment) return null;
  const siteId = comment.thread.siteId;
  const previous = await readSpamLabel(tx, comment.id);
  if (previous?.label === input.lesson) return null; // already counted as this
  if (!previous && input.lesson === "forget") return null;
  if (previous) {
    await countSpamLesson(tx, { siteId, label: previous.label, features: previous.features, sign: -1, now: input.now });
  }
  if (input.lesson === "forget") {
    await deleteSpamLabel(tx, comment.id);
    return siteId;
  }
  const features = [...featuresOfStoredComment(comment).keys()];
  await countSpamLesson(tx, { siteId, label: input.lesson, features, sign: 1, now: input.now });
  await writeSpamLabel(tx, { commentId: comment.id, siteId, label: input.lesson, features, now: input.now });
  return siteId;
}

/** A stored comment's features: its text and author, and the signals the pipeline recorded when it was posted. */
export function featuresOfStoredComment(comment: {
  bodySource: string;
  authorName: string;
  authorEmail: string;
  authorUrl: string | null;
  metadata: unknown;
}) {
  return extractSpamFeatures({
    body: comment.bodySource,
    author: { name: comment.authorName, email: comment.authorEmail, url: comment.authorUrl },
    signals: storedSignals(comment.metadata),
  });
}

/** What the spam-score phase recorded (metadata.spam.signals), else what the other phases left. */
export function storedSignals(metadata: unknown): SpamSignals {
  const m = (metadata ?? {}) as {
    links?: unknown;
    spam?: { signals?: Partial<SpamSignals> };
    citations?: { citations?: { url?: unknown }[] };
  };
  const links = Array.isArray(m.links) ? m.links.filter((l): l is string => typeof l === "string") : [];
  const recorded = m.spam?.signals;
  const cited = Array.isArray(m.citations?.citations)
    ? m.citations.citations.map((c) => c.url).filter((u): u is string => typeof u === "string")
    : [];
  return {
    links,
    citedLinks: Array.isArray(recorded?.citedLinks) ? recorded.citedLinks : cited,
    citationFlags: Array.isArray(recorded?.citationFlags) ? recorded.citationFlags : [],
    postedAfterMs: typeof recorded?.postedAfterMs === "number" ? recorded.postedAfterMs : null,
  };
}
