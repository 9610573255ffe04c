// The queue view: tabs with live counts, filters, the list of cards, the current card (j/k) and the
// ticked cards (x). Deciding lives in queue-actions.js, live updates in queue-live.js.
import { get, withQuery } from "./api.js";
import { buildCard } from "./card.js";
import { announce, el, plural } from "./dom.js";

const PAGE_SIZE = 25;
export const QUEUE_KEYS = ["pending", "held", "reported", "rejected", "spam", "all"];
const EMPTY = {
  pending: "Nothing waiting. Nice.",
  held: "Nothing held back. Nice.",
  reported: "No reader reports. Nice.",
  rejected: "No rejected comments.",
  spam: "No spam. Nice.",
  all: "No comments yet.",
};

/** The view's state, shared with queue-actions.js and queue-live.js. */
export const state = {
  queue: "pending",
  article: "",
  q: "",
  comment: "",
  sort: "oldest",
  items: new Map(), // id → QueueItem, in list order
  nextCursor: null,
  counts: null,
  currentId: null,
  selected: new Set(),
  generation: 0,
};
const $ = (id) => document.getElementById(id);
const list = () => $("queue-list");
export const cardOf = (id) => document.getElementById(`card-${id}`);

export function queueHash(f = state) {
  const params = new URLSearchParams();
  if (f.article) params.set("article", f.article);
  if (f.q) params.set("q", f.q);
  if (f.sort === "newest") params.set("sort", "newest");
  const qs = params.toString();
  return `#/queue/${f.queue}${qs ? `?${qs}` : ""}`;
}

export function parseQueueHash(path, params) {
  const queue = QUEUE_KEYS.includes(path[1]) ? path[1] : "pending";
  return {
    queue,
    article: params.get("article") ?? "",
    q: params.get("q") ?? "",
    comment: params.get("comment") ?? "", // one card: the link in a mail alert
    sort: params.get("sort") === "newest" ? "newest" : "oldest",
  };
}

/** Wires the view's controls once; showQueue() then loads whatever the address names. */
export function initQueue(articles) {
  const select = $("filter-article");
  for (const a of articles) select.append(el("option", { value: a.slug, text: a.title }));
  select.addEventListener("change", () => setFilters({ article: select.value }));
  let typing;
  $("filter-q").addEventListener("input", (e) => {
    clearTimeout(typing);
    typing = setTimeout(() => setFilters({ q: e.target.value.trim() }), 350);
  });
  $("queue-filters").addEventListener("submit", (e) => {
    e.preventDefault();
    clearTimeout(typing);
    setFilters({ q: $("filter-q").value.trim() });
  });
  $("sort-toggle").addEventListener("click", () => setFilters({ sort: state.sort === "oldest" ? "newest" : "oldest" }));
  $("load-more").addEventListener("click", () => load({ append: true }));
  $("bulk-bar").addEventListener("click", (e) => {
    if (e.target.closest("button")?.dataset.bulk === "clear") clearSelection();
  });
  list().addEventListener("click", (e) => {
    const card = e.target.closest(".card");
    if (card && !e.target.closest("a, input, button")) setCurrent(card.dataset.id, false);
  });
  list().addEventListener("change", (e) => {
    const card = e.target.closest(".card");
    if (card && e.target.matches(".card-select")) toggleSelected(card.dataset.id, e.target.checked);
  });
}

export function showQueue(filters) {
  Object.assign(state, filters);
  $("filter-article").value = state.article;
  if ($("filter-q").value.trim() !== state.q) $("filter-q").value = state.q;
  $("sort-toggle").textContent = state.sort === "oldest" ? "Oldest first" : "Newest first";
  for (const tab of document.querySelectorAll(".queue-tab")) {
    tab.href = queueHash({ ...state, queue: tab.dataset.queue });
    if (tab.dataset.queue === state.queue) tab.setAttribute("aria-current", "page");
    else tab.removeAttribute("aria-current");
  }
  return load();
}

function setFilters(change) {
  const next = { ...state, ...change };
  if (next.article === state.article && next.q === state.q && next.sort === state.sort) return;
  history.replaceState(null, "", queueHash(next));
  showQueue(next);
}

async function load({ append = false } = {}) {
  const generation = append ? state.generation : ++state.generation;
  list().setAttribute("aria-busy", "true");
  setStatus(append ? "Loading more…" : "Loading…");
  $("load-more").disabled = true;
  let data;
  try {
    data = await get(
      withQuery("/api/moderation/queue", {
        queue: state.queue,
        article: state.article,
        q: state.q,
        comment: state.comment || undefined,
        sort: state.sort,
        limit: PAGE_SIZE,
        cursor: append ? state.nextCursor : undefined,
      }),
    );
  } catch (error) {
    if (generation !== state.generation) return;
    list().setAttribute("aria-busy", "false");
    $("load-more").disabled = false;
    setStatus(`Could not load the queue: ${error.message}`, true);
    return;
  }
  if (generation !== state.generation) return; // a newer load (another tab or filter) won
  if (!append) {
    state.items.clear();
    state.selected.clear();
    state.currentId = null;
    list().replaceChildren();
  }
  for (const item of data.items) if (!state.items.has(item.id)) insertCard(item, "end");
  state.nextCursor = data.nextCursor;
  setCounts(data.counts);
  list().setAttribute("aria-busy", "false");
  $("load-more").disabled = false;
  renderChrome();
}

