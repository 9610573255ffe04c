// Deciding on comments: one click or key on a card, or the ticked cards in bulk. A decision names
// the revision it was made on; a 409 reloads the card and says so. A ban asks first (with what else it
// takes down); reject and spam may carry a reason (decision-dialogs.ts).
import { announce } from "./announce.ts";
import { ApiError, get, messageOf, post, withQuery } from "./api.ts";
import type { BulkAnswer, DecisionAnswer, QueueItem, QueuePage } from "./api-types.ts";
import { setCardBusy, setCardNotice } from "./card.ts";
import { askReason, confirmBan, type ReasonAction } from "./decision-dialogs.ts";
import { describeBulkDone, describeDone, describeFailure, type ModerationActionName } from "./describe.ts";
import { count, say, t } from "./lang.ts";
import { cardOf, state } from "./queue-state.ts";
import { closestFrom, removeCard, renderChrome, replaceCard, setCounts } from "./queue-view.ts";

const BULK_MAX = 100;
const CONFLICT_NOTICE = t.conflict;

type Extra = { reason?: string; rejectPublished?: boolean };

export function initQueueActions(): void {
  document.getElementById("queue-list")?.addEventListener("click", (e) => {
    const button = closestFrom<HTMLButtonElement>(e, ".card button[data-action]");
    const id = button?.closest<HTMLElement>(".card")?.dataset.id;
    if (!button || !id) return;
    if (button.dataset.action === "with-reason") void decideWithReason("reject", id);
    else void act(button.dataset.action as ModerationActionName, id);
  });
  document.getElementById("bulk-bar")?.addEventListener("click", (e) => {
    const action = closestFrom<HTMLButtonElement>(e, "button")?.dataset.bulk;
    if (action && action !== "clear") void actOnSelection(action as ModerationActionName);
  });
}

/** a / r / s (and Shift+R / Shift+S with a reason): on the ticked cards when there are any, otherwise on the current one. */
export async function actOnCurrentOrSelection(
  action: ModerationActionName,
  { withReason = false } = {},
): Promise<void> {
  const reasonAction: ReasonAction = action === "spam" ? "spam" : "reject";
  if (state.selected.size && action !== "ban-author") {
    if (!withReason) return actOnSelection(action);
    const answer = await askReason(reasonAction, null);
    return answer ? actOnSelection(answer.action, answer.reason) : undefined;
  }
  if (!state.currentId) return announce(t.moveFirst);
  return withReason ? decideWithReason(reasonAction, state.currentId) : act(action, state.currentId);
}

/** Reject or spam with a reason picked in the dialog; focus goes back to the card on cancel. */
export async function decideWithReason(action: ReasonAction, id: string): Promise<void> {
  const item = state.items.get(id);
  if (!item) return;
  const answer = await askReason(action, item);
  if (!answer) return backToCard(id);
  return act(answer.action, id, { reason: answer.reason });
}

/** Undoes a ban (the comments it rejected stay rejected; Restore brings one back). */
async function liftBan(item: QueueItem, reason: string | undefined): Promise<void> {
  await post(`/api/moderation/comments/${encodeURIComponent(item.id)}/unban`, { reason });
  announce(say(t.liftedBan, { name: item.authorName }));
}

function backToCard(id: string): void {
  cardOf(id)?.focus({ preventScroll: true });
}

/** Whether a comment ({ status, reportCount? }) belongs in the queue on screen. */
export function belongsInView(c: { status: string; reportCount?: number }, decidedHere = false): boolean {
  if (state.queue === "all") return true;
  // A decision here settles the reports; a live event without a reportCount leaves the card alone.
  if (state.queue === "reported") return !decidedHere && c.status === "published" && (c.reportCount ?? 1) > 0;
  return c.status === state.queue;
}

function applyDecision(id: string, comment: Pick<QueueItem, "status"> & { revision?: number }): void {
  const item = state.items.get(id);
  if (!item) return;
  if (belongsInView(comment, true))
    replaceCard({ ...item, status: comment.status, revision: comment.revision ?? item.revision });
  else removeCard(id);
}

