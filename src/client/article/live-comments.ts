// Live updates for the article page over socket.io (the server serves the client bundle). New
// comments wait behind a polite "N new comments" bar so the page never jumps; edits, removals and
// the count apply in place. Events carry a per-thread sequence: live/live-sequence.ts applies them
// in order, once, and fills a gap (reconnect, or an event overtaking another) from GET …/events?since=.
// thread:state (an admin closed or reopened the thread) goes to the page's setClosed.
// On a comment page that is not the newest (/comment-page-N/), comments that belong on another page
// (a new conversation, a reply to one shown elsewhere) are only counted: the bar links to them.
import { fromHtml, h } from "../dom.ts";
import { createLiveSequence, type EventPage } from "../live/live-sequence.ts";
import { loadServerSocketClient } from "../live/server-socket.ts";
import { recentEditTokens } from "../storage.ts";
import { removedBodyHtml } from "../views/comment-html.ts";
import { plural } from "../i18n/messages.ts";
import type { PageCatalog } from "../i18n/page-catalogs.ts";
import type { PageComment } from "./page-comment.ts";

const THREAD_EVENTS = ["comment:created", "comment:updated", "comment:removed", "thread:count", "thread:state"];

type ThreadEvent =
  | { seq: number; type: "comment:created" | "comment:updated"; comment: PageComment }
  | { seq: number; type: "comment:removed"; commentId: string }
  | { seq: number; type: "thread:count"; count: number }
  | { seq: number; type: "thread:state"; closed: boolean };

export type LivePage = {
  section: HTMLElement;
  threadId: string;
  m: PageCatalog;
  buildComment(c: PageComment, awaiting: boolean): HTMLElement;
  placeComment(li: HTMLElement, c: PageComment): HTMLElement;
  setCount(n: number): void;
  releaseForm(li: Element): void;
  setClosed(closed: boolean): void;
};

export type LiveComments = {
  /** The page posted this comment itself: show it once. True when its event already arrived (and was counted). */
  claim(id: string): boolean;
  watchToken(token: string): void;
};

/** Null without live updates (the socket.io client could not be loaded): the page still works. */
export async function startLiveUpdates(page: LivePage): Promise<LiveComments | null> {
  const io = await loadServerSocketClient();
  if (!io) return null;
  const { section, threadId } = page;
  const bar = section.querySelector<HTMLElement>(".new-comments-bar")!;
  const socket = io({ transports: ["websocket"] }); // no long-polling: no sticky sessions needed
  const waiting = new Map<string, PageComment>(); // comment id → published comment behind the bar, in order
  const elsewhere = new Map<string, PageComment>(); // comment id → new comment that another comment page shows
  const newestPage = section.dataset.newest !== "0";
  const createdSeen = new Set<string>();
  const sequence = createLiveSequence<ThreadEvent>({
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
      return (await res.json()) as EventPage<ThreadEvent>;
    },
    stale: offerReload,
  });

  socket.on("connect", () => {
    if (socket.recovered) return; // same rooms, missed packets replayed by socket.io
    socket.emit(
      "thread:join",
      { threadId, editTokens: recentEditTokens(100) },
      (ack?: { ok: boolean; seq: number }) => {
        if (!ack?.ok) return;
        section.dataset.live = "on";
        sequence.joined(ack.seq);
      },
    );
  });
  for (const type of THREAD_EVENTS) socket.on(type, sequence.receive);
  socket.on("comment:pending-own", ({ comment }: { comment: PageComment }) => {
    if (comment.threadId !== threadId) return;
    const li = byId(comment.id);
    if (li) replaceBody(li, comment, true);
    else page.placeComment(page.buildComment(comment, true), comment);
  });

  function apply(e: ThreadEvent) {
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
  function belongsHere(c: PageComment): boolean {
    if (!c.parentId) return newestPage;
    return !!byId(c.parentId) || waiting.has(c.parentId);
  }

  /** Drops a comment from the bar; true when it was there. */
  function forget(id: string): boolean {
    const wasWaiting = waiting.delete(id);
    return elsewhere.delete(id) || wasWaiting;
  }

  function remove(id: string) {
    if (forget(id)) showBar();
    const li = byId(id);
    if (!li) return;
    page.releaseForm(li);
    if (li.querySelector(".children .comment:not(.comment-removed)")) {
      // Its replies stay readable, as on the server-rendered page.
      li.classList.add("comment-removed");
      li.querySelector(":scope > .comment-body")?.replaceWith(fromHtml(removedBodyHtml(page.m)));
      return;
    }
    const list = li.parentElement;
    li.remove();
    if (list?.classList.contains("children") && !list.children.length) list.remove();
  }

  function replaceBody(li: HTMLElement, c: PageComment, awaiting: boolean) {
    const fresh = page.buildComment(c, awaiting);
    li.classList.remove("comment-removed");
    li.dataset.editedAt = c.editedAt ?? "";
    const body = fresh.querySelector(":scope > .comment-body");
    if (body) li.querySelector(":scope > .comment-body")?.replaceWith(body);
  }

  function showBar() {
    const n = waiting.size;
    const away = elsewhere.size;
    bar.hidden = n + away === 0;
    bar.replaceChildren();
    if (n) {
      const button = h("button", { type: "button", text: plural(page.m, page.m.showNew, n) });
      button.addEventListener("click", reveal);
      bar.append(button);
    }
    const first = elsewhere.keys().next();
    if (!first.done) {
      // The permalink finds the page of the first one; this page stays as it is.
      const href = `${section.dataset.permalinkBase ?? ""}${encodeURIComponent(first.value)}`;
      const text = plural(page.m, page.m.newElsewhere, away);
      bar.append(h("a", { class: "new-comments-elsewhere", href, text }));
    }
  }

  function reveal() {
    let first: HTMLElement | null = null;
    for (const c of waiting.values()) {
      const li = page.placeComment(page.buildComment(c, false), c);
      first ??= li;
    }
    waiting.clear();
    showBar();
    first?.scrollIntoView({ block: "center" });
    first?.querySelector<HTMLElement>(".comment-body")?.focus({ preventScroll: true });
  }

  function offerReload() {
    waiting.clear();
    elsewhere.clear();
    bar.hidden = false;
    const button = h("button", { type: "button", text: page.m.staleReload });
    button.addEventListener("click", () => location.reload());
    bar.replaceChildren(button);
  }

  return {
    claim(id) {
      if (forget(id)) showBar();
      return createdSeen.has(id);
    },
    watchToken(token) {
      socket.emit("own:watch", { editTokens: [token] });
    },
  };
}

function needsUpdate(li: HTMLElement, c: PageComment): boolean {
  return (
    li.classList.contains("comment-removed") ||
    !!li.querySelector(":scope > .comment-body .comment-awaiting") ||
    (li.dataset.editedAt ?? "") !== (c.editedAt ?? "")
  );
}

function byId(id: string): HTMLElement | null {
  return document.getElementById(`comment-${id}`);
}
