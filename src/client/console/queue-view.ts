// The queue view: tabs with live counts, filters, the list of cards, the current card (j/k) and the
// ticked cards (x). Deciding lives in queue-actions.ts, live updates in queue-live.ts.
import { h } from "../dom.ts";
import { announce } from "./announce.ts";
import { get, messageOf, withQuery } from "./api.ts";
import type { ArticleListing, QueueCounts, QueueItem, QueuePage, QueueName } from "./api-types.ts";
import { buildCard } from "./card.ts";
import { cardOf, queueHash, state, type QueueFilters } from "./queue-state.ts";
import { formatNumber } from "./time.ts";
import { count, say, t } from "./lang.ts";

const PAGE_SIZE = 25;
const WORK_QUEUES: QueueName[] = ["pending", "held", "reported"];

const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const list = () => byId("queue-list");

/** Wires the view's controls once; showQueue() then loads whatever the address names. */
export function initQueue(articles: ArticleListing[]): void {
  const select = byId<HTMLSelectElement>("filter-article");
  for (const a of articles) select.append(h("option", { value: a.slug, text: a.title }));
  select.addEventListener("change", () => setFilters({ article: select.value }));
  const search = byId<HTMLInputElement>("filter-q");
  let typing: ReturnType<typeof setTimeout> | undefined;
  search.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(() => setFilters({ q: search.value.trim() }), 350);
  });
  byId("queue-filters").addEventListener("submit", (e) => {
    e.preventDefault();
    clearTimeout(typing);
    setFilters({ q: search.value.trim() });
  });
  byId("sort-toggle").addEventListener("click", () =>
    setFilters({ sort: state.sort === "oldest" ? "newest" : "oldest" }),
  );
  byId("load-more").addEventListener("click", () => void load({ append: true }));
  byId("bulk-bar").addEventListener("click", (e) => {
    if (closestFrom<HTMLButtonElement>(e, "button")?.dataset.bulk === "clear") clearSelection();
  });
  list().addEventListener("click", (e) => {
    const card = closestFrom(e, ".card");
    if (card && !closestFrom(e, "a, input, button")) setCurrent(card.dataset.id ?? null, false);
  });
  list().addEventListener("change", (e) => {
    const card = closestFrom(e, ".card");
    const box = e.target;
    if (card && box instanceof HTMLInputElement && box.matches(".card-select"))
      toggleSelected(card.dataset.id ?? null, box.checked);
  });
}

/** The element matching `selector` that the event happened in, if any. */
export function closestFrom<T extends HTMLElement = HTMLElement>(e: Event, selector: string): T | null {
  return e.target instanceof Element ? e.target.closest<T>(selector) : null;
}

export function showQueue(filters: QueueFilters): Promise<void> {
  Object.assign(state, filters);
  byId<HTMLSelectElement>("filter-article").value = state.article;
  const search = byId<HTMLInputElement>("filter-q");
  if (search.value.trim() !== state.q) search.value = state.q;
  byId("sort-toggle").textContent = state.sort === "oldest" ? t.oldestFirst : t.newestFirst;
  for (const tab of document.querySelectorAll<HTMLAnchorElement>(".queue-tab")) {
    const queue = tab.dataset.queue as QueueName;
    tab.href = queueHash({ ...state, queue });
    if (queue === state.queue) tab.setAttribute("aria-current", "page");
    else tab.removeAttribute("aria-current");
  }
  return load();
}

function setFilters(change: Partial<QueueFilters>): void {
  const next = { ...state, ...change };
  if (next.article === state.article && next.q === state.q && next.sort === state.sort) return;
  history.replaceState(null, "", queueHash(next));
  void showQueue(next);
}

