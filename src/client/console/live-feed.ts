// The console's live feed. Once signed in, a socket joins the moderators room (the session cookie
// rides on the handshake) and every queue event goes to onQueueEvent(). Events carry a sequence: the
// shared live sequence applies them in order and once, and fills a gap (after a reconnect, or an event
// overtaking another) from /api/moderation/events?since=.
import { createLiveSequence } from "../live/live-sequence.ts";
import { loadServerSocketClient, type ServerSocket } from "../live/server-socket.ts";
import { get } from "./api.ts";
import type { Me, ModeratorEvent, ModeratorEventPage } from "./api-types.ts";
import { t } from "./lang.ts";
import { onLinkChecked, onQueueEvent } from "./queue-live.ts";

const EVENTS = ["queue:changed", "queue:counts", "link:checked"];
let socket: ServerSocket | null = null;
let me: Me | null = null;
const sequence = createLiveSequence<ModeratorEvent>({
  start: null, // until the first join tells us where the log stands (the queue was just loaded)
  apply,
  fetchSince: (since) => get<ModeratorEventPage>(`/api/moderation/events?since=${since}`),
  stale: () => location.reload(), // away too long: the queue is reloaded whole
});

export async function connectLiveFeed(moderator: Me): Promise<void> {
  me = moderator;
  if (socket) return;
  const io = await loadServerSocketClient();
  if (!io || socket) return; // without it the console still works by reloading the queue
  // A new connection: the handshake must carry the session cookie set by the sign-in.
  const live = io({ transports: ["websocket"], forceNew: true });
  socket = live;
  live.on("connect", () => {
    if (live.recovered) return;
    live.emit("moderators:join", (ack?: { ok: boolean; seq: number }) => {
      if (!ack?.ok) return;
      document.body.dataset.live = "on";
      sequence.joined(ack.seq);
    });
  });
  // Our session ended under us (logout elsewhere, expiry): let the API notice and show the sign-in.
  live.on("disconnect", (reason: string) => {
    delete document.body.dataset.live;
    if (reason === "io server disconnect") get("/api/moderation/events?since=0").catch(() => {});
  });
  for (const type of EVENTS) live.on(type, sequence.receive);
}

export function disconnectLiveFeed(): void {
  socket?.disconnect();
  socket = null;
  sequence.reset();
}

function apply(e: ModeratorEvent): void {
  if (e.type === "queue:counts") return onQueueEvent({ counts: e.counts });
  if (e.type === "link:checked") return onLinkChecked(e);
  // A card needs the full queue item; without it the console can still move a card out.
  const comment = e.item?.authorHistory
    ? e.item
    : { id: e.commentId, status: e.item?.status ?? e.to, revision: e.item?.revision, reportCount: e.item?.reportCount };
  const by = e.by && me && e.by.id === me.id ? { ...e.by, name: t.youElsewhere } : e.by;
  onQueueEvent({ comment, by, action: e.action });
}
