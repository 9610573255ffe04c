// What use cases announce once their transaction committed (STYLE.md §10): the publisher turns each
// into the realtime events of the rooms that may hear it (src/realtime/), and the thread cache drops
// what it touches. Plain types; event names are `entity:verb`.
import type { CommentStatus } from "./comment.ts";

/** Who did it: a moderator, or null for the system (pipeline, report threshold, link checker). */
export type Actor = { id: string; name: string } | null;

export type PublishEvent =
  /** A new comment was stored, whatever its status. */
  | { type: "comment:created"; commentId: string; threadId?: string; status?: string }
  /** The author edited it; `from` is the status before the edit (the pipeline may have changed it). */
  | { type: "comment:edited"; commentId: string; from: CommentStatus }
  /** A moderator, the author (delete) or the system moved it from one status to another. */
  | {
      type: "comment:status-changed";
      commentId: string;
      from: CommentStatus;
      to: CommentStatus;
      action: string;
      by: Actor;
      reason?: string | null;
    }
  /** A reader reported it (the reported queue and its count changed). */
  | { type: "comment:reported"; commentId: string }
  /** The citation checker stored a result for this URL (LinkCheck row). */
  | { type: "link:checked"; url: string }
  /** An admin closed or reopened the thread (its readers' forms follow). */
  | { type: "thread:settings-changed"; threadId: string };

/** The events about one comment (every kind but the link checker's and the thread's own). */
export type CommentPublishEvent = Extract<PublishEvent, { commentId: string }>;