function setStatus(text, isError = false) {
  const status = $("queue-status");
  status.textContent = text;
  status.classList.toggle("is-error", isError);
  status.classList.remove("is-empty");
}

export function setCounts(counts) {
  if (!counts) return;
  state.counts = counts;
  for (const node of document.querySelectorAll("[data-count]")) {
    const n = counts[node.dataset.count];
    node.textContent = typeof n === "number" ? String(n) : "–";
    node
      .closest(".queue-tab")
      ?.setAttribute("aria-label", `${node.previousSibling?.textContent?.trim() ?? ""}: ${n ?? "unknown"}`);
  }
  const waiting = (counts.pending ?? 0) + (counts.held ?? 0) + (counts.reported ?? 0);
  document.title = `${waiting ? `(${waiting}) ` : ""}Moderation · Parley`;
}

/** The empty state, "load more", the tally line and the bulk bar: everything that follows from the items. */
export function renderChrome() {
  const shown = state.items.size;
  const filtered = state.article || state.q;
  const status = $("queue-status");
  if (!shown) {
    setStatus(filtered ? "No comments match these filters." : EMPTY[state.queue]);
    if (!filtered) status.append(...otherWork());
    status.classList.add("is-empty");
  } else {
    const total = filtered ? null : state.counts?.[state.queue];
    setStatus(
      typeof total === "number" && total > shown
        ? `Showing ${shown} of ${total} comments.`
        : `Showing ${plural(shown, "comment")}.`,
    );
  }
  $("load-more").hidden = !state.nextCursor;
  const bar = $("bulk-bar");
  bar.hidden = state.selected.size === 0;
  $("bulk-count").textContent = `${state.selected.size} ticked:`;
}

/** An empty work queue must not read as "all done" while another one still waits: name it, with a link. */
function otherWork() {
  const waiting = ["pending", "held", "reported"].filter((q) => q !== state.queue && state.counts?.[q] > 0);
  if (!waiting.length || !["pending", "held", "reported"].includes(state.queue)) return [];
  const parts = [el("br"), "Still waiting: "];
  waiting.forEach((q, i) => {
    if (i) parts.push(i === waiting.length - 1 ? " and " : ", ");
    parts.push(el("a", { href: queueHash({ ...state, queue: q }), text: `${state.counts[q]} ${q}` }));
  });
  parts.push(".");
  return parts;
}

export function insertCard(item, where) {
  state.items.set(item.id, item);
  const card = buildCard(item, { selected: state.selected.has(item.id) });
  if (where === "start") list().prepend(card);
  else list().append(card);
  return card;
}

export function replaceCard(item) {
  state.items.set(item.id, item);
  const old = cardOf(item.id);
  const card = buildCard(item, { selected: state.selected.has(item.id) });
  const hadFocus = old?.contains(document.activeElement);
  if (old) old.replaceWith(card);
  if (state.currentId === item.id) markCurrent(card, false);
  if (hadFocus) card.focus({ preventScroll: true }); // a reloaded card keeps the keyboard where it was
  return card;
}

export function removeCard(id) {
  const card = cardOf(id);
  const hadFocus = card?.contains(document.activeElement);
  if (state.currentId === id) {
    const next = card?.nextElementSibling ?? card?.previousElementSibling;
    state.currentId = null;
    card?.remove();
    if (next) setCurrent(next.dataset.id);
  } else card?.remove();
  state.items.delete(id);
  state.selected.delete(id);
  renderChrome();
  // The last card went: keep the keyboard in the view (on the empty state), not on <body>.
  if (hadFocus && !list().querySelector(".card")) {
    const status = $("queue-status");
    status.tabIndex = -1;
    status.focus({ preventScroll: true });
  }
}

// ── the current card (j/k) and the ticked ones (x) ────────────────────────
function markCurrent(card, scroll) {
  for (const c of list().querySelectorAll(".card.is-current")) c.classList.remove("is-current");
  card.classList.add("is-current");
  if (scroll) {
    card.focus({ preventScroll: true });
    card.scrollIntoView({ block: "nearest" });
  }
}

export function setCurrent(id, scroll = true) {
  const card = id && cardOf(id);
  if (!card) return;
  const left = state.currentId && cardOf(state.currentId);
  if (left?.classList.contains("is-gone") && left !== card) left.remove(); // decided elsewhere; the moderator has moved on
  state.currentId = id;
  markCurrent(card, scroll);
}

export function moveCurrent(delta) {
  const cards = [...list().querySelectorAll(".card")];
  if (!cards.length) return;
  const at = cards.findIndex((c) => c.dataset.id === state.currentId);
  const next = at === -1 ? (delta > 0 ? 0 : cards.length - 1) : Math.min(cards.length - 1, Math.max(0, at + delta));
  setCurrent(cards[next].dataset.id);
  if (at === cards.length - 1 && delta > 0 && state.nextCursor)
    announce("Last loaded comment; press Load more for the rest.");
}

export function toggleSelected(id = state.currentId, on = !state.selected.has(id)) {
  const card = id && cardOf(id);
  if (!card || card.classList.contains("is-gone")) return;
  if (on) state.selected.add(id);
  else state.selected.delete(id);
  card.classList.toggle("is-selected", on);
  card.querySelector(".card-select").checked = on;
  renderChrome();
}

export function clearSelection() {
  for (const id of [...state.selected]) toggleSelected(id, false);
}
