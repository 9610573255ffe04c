// Realtime vocabulary in one place (STYLE.md §10): room names, what is stored for catch-up, and what
// clients receive. What use cases hand the publisher is in domain/events.ts. Event names are `entity:verb`.
import type { CommentStatus } from "../domain/comment.ts";
import type { Actor } from "../domain/events.ts";
import type { PublicComment } from "../domain/public-comment.ts";
import type { QueueCounts } from "../moderation/queue-counts.ts";
import type { QueueItem } from "../moderation/queue-items.ts";
import type { RoomEvent as StoredRoomEvent, SequencedEvent as StoredSequencedEvent } from "../store/room-events.ts";

// ── rooms ────────────────────────────────────────────────────────────────
export const threadRoom = (threadId: string) => `thread:${threadId}`;
export const threadIdOfRoom = (room: string) => (room.startsWith("thread:") ? room.slice("thread:".length) : null);
export const MODERATORS_ROOM = "moderators";
/** The author of one comment: sockets that presented its edit token (the hash is Comment.editTokenHash). */
export const ownRoom = (editTokenHash: string) => `own:${editTokenHash}`;

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
/** An event for a room's log (store/room-events.ts), and as numbered there. */
export type RoomEvent = StoredRoomEvent<StoredEvent>;
export type SequencedEvent = StoredSequencedEvent<StoredEvent>;

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
