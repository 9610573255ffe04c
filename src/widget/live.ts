// Live updates for the widget, a separate bundle (it carries the socket.io client) that the widget
// imports once the comments are on screen. It joins the thread's room, applies each event once (by
// its sequence number), and after a reconnect that socket.io could not resume it asks the server
// for what it missed: GET /api/threads/:id/events?since=<seq>. Events received during that catch-up
// are held back and applied after it, so nothing is skipped or applied out of order.
import { io } from "socket.io-client";
import type { WComment } from "./types.ts";

export type LiveHandlers = {
  /** A published comment appeared or changed. */
  shown(c: WComment): void;
  removed(commentId: string): void;
  count(n: number): void;
  /** The reader's own comment that is not published (yet): its new status or text. */
  own(c: WComment): void;
  /** Too much was missed to catch up: the widget reloads the thread. */
  stale(): void;
  /** Joined the thread's room ("on"), or lost the connection ("off"). */
  state(state: "on" | "off"): void;
};

export type LiveConnection = { watch(editTokens: string[]): void; close(): void };

type Sequenced = { seq: number; type: string; comment?: WComment; commentId?: string; count?: number };
type JoinAck = { ok: true; seq: number } | { ok: false; error: { code: string; message: string } };
type EventPage = { events: Sequenced[]; seq: number; hasMore: boolean; truncated: boolean };

export function connectLive(opts: { base: string; threadId: string; since: number | null; editTokens: string[]; handlers: LiveHandlers }): LiveConnection {
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
  let lastSeq = opts.since ?? -1;
  let held: Sequenced[] | null = null; // events that arrive while catching up
  let closed = false;

  const apply = (e: Sequenced) => (held ? held.push(e) : applyNow(e));
  const applyNow = (e: Sequenced) => {
    if (e.seq <= lastSeq) return;
    lastSeq = e.seq;
    if ((e.type === "comment:created" || e.type === "comment:updated") && e.comment) handlers.shown(e.comment);
    else if (e.type === "comment:removed" && e.commentId) handlers.removed(e.commentId);
    else if (e.type === "thread:count" && typeof e.count === "number") handlers.count(e.count);
  };
  for (const type of ["comment:created", "comment:updated", "comment:removed", "thread:count"]) socket.on(type, apply);
  socket.on("comment:pending-own", (e: { comment?: WComment }) => e.comment && handlers.own(e.comment));

  async function catchUp(upTo: number) {
    held = [];
    try {
      for (let more = true; more && lastSeq < upTo && !closed; ) {
        const res = await fetch(`${opts.base}/api/threads/${encodeURIComponent(threadId)}/events?since=${lastSeq}`, { credentials: "omit", headers: { Accept: "application/json" } });
        if (!res.ok) throw new Error(`catch-up answered ${res.status}`);
        const page = (await res.json()) as EventPage;
        if (page.truncated) return handlers.stale();
        page.events.forEach(applyNow);
        more = page.hasMore;
      }
    } catch {
      handlers.stale();
    } finally {
      const queued = held ?? [];
      held = null;
      queued.forEach(applyNow);
    }
  }

  socket.on("disconnect", () => handlers.state("off"));
  socket.on("connect", () => {
    if (socket.recovered) return handlers.state("on"); // socket.io replayed what was missed
    socket.emit("thread:join", { threadId, editTokens: opts.editTokens }, (ack: JoinAck) => {
      if (!ack.ok) return;
      handlers.state("on");
      if (lastSeq < 0) lastSeq = ack.seq;
      else if (ack.seq > lastSeq) void catchUp(ack.seq);
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