/** `extra`: { reason } for any decision; a ban asks first and adds { reason, rejectPublished }. */
export async function act(action: ModerationActionName, id: string, extra: Extra = {}): Promise<void> {
  const item = state.items.get(id);
  const card = cardOf(id);
  if (!item || !card || card.classList.contains("is-gone") || card.getAttribute("aria-busy") === "true") return;
  setCardBusy(card, true);
  setCardNotice(card, "");
  try {
    if (action === "ban-author") {
      const answer = await confirmBan(item);
      if (!answer || "unban" in answer) {
        if (answer) await liftBan(item, answer.reason);
        setCardBusy(card, false);
        return backToCard(id);
      }
      extra = { ...extra, ...answer };
    }
    const res = await post<DecisionAnswer>(`/api/moderation/comments/${encodeURIComponent(id)}/actions`, {
      action,
      revision: item.revision,
      status: item.status,
      ...extra,
    });
    setCounts(res.counts);
    applyDecision(id, res.comment);
    // The ban also rejected the author's other comments: update their cards here rather than wait for the live feed.
    for (const other of res.alsoRejected ?? []) applyDecision(other, { status: "rejected" });
    const done = describeDone(action, item.authorName);
    const swept = res.alsoRejected?.length ?? 0;
    announce(swept ? say(t.alsoRejected, { done, others: count(t.otherComments, swept) }) : done);
    if (cardOf(id)) backToCard(id); // still in this queue: keep the keyboard on it
  } catch (error) {
    if (error instanceof ApiError && error.code === "CONFLICT") return reloadCard(id, CONFLICT_NOTICE);
    setCardBusy(card, false);
    setCardNotice(card, messageOf(error));
    announce(describeFailure(action, item.authorName, messageOf(error)));
  }
}

async function actOnSelection(action: ModerationActionName, reason?: string): Promise<void> {
  const ids = [...state.selected].filter((id) => state.items.has(id));
  let ok = 0;
  let failed = 0;
  for (let i = 0; i < ids.length; i += BULK_MAX) {
    const chunk = ids.slice(i, i + BULK_MAX);
    for (const id of chunk) setCardBusy(cardOf(id), true);
    let res: BulkAnswer;
    try {
      res = await post<BulkAnswer>("/api/moderation/actions/bulk", {
        action,
        reason,
        items: chunk.flatMap((id) => {
          const item = state.items.get(id);
          return item ? [{ id, revision: item.revision, status: item.status }] : [];
        }),
      });
    } catch (error) {
      for (const id of chunk) setCardBusy(cardOf(id), false);
      announce(describeFailure(action, null, messageOf(error)));
      return;
    }
    setCounts(res.counts);
    for (const r of res.results) {
      if (r.ok) {
        ok++;
        state.selected.delete(r.id);
        if (r.status) applyDecision(r.id, { status: r.status });
        else removeCard(r.id);
        continue;
      }
      failed++;
      if (r.error?.code === "CONFLICT") await reloadCard(r.id, CONFLICT_NOTICE);
      else if (cardOf(r.id)) {
        setCardBusy(cardOf(r.id), false);
        setCardNotice(cardOf(r.id), r.error?.message ?? t.notChanged);
      }
    }
  }
  renderChrome();
  announce(describeBulkDone(action, ok, failed));
}

/**
 * The full queue item for a comment, as the queue on screen would list it (null when it is not in it).
 * The API has no single-item read, so this asks the same queue for that author's comments (a short
 * list) and picks the one out of it.
 */
export async function fetchQueueItem({
  id,
  authorEmail,
}: {
  id: string;
  authorEmail?: string;
}): Promise<QueueItem | null> {
  const data = await get<QueuePage>(
    withQuery("/api/moderation/queue", {
      queue: state.queue,
      article: state.article,
      q: authorEmail ?? state.q,
      sort: state.sort,
      limit: 100,
    }),
  );
  setCounts(data.counts);
  return data.items.find((i) => i.id === id) ?? null;
}

/** Shows the comment's current version after a 409 or an edit, with `notice` on the card. */
export async function reloadCard(id: string, notice: string): Promise<void> {
  const item = state.items.get(id);
  if (!item) return;
  try {
    const fresh = await fetchQueueItem(item);
    if (!fresh) {
      removeCard(id);
      announce(say(t.changedLeft, { name: item.authorName }));
      return;
    }
    setCardNotice(replaceCard(fresh), notice, "info");
    announce(say(t.changedReloaded, { name: item.authorName }));
  } catch (error) {
    const card = cardOf(id);
    if (!card) return;
    setCardBusy(card, false);
    setCardNotice(card, say(t.reloadFailed, { message: messageOf(error) }));
  }
}
