// Live queue updates. The realtime feed (live-feed.js) calls onQueueEvent() and dispatches
// "parley:link-checked"; nothing here knows about sockets.
import { setCardBusy, setCardNotice } from "./card.js";
import { ACTIONS } from "./describe.js";
import { announce } from "./dom.js";
import { belongsInView, fetchQueueItem, reloadCard } from "./queue-actions.js";
import { cardOf, insertCard, removeCard, renderChrome, replaceCard, setCounts, state } from "./queue-view.js";

/**
 * Applies one live queue event (the realtime feed calls this; nothing here knows about sockets):
 *   { counts?: QueueCounts, comment?: QueueItem | { id, status, revision }, by?: { id, name } | null, action?: string }
 * A full QueueItem (it has bodyHtml) can add or refresh a card; for a bare { id, status, revision }
 * that belongs on screen, the full item is fetched. The card under the moderator's cursor is never
 * yanked away: it is greyed out and marked as decided elsewhere, so a keypress meant for it cannot
 * land on its neighbour.
 */
export function onQueueEvent(event) {
  if (event?.counts) setCounts(event.counts);
  const c = event?.comment;
  if (!c?.id) return;
  const known = state.items.get(c.id);
  const full = typeof c.bodyHtml === "string";
  if (known) {
    if (!belongsInView(c)) return leaveView(c.id, c.status, event.by, event.action);
    if (c.revision !== undefined && c.revision !== known.revision) {
      if (full)
        setCardNotice(replaceCard(c), "This comment was edited since you loaded it — showing the new version.", "info");
      else reloadCard(c.id, "This comment was edited since you loaded it — reloaded.");
    } else if (full) replaceCard(c);
    return;
  }
  if (!belongsInView(c) || (full && !matchesFilters(c))) return;
  if (state.sort === "oldest" && state.nextCursor) return; // it will come with "Load more"
  if (full) return arrive(c);
  fetchQueueItem(c).then(
    (item) => item && arrive(item),
    () => {},
  );
}

function arrive(item) {
  if (state.items.has(item.id)) return;
  insertCard(item, state.sort === "newest" ? "start" : "end").classList.add("is-new");
  renderChrome();
}

/** A link check finished: the badges of the cards citing that URL change in place. */
document.addEventListener(
  "parley:link-checked",
  ({ detail: { url, state: linkState, httpStatus, title, finalUrl, commentIds = [] } }) => {
    for (const id of commentIds) {
      const item = state.items.get(id);
      if (!item?.links?.some((l) => l.url === url)) continue;
      replaceCard({
        ...item,
        links: item.links.map((l) => (l.url === url ? { ...l, state: linkState, httpStatus, title, finalUrl } : l)),
      });
    }
  },
);

function matchesFilters(item) {
  if (state.article && item.article?.slug !== state.article) return false;
  if (!state.q) return true;
  const q = state.q.toLowerCase();
  return [item.bodySource, item.authorName, item.authorEmail].some((s) => s?.toLowerCase().includes(q));
}

function leaveView(id, status, by, action) {
  const card = cardOf(id);
  if (!card || card.getAttribute("aria-busy") === "true") return; // our own decision is in flight; act() settles it
  const who = by?.name ? `${ACTIONS[action]?.done ?? "Decided"} by ${by.name}` : `Decided elsewhere (now ${status})`;
  if (state.currentId !== id) {
    announce(`${who}: the comment by ${state.items.get(id)?.authorName ?? "someone"} left this queue.`);
    return removeCard(id);
  }
  card.classList.add("is-gone");
  setCardBusy(card, true);
  setCardNotice(card, `${who}; it has left this queue.`, "info");
  state.selected.delete(id);
  state.items.delete(id);
  renderChrome();
}
