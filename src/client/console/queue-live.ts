// Live queue updates: the realtime feed (live-feed.ts) calls onQueueEvent() and onLinkChecked();
// nothing here knows about sockets.
import { announce } from "./announce.ts";
import type { ModeratorEvent, QueueCounts, QueueItem } from "./api-types.ts";
import { setCardBusy, setCardNotice } from "./card.ts";
import { isAction, statusLabel } from "./describe.ts";
import { say, t } from "./lang.ts";
import { belongsInView, fetchQueueItem, reloadCard } from "./queue-actions.ts";
import { cardOf, state } from "./queue-state.ts";
import { insertCard, removeCard, renderChrome, replaceCard, setCounts } from "./queue-view.ts";

/** A comment as a live event names it: the full queue item, or only where it stands now. */
type BareComment = { id: string; status: QueueItem["status"]; revision?: number; reportCount?: number };
type LinkChecked = Extract<ModeratorEvent, { type: "link:checked" }>;

export type QueueEvent = {
  counts?: QueueCounts;
  comment?: QueueItem | BareComment;
  by?: { id: string; name: string } | null;
  action?: string;
};

const isFull = (c: QueueItem | BareComment): c is QueueItem => "bodyHtml" in c && typeof c.bodyHtml === "string";

/**
 * Applies one live queue event. A full QueueItem (it has bodyHtml) can add or refresh a card; for a
 * bare { id, status, revision } that belongs on screen, the full item is fetched. The card under the
 * moderator's cursor is never yanked away: it is greyed out and marked as decided elsewhere, so a
 * keypress meant for it cannot land on its neighbour.
 */
export function onQueueEvent(event: QueueEvent): void {
  if (event.counts) setCounts(event.counts);
  const c = event.comment;
  if (!c?.id) return;
  const known = state.items.get(c.id);
  if (known) {
    if (!belongsInView(c)) return leaveView(c.id, c.status, event.by, event.action);
    if (c.revision !== undefined && c.revision !== known.revision) {
      if (isFull(c)) setCardNotice(replaceCard(c), t.editedShown, "info");
      else void reloadCard(c.id, t.editedReloaded);
    } else if (isFull(c)) replaceCard(c);
    return;
  }
  if (!belongsInView(c) || (isFull(c) && !matchesFilters(c))) return;
  if (state.sort === "oldest" && state.nextCursor) return; // it will come with "Load more"
  if (isFull(c)) return arrive(c);
  fetchQueueItem(c).then(
    (item) => item && arrive(item),
    () => {},
  );
}

function arrive(item: QueueItem): void {
  if (state.items.has(item.id)) return;
  insertCard(item, state.sort === "newest" ? "start" : "end").classList.add("is-new");
  renderChrome();
}

/** A link check finished: the badges of the cards citing that URL change in place. */
export function onLinkChecked({ url, state: linkState, httpStatus, title, finalUrl, commentIds }: LinkChecked): void {
  for (const id of commentIds) {
    const item = state.items.get(id);
    if (!item?.links.some((l) => l.url === url)) continue;
    replaceCard({
      ...item,
      links: item.links.map((l) =>
        l.url === url ? { ...l, state: linkState as typeof l.state, httpStatus, title, finalUrl } : l,
      ),
    });
  }
}

function matchesFilters(item: QueueItem): boolean {
  if (state.article && item.article?.slug !== state.article) return false;
  if (!state.q) return true;
  const q = state.q.toLowerCase();
  return [item.bodySource, item.authorName, item.authorEmail].some((s) => s.toLowerCase().includes(q));
}

function leaveView(id: string, status: string, by: QueueEvent["by"], action: string | undefined): void {
  const card = cardOf(id);
  if (!card || card.getAttribute("aria-busy") === "true") return; // our own decision is in flight; act() settles it
  const what = action && isAction(action) ? t.donePast[action] : t.decided;
  const who = by?.name
    ? say(t.decidedBy, { what, name: by.name })
    : say(t.decidedElsewhere, { status: statusLabel(status).toLowerCase() });
  if (state.currentId !== id) {
    announce(say(t.leftQueue, { who, name: state.items.get(id)?.authorName ?? t.someone }));
    return removeCard(id);
  }
  card.classList.add("is-gone");
  setCardBusy(card, true);
  setCardNotice(card, say(t.leftQueueHere, { who }), "info");
  state.selected.delete(id);
  state.items.delete(id);
  renderChrome();
}
