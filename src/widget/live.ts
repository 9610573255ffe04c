// Live updates for the widget, a separate bundle (it carries the socket.io client) that the widget
// imports once the comments are on screen. It joins the thread's room; the shared sequence logic
// (src/client/live/live-sequence.ts, also used by the article page and the console) applies each event
// once and in order, and after a reconnect that socket.io could not resume, or a gap that does not
// fill by itself, asks the server for what it missed: GET /api/threads/:id/events?since=<seq>.
import { io } from "socket.io-client";
import { createLiveSequence } from "../client/live/live-sequence.ts";
import type { WComment } from "./types.ts";

export type LiveHandlers = {
  /** A published comment appeared or changed. */
  shown(c: WComment): void;
  removed(commentId: string): void;
  count(n: number): void;
  /** The thread closed (no new comments or replies) or opened again. */
  closed(closed: boolean): void;
  /** The reader's own comment that is not published (yet): its new status or text. */
  own(c: WComment): void;
  /** Too much was missed to catch up: the widget reloads the thread. */
  stale(): void;
  /** Joined the thread's room ("on"), or lost the connection ("off"). */
  state(state: "on" | "off"): void;
};

export type LiveConnection = { watch(editTokens: string[]): void; close(): void };

type Sequenced = {
  seq: number;
  type: string;
  comment?: WComment;
  commentId?: string;
  count?: number;
  closed?: boolean;
};
type JoinAck = { ok: true; seq: number } | { ok: false; error: { code: string; message: string } };
type EventPage = { events: Sequenced[]; seq: number; hasMore: boolean; truncated: boolean };

export function connectLive(opts: {
  base: string;
  threadId: string;
  since: number | null;
  editTokens: string[];
  handlers: LiveHandlers;
}): LiveConnection {
  const { threadId, handlers } = opts;
  const base = new URL(opts.base);
  const socket = io(base.origin, {
    path: `${base.pathname.replace(/\/$/, "")}/socket.io/`,
    // WebSocket only, like Parley's own pages: each connection lives on one instance, so several
    // instances need no sticky sessions (README "Live updates").
    transports: ["websocket"],
    reconnectionDelayMax: 30_000,
    withCredentials: false,
  });
  let closed = false;

  const sequence = createLiveSequence<Sequenced>({
    start: opts.since,
    apply(e) {
      if (closed) return;
      if ((e.type === "comment:created" || e.type === "comment:updated") && e.comment) handlers.shown(e.comment);
      else if (e.type === "comment:removed" && e.commentId) handlers.removed(e.commentId);
      else if (e.type === "thread:count" && typeof e.count === "number") handlers.count(e.count);
      else if (e.type === "thread:state" && typeof e.closed === "boolean") handlers.closed(e.closed);
    },
    async fetchSince(since) {
      const res = await fetch(`${opts.base}/api/threads/${encodeURIComponent(threadId)}/events?since=${since}`, {
        credentials: "omit",
        headers: { Accept: "application/json" },
      });
      if (!res.ok) throw new Error(`catch-up answered ${res.status}`);
      return (await res.json()) as EventPage;
    },
    stale: () => handlers.stale(),
  });
  for (const type of ["comment:created", "comment:updated", "comment:removed", "thread:count", "thread:state"])
    socket.on(type, sequence.receive);
  socket.on("comment:pending-own", (e: { comment?: WComment }) => e.comment && handlers.own(e.comment));

  socket.on("disconnect", () => handlers.state("off"));
  socket.on("connect", () => {
    if (socket.recovered) return handlers.state("on"); // socket.io replayed what was missed
    socket.emit("thread:join", { threadId, editTokens: opts.editTokens }, (ack: JoinAck) => {
      if (!ack.ok) return;
      handlers.state("on");
      sequence.joined(ack.seq);
    });
  });

  return {
    watch(editTokens) {
      if (editTokens.length) socket.emit("own:watch", { editTokens });
    },
    close() {
      closed = true;
      socket.disconnect();
    },
  };
}
