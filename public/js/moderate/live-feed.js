// The console's live feed. Once signed in, a socket joins the moderators room (the session cookie
// rides on the handshake) and every queue event goes to onQueueEvent(). Events carry a sequence:
// live-sequence.js applies them in order and once, and fills a gap (after a reconnect, or an event
// overtaking another) from /api/moderation/events?since=.
import { createLiveSequence } from "../live-sequence.js";
import { get } from "./api.js";
import { onQueueEvent } from "./queue-live.js";

const EVENTS = ["queue:changed", "queue:counts", "link:checked"];
let socket = null;
let me = null;
const sequence = createLiveSequence({
  start: null, // until the first join tells us where the log stands (the queue was just loaded)
  apply,
  fetchSince: (since) => get(`/api/moderation/events?since=${since}`),
  stale: () => location.reload(), // away too long: the queue is reloaded whole
});

document.addEventListener("parley:signed-in", (e) => connect(e.detail?.moderator));
document.addEventListener("parley:signed-out", disconnect);

async function connect(moderator) {
  me = moderator;
  if (socket) return;
  let io;
  try {
    ({ io } = await import("/socket.io/socket.io.esm.min.js"));
  } catch {
    return; // the console still works by reloading the queue
  }
  // A new connection: the handshake must carry the session cookie set by the sign-in.
  socket = io({ transports: ["websocket"], forceNew: true });
  socket.on("connect", () => {
    if (socket.recovered) return;
    socket.emit("moderators:join", (ack) => {
      if (!ack?.ok) return;
      document.body.dataset.live = "on";
      sequence.joined(ack.seq);
    });
  });
  // Our session ended under us (logout elsewhere, expiry): let the API notice and show the sign-in.
  socket.on("disconnect", (reason) => {
    delete document.body.dataset.live;
    if (reason === "io server disconnect") get("/api/moderation/events?since=0").catch(() => {});
  });
  for (const type of EVENTS) socket.on(type, sequence.receive);
}

function disconnect() {
  socket?.disconnect();
  socket = null;
  sequence.reset();
}

function apply(e) {
  if (e.type === "queue:counts") return onQueueEvent({ counts: e.counts });
  if (e.type === "queue:changed") {
    // A card needs the full queue item; without it the console can still move a card out.
    const comment = e.item?.authorHistory
      ? e.item
      : {
          id: e.commentId,
          status: e.item?.status ?? e.to,
          revision: e.item?.revision,
          reportCount: e.item?.reportCount,
        };
    const by = e.by && me && e.by.id === me.id ? { ...e.by, name: "you (in another tab)" } : e.by;
    return onQueueEvent({ comment, by, action: e.action });
  }
  if (e.type === "link:checked") document.dispatchEvent(new CustomEvent("parley:link-checked", { detail: e }));
}
