// Live updates for the article page over socket.io (the server serves the client bundle). New
// comments wait behind a polite "N new comments" bar so the page never jumps; edits, removals and
// the count apply in place. Events carry a per-thread sequence: live-sequence.js applies them in
// order, once, and fills a gap (reconnect, or an event overtaking another) from GET …/events?since=.
// thread:state (an admin closed or reopened the thread) goes to the page's setClosed.
// On a comment page that is not the newest (/comment-page-N/), comments that belong on another page
// (a new conversation, a reply to one shown elsewhere) are only counted: the bar links to them.
import { createLiveSequence } from "./live-sequence.js";

const THREAD_EVENTS = ["comment:created", "comment:updated", "comment:removed", "thread:count", "thread:state"];

/**
 * page: { section, threadId, buildComment(c, awaiting), placeComment(li, c), setCount(n), releaseForm(li), setClosed(closed) }.
 * Returns { claim(id), watchToken(token) } for the page's own posts, or null without live updates.
 */
export async function startLiveUpdates(page) {
  let io;
  try {
    ({ io } = await import("/socket.io/socket.io.esm.min.js"));
  } catch {
    return null; // the page still works; it just does not update by itself
  }
  const { section, threadId } = page;
  const bar = section.querySelector(".new-comments-bar");
  const socket = io({ transports: ["websocket"] }); // no long-polling: no sticky sessions needed
  const waiting = new Map(); // comment id → published comment behind the bar, in order
  const elsewhere = new Map(); // comment id → new comment that another comment page shows
  const newestPage = section.dataset.newest !== "0";
  const createdSeen = new Set();
  const sequence = createLiveSequence({
    start: Number(section.dataset.seq || 0),
    apply(e) {
      apply(e);
      section.dataset.applied = String(e.seq); // where this page stands (also handy for tests)
    },
    async fetchSince(since) {
      const res = await fetch(`/api/threads/${encodeURIComponent(threadId)}/events?since=${since}`, {
        headers: { Accept: "application/json" },
      });
      if (!res.ok) throw new Error(`catch-up answered ${res.status}`);
      return res.json();
    },
    stale: offerReload,
  });

  socket.on("connect", () => {
    if (socket.recovered) return; // same rooms, missed packets replayed by socket.io
    socket.emit("thread:join", { threadId, editTokens: editTokens() }, (ack) => {
      if (!ack?.ok) return;
      section.dataset.live = "on";
      sequence.joined(ack.seq);
    });
  });
  for (const type of THREAD_EVENTS) socket.on(type, sequence.receive);
  socket.on("comment:pending-own", ({ comment }) => {
    if (comment.threadId !== threadId) return;
    const li = byId(comment.id);
    if (li) replaceBody(li, comment, true);
    else page.placeComment(page.buildComment(comment, true), comment);
  });

  function apply(e) {
    if (e.type === "thread:count") return page.setCount(e.count);
    if (e.type === "thread:state") return page.setClosed(e.closed);
    if (e.type === "comment:removed") return remove(e.commentId);
    const c = e.comment;
    if (e.type === "comment:created") createdSeen.add(c.id);
    const li = byId(c.id);
    if (li) {
      if (needsUpdate(li, c)) replaceBody(li, c, false);
    } else if (belongsHere(c)) {
      waiting.set(c.id, c); // a new comment, or an edit of one this page has not shown yet
      showBar();
    } else if (e.type === "comment:created") {
      elsewhere.set(c.id, c);
      showBar();
    }
  }

  /** New conversations go on the newest page; a reply goes where its parent is. */
  function belongsHere(c) {
    if (!c.parentId) return newestPage;
    return !!byId(c.parentId) || waiting.has(c.parentId);
  }

  /** Drops a comment from the bar; true when it was there. */
  function forget(id) {
    const wasWaiting = waiting.delete(id);
    return elsewhere.delete(id) || wasWaiting;
  }

  function remove(id) {
    if (forget(id)) showBar();
    const li = byId(id);
    if (!li) return;
    page.releaseForm(li);
    if (li.querySelector(".children .comment:not(.comment-removed)")) {
      // Its replies stay readable, as on the server-rendered page.
      li.classList.add("comment-removed");
      const note = el("article", "comment-body");
      note.append(el("p", "comment-removed-note", "This comment was removed."));
      li.querySelector(":scope > .comment-body").replaceWith(note);
      return;
    }
    const list = li.parentElement;
    li.remove();
    if (list?.classList.contains("children") && !list.children.length) list.remove();
  }

  function replaceBody(li, c, awaiting) {
    const fresh = page.buildComment(c, awaiting);
    li.classList.remove("comment-removed");
    li.dataset.editedAt = c.editedAt ?? "";
    li.querySelector(":scope > .comment-body")?.replaceWith(fresh.querySelector(":scope > .comment-body"));
  }

  function showBar() {
    const n = waiting.size;
    const m = elsewhere.size;
    bar.hidden = n + m === 0;
    bar.replaceChildren();
    if (n) {
      const button = el("button", "", n === 1 ? "Show 1 new comment" : `Show ${n} new comments`);
      button.type = "button";
      button.addEventListener("click", reveal);
      bar.append(button);
    }
    if (m) {
      // The permalink finds the page of the first one; this page stays as it is.
      const link = el(
        "a",
        "new-comments-elsewhere",
        m === 1 ? "1 new comment on another page" : `${m} new comments on other pages`,
      );
      link.href = `${section.dataset.permalinkBase}${encodeURIComponent(elsewhere.keys().next().value)}`;
      bar.append(link);
    }
  }

  function reveal() {
    let first = null;
    for (const c of waiting.values()) {
      const li = page.buildComment(c, false);
      li.dataset.editedAt = c.editedAt ?? "";
      page.placeComment(li, c);
      first ??= li;
    }
    waiting.clear();
    showBar();
    first?.scrollIntoView({ block: "center" });
    first?.querySelector(".comment-body")?.focus({ preventScroll: true });
  }

  function offerReload() {
    waiting.clear();
    elsewhere.clear();
    bar.hidden = false;
    const button = el("button", "", "The discussion changed while you were away. Reload");
    button.type = "button";
    button.addEventListener("click", () => location.reload());
    bar.replaceChildren(button);
  }

  return {
    /** The page posted this comment itself: show it once. True when its event already arrived (and was counted). */
    claim(id) {
      if (forget(id)) showBar();
      return createdSeen.has(id);
    },
    watchToken(token) {
      socket.emit("own:watch", { editTokens: [token] });
    },
  };
}

function needsUpdate(li, c) {
  return (
    li.classList.contains("comment-removed") ||
    !!li.querySelector(":scope > .comment-body .comment-awaiting") ||
    (li.dataset.editedAt ?? "") !== (c.editedAt ?? "")
  );
}

function byId(id) {
  return document.getElementById(`comment-${id}`);
}

/** The author's edit tokens (newest last), so their own comments awaiting moderation update too. */
function editTokens() {
  try {
    return Object.values(JSON.parse(localStorage.getItem("parley:editTokens") || "{}")).slice(-100);
  } catch {
    return [];
  }
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