async function load({ append = false } = {}): Promise<void> {
  const generation = append ? state.generation : ++state.generation;
  const more = byId<HTMLButtonElement>("load-more");
  list().setAttribute("aria-busy", "true");
  setStatus(append ? t.loadingMore : t.loadingQueue);
  more.disabled = true;
  let data: QueuePage;
  try {
    data = await get<QueuePage>(
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
    more.disabled = false;
    setStatus(say(t.couldNotLoadQueue, { message: messageOf(error) }), true);
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
  more.disabled = false;
  renderChrome();
}

function setStatus(text: string, isError = false): void {
  const status = byId("queue-status");
  status.textContent = text;
  status.classList.toggle("is-error", isError);
  status.classList.remove("is-empty");
}

export function setCounts(counts: QueueCounts | undefined): void {
  if (!counts) return;
  state.counts = counts;
  for (const node of document.querySelectorAll<HTMLElement>("[data-count]")) {
    const n = counts[node.dataset.count as QueueName];
    node.textContent = typeof n === "number" ? formatNumber(n) : "–";
    node
      .closest(".queue-tab")
      ?.setAttribute(
        "aria-label",
        `${node.previousSibling?.textContent?.trim() ?? ""}: ${typeof n === "number" ? formatNumber(n) : t.unknownCount}`,
      );
  }
  const waiting = counts.pending + counts.held + counts.reported;
  document.title = waiting ? say(t.shell.titleWaiting, { n: formatNumber(waiting) }) : t.shell.title;
}

/** The empty state, "load more", the tally line and the bulk bar: everything that follows from the items. */
export function renderChrome(): void {
  const shown = state.items.size;
  const filtered = state.article || state.q;
  const status = byId("queue-status");
  if (!shown) {
    setStatus(filtered ? t.noMatch : t.empty[state.queue]);
    if (!filtered) status.append(...otherWork());
    status.classList.add("is-empty");
  } else {
    const total = filtered ? null : state.counts?.[state.queue];
    setStatus(
      typeof total === "number" && total > shown
        ? say(t.showingOf, { shown: formatNumber(shown), total: formatNumber(total) })
        : count(t.showing, shown),
    );
  }
  byId("load-more").hidden = !state.nextCursor;
  byId("bulk-bar").hidden = state.selected.size === 0;
  byId("bulk-count").textContent = count(t.ticked, state.selected.size);
}

/** An empty work queue must not read as "all done" while another one still waits: name it, with a link. */
function otherWork(): (Node | string)[] {
  const counts = state.counts;
  if (!counts || !WORK_QUEUES.includes(state.queue)) return [];
  const waiting = WORK_QUEUES.filter((q) => q !== state.queue && counts[q] > 0);
  if (!waiting.length) return [];
  const parts: (Node | string)[] = [h("br"), t.stillWaiting];
  waiting.forEach((q, i) => {
    if (i) parts.push(i === waiting.length - 1 ? t.and : ", ");
    parts.push(
      h("a", { href: queueHash({ ...state, queue: q }), text: `${formatNumber(counts[q])} ${t.queueNames[q]}` }),
    );
  });
  parts.push(".");
  return parts;
}

export function insertCard(item: QueueItem, where: "start" | "end"): HTMLElement {
  state.items.set(item.id, item);
  const card = buildCard(item, { selected: state.selected.has(item.id) });
  if (where === "start") list().prepend(card);
  else list().append(card);
  return card;
}

export function replaceCard(item: QueueItem): HTMLElement {
  state.items.set(item.id, item);
  const old = cardOf(item.id);
  const card = buildCard(item, { selected: state.selected.has(item.id) });
  const hadFocus = old?.contains(document.activeElement);
  if (old) old.replaceWith(card);
  if (state.currentId === item.id) markCurrent(card, false);
  if (hadFocus) card.focus({ preventScroll: true }); // a reloaded card keeps the keyboard where it was
  return card;
}

export function removeCard(id: string): void {
  const card = cardOf(id);
  const hadFocus = card?.contains(document.activeElement);
  if (state.currentId === id) {
    const next = (card?.nextElementSibling ?? card?.previousElementSibling) as HTMLElement | null | undefined;
    state.currentId = null;
    card?.remove();
    if (next) setCurrent(next.dataset.id ?? null);
  } else card?.remove();
  state.items.delete(id);
  state.selected.delete(id);
  renderChrome();
  // The last card went: keep the keyboard in the view (on the empty state), not on <body>.
  if (hadFocus && !list().querySelector(".card")) {
    const status = byId("queue-status");
    status.tabIndex = -1;
    status.focus({ preventScroll: true });
  }
}

// ── the current card (j/k) and the ticked ones (x) ────────────────────────
function markCurrent(card: HTMLElement, scroll: boolean): void {
  for (const c of list().querySelectorAll(".card.is-current")) c.classList.remove("is-current");
  card.classList.add("is-current");
  if (scroll) {
    card.focus({ preventScroll: true });
    card.scrollIntoView({ block: "nearest" });
  }
}

export function setCurrent(id: string | null, scroll = true): void {
  const card = cardOf(id);
  if (!id || !card) return;
  const left = cardOf(state.currentId);
  if (left?.classList.contains("is-gone") && left !== card) left.remove(); // decided elsewhere; the moderator has moved on
  state.currentId = id;
  markCurrent(card, scroll);
}

export function moveCurrent(delta: 1 | -1): void {
  const cards = [...list().querySelectorAll<HTMLElement>(".card")];
  if (!cards.length) return;
  const at = cards.findIndex((c) => c.dataset.id === state.currentId);
  const next = at === -1 ? (delta > 0 ? 0 : cards.length - 1) : Math.min(cards.length - 1, Math.max(0, at + delta));
  setCurrent(cards[next]?.dataset.id ?? null);
  if (at === cards.length - 1 && delta > 0 && state.nextCursor) announce(t.lastLoaded);
}

export function toggleSelected(id: string | null = state.currentId, on = !state.selected.has(id ?? "")): void {
  const card = cardOf(id);
  if (!id || !card || card.classList.contains("is-gone")) return;
  if (on) state.selected.add(id);
  else state.selected.delete(id);
  card.classList.toggle("is-selected", on);
  const box = card.querySelector<HTMLInputElement>(".card-select");
  if (box) box.checked = on;
  renderChrome();
}

export function clearSelection(): void {
  for (const id of [...state.selected]) toggleSelected(id, false);
}
