// The console's live feed. Once signed in, a socket joins the moderators room (the session cookie
// rides on the handshake) and every queue event goes to onQueueEvent(). Events carry a sequence:
// applied in order and once; a gap after a reconnect is filled from /api/moderation/events?since=.
import { get } from "./api.js";
import { onQueueEvent } from "./queue-live.js";

const EVENTS = ["queue:changed", "queue:counts", "link:checked"];
let socket = null;
let me = null;
let applied = null; // null until the first join tells us where the log stands
const early = new Map();

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
      if (applied === null) applied = ack.seq;
      else if (ack.seq > applied) catchUp();
    });
  });
  // Our session ended under us (logout elsewhere, expiry): let the API notice and show the sign-in.
  socket.on("disconnect", (reason) => {
    delete document.body.dataset.live;
    if (reason === "io server disconnect") get("/api/moderation/events?since=0").catch(() => {});
  });
  for (const type of EVENTS) socket.on(type, receive);
}

function disconnect() {
  socket?.disconnect();
  socket = null;
  applied = null;
  early.clear();
}

function receive(event) {
  if (applied === null || event.seq <= applied) return;
  early.set(event.seq, event);
  for (let e = early.get(applied + 1); e; e = early.get(applied + 1)) {
    early.delete(e.seq);
    applied = e.seq;
    apply(e);
  }
  if (early.size) catchUp();
}

let catchingUp = false;
async function catchUp() {
  if (catchingUp || applied === null) return;
  catchingUp = true;
  try {
    for (let more = true; more; ) {
      const log = await get(`/api/moderation/events?since=${applied}`);
      if (log.truncated) return location.reload(); // away too long: the queue is reloaded whole
      early.clear();
      for (const e of log.events) if (e.seq > applied) (applied = e.seq), apply(e);
      more = log.hasMore;
    }
  } catch {
    // offline or signed out: the next connect (or the sign-in) starts again
  } finally {
    catchingUp = false;
  }
}

function apply(e) {
  if (e.type === "queue:counts") return onQueueEvent({ counts: e.counts });
  if (e.type === "queue:changed") {
    // A card needs the full queue item; without it the console can still move a card out.
    const comment = e.item?.authorHistory ? e.item : { id: e.commentId, status: e.item?.status ?? e.to, revision: e.item?.revision, reportCount: e.item?.reportCount };
    const by = e.by && me && e.by.id === me.id ? { ...e.by, name: "you (in another tab)" } : e.by;
    return onQueueEvent({ comment, by, action: e.action });
  }
  if (e.type === "link:checked") document.dispatchEvent(new CustomEvent("parley:link-checked", { detail: e }));
}
