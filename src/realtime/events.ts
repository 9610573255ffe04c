// Realtime vocabulary in one place (STYLE.md §10): room names, what services hand the publisher, what
// is stored for catch-up, and what clients receive. Event names are `entity:verb`.
import type { CommentStatus } from "../domain/comment.ts";
import type { PublicComment } from "../comments/public-comment.ts";
import type { QueueItem } from "../moderation/queue-items.ts";

// ── rooms ────────────────────────────────────────────────────────────────
export const threadRoom = (threadId: string) => `thread:${threadId}`;
export const threadIdOfRoom = (room: string) => (room.startsWith("thread:") ? room.slice("thread:".length) : null);
export const MODERATORS_ROOM = "moderators";
/** The author of one comment: sockets that presented its edit token (the hash is Comment.editTokenHash). */
export const ownRoom = (editTokenHash: string) => `own:${editTokenHash}`;

// ── what services publish, after their transaction committed ────────────
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

// ── what is stored per room (RealtimeEvent.payload): references, never comment content ──
// Content is read from the current rows when an event is sent or replayed, so a comment removed
// later is never replayed from an old copy.
export type StoredEvent =
  | { type: "comment:created" | "comment:updated" | "comment:removed"; commentId: string }
  | { type: "thread:count"; count: number }
  /** Whether the thread takes comments, as readers must see it (by hand or by age) when planned. */
  | { type: "thread:state"; closed: boolean }
  | {
      type: "queue:changed";
      commentId: string;
      from: CommentStatus | null;
      to: CommentStatus;
      action: string;
      by: Actor;
      reason: string | null;
      at: string;
    }
  | { type: "queue:counts"; counts: QueueCounts }
  | { type: "link:checked"; url: string };

// ── what clients receive ─────────────────────────────────────────────────
type Seq = { seq: number };

export type CommentShown = Seq & {
  type: "comment:created" | "comment:updated";
  threadId: string;
  comment: PublicComment;
};
export type CommentRemoved = Seq & { type: "comment:removed"; threadId: string; commentId: string };
export type ThreadCount = Seq & { type: "thread:count"; threadId: string; count: number };
/** The thread closed (the form goes, "Comments are closed.") or opened again. */
export type ThreadState = Seq & { type: "thread:state"; threadId: string; closed: boolean };
/** Sent only to the sockets holding the comment's edit token; never sequenced or stored. */
export type PendingOwn = { type: "comment:pending-own"; comment: PublicComment };

export type QueueCounts = {
  pending: number;
  held: number;
  reported: number;
  rejected: number;
  spam: number;
  all: number;
};
export type QueueChanged = Seq & {
  type: "queue:changed";
  commentId: string;
  threadId: string | null;
  from: CommentStatus | null;
  to: CommentStatus;
  action: string;
  by: Actor;
  reason: string | null;
  at: string;
  /** The comment as the queue shows it now (null once it no longer exists). */
  item: QueueItem | null;
};
export type QueueCountsChanged = Seq & { type: "queue:counts"; counts: QueueCounts };
export type LinkChecked = Seq & {
  type: "link:checked";
  url: string;
  state: string;
  httpStatus: number | null;
  title: string | null;
  finalUrl: string | null;
  commentIds: string[];
};

export type ThreadEvent = CommentShown | CommentRemoved | ThreadCount | ThreadState;
export type ModeratorEvent = QueueChanged | QueueCountsChanged | LinkChecked;
export type WireEvent = ThreadEvent | ModeratorEvent;

export type ServerToClientEvents = {
  [E in WireEvent | PendingOwn as E["type"]]: (event: E) => void;
};

// ── what clients send ────────────────────────────────────────────────────
export type JoinAck = { ok: true; seq: number } | { ok: false; error: { code: string; message: string } };

export type ClientToServerEvents = {
  /** Join a thread's room; editTokens (optional) also subscribe to the author's own pending comments. */
  "thread:join": (req: { threadId: string; editTokens?: string[] }, ack?: (res: JoinAck) => void) => void;
  "thread:leave": (req: { threadId: string }) => void;
  /** Add edit tokens later (after posting from this tab). */
  "own:watch": (req: { editTokens: string[] }) => void;
  /** Moderators only: the socket's handshake must carry a moderator's session cookie. */
  "moderators:join": (ack?: (res: JoinAck) => void) => void;
};
