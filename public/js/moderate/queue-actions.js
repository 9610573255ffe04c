// Deciding on comments: one click or key on a card, or the ticked cards in bulk. A decision names
// the revision it was made on; a 409 reloads the card and says so. A ban asks first (with what else it
// takes down); reject and spam may carry a reason (decision-dialogs.js).
import { get, post, withQuery } from "./api.js";
import { setCardBusy, setCardNotice } from "./card.js";
import { ACTIONS, describeBulkDone, describeDone } from "./describe.js";
import { askReason, confirmBan } from "./decision-dialogs.js";
import { announce, plural } from "./dom.js";
import { cardOf, removeCard, renderChrome, replaceCard, setCounts, state } from "./queue-view.js";

const BULK_MAX = 100;
const CONFLICT_NOTICE = "This comment changed since you loaded it — reloaded. Check it again before deciding.";

export function initQueueActions() {
  document.getElementById("queue-list").addEventListener("click", (e) => {
    const button = e.target.closest(".card button[data-action]");
    if (!button) return;
    const id = button.closest(".card").dataset.id;
    if (button.dataset.action === "with-reason") decideWithReason("reject", id);
    else act(button.dataset.action, id);
  });
  document.getElementById("bulk-bar").addEventListener("click", (e) => {
    const action = e.target.closest("button")?.dataset.bulk;
    if (action && action !== "clear") actOnSelection(action);
  });
}

/** a / r / s (and Shift+R / Shift+S with a reason): on the ticked cards when there are any, otherwise on the current one. */
export async function actOnCurrentOrSelection(action, { withReason = false } = {}) {
  if (state.selected.size && action !== "ban-author") {
    if (!withReason) return actOnSelection(action);
    const answer = await askReason(action, null);
    return answer ? actOnSelection(answer.action, answer.reason) : undefined;
  }
  if (!state.currentId) return announce("Move to a comment first (j / k).");
  return withReason ? decideWithReason(action, state.currentId) : act(action, state.currentId);
}

/** Reject or spam with a reason picked in the dialog; focus goes back to the card on cancel. */
export async function decideWithReason(action, id) {
  const item = state.items.get(id);
  if (!item) return;
  const answer = await askReason(action, item);
  if (!answer) return backToCard(id);
  return act(answer.action, id, { reason: answer.reason });
}

/** Undoes a ban (the comments it rejected stay rejected; Restore brings one back). */
async function liftBan(item, reason) {
  await post(`/api/moderation/comments/${encodeURIComponent(item.id)}/unban`, { reason });
  announce(`Lifted the ban on ${item.authorName}`);
}

function backToCard(id) {
  const card = cardOf(id);
  if (card) card.focus({ preventScroll: true });
}

/** Whether a comment ({ status, reportCount? }) belongs in the queue on screen. */
export function belongsInView(c, decidedHere = false) {
  if (state.queue === "all") return true;
  // A decision here settles the reports; a live event without a reportCount leaves the card alone.
  if (state.queue === "reported") return !decidedHere && c.status === "published" && (c.reportCount ?? 1) > 0;
  return c.status === state.queue;
}

function applyDecision(id, comment) {
  const item = state.items.get(id);
  if (!item) return;
  if (belongsInView(comment, true))
    replaceCard({ ...item, status: comment.status, revision: comment.revision ?? item.revision });
  else removeCard(id);
}

/** `extra`: { reason } for any decision; a ban asks first and adds { reason, rejectPublished }. */
export async function act(action, id, extra = {}) {
  const item = state.items.get(id);
  const card = cardOf(id);
  if (!item || !card || card.classList.contains("is-gone") || card.getAttribute("aria-busy") === "true") return;
  setCardBusy(card, true);
  setCardNotice(card, "");
  try {
    if (action === "ban-author") {
      const answer = await confirmBan(item);
      if (!answer || answer.unban) {
        if (answer?.unban) await liftBan(item, answer.reason);
        setCardBusy(card, false);
        return backToCard(id);
      }
      extra = { ...extra, ...answer };
    }
    const res = await post(`/api/moderation/comments/${encodeURIComponent(id)}/actions`, {
      action,
      revision: item.revision,
      status: item.status,
      ...extra,
    });
    setCounts(res.counts);
    applyDecision(id, res.comment);
    // The ban also rejected the author's other comments: update their cards here rather than wait for the live feed.
    for (const other of res.alsoRejected ?? []) applyDecision(other, { status: "rejected" });
    const swept = res.alsoRejected?.length
      ? ` and rejected ${plural(res.alsoRejected.length, "other comment")} of theirs`
      : "";
    announce(describeDone(action, item.authorName) + swept);
    if (cardOf(id)) backToCard(id); // still in this queue: keep the keyboard on it
  } catch (error) {
    if (error.code === "CONFLICT") return reloadCard(id, CONFLICT_NOTICE);
    setCardBusy(card, false);
    setCardNotice(card, error.message);
    announce(
      `Could not ${ACTIONS[action]?.label.replace("…", "").toLowerCase() ?? action} the comment by ${item.authorName}: ${error.message}`,
    );
  }
}

async function actOnSelection(action, reason) {
  const ids = [...state.selected].filter((id) => state.items.has(id));
  let ok = 0;
  let failed = 0;
  for (let i = 0; i < ids.length; i += BULK_MAX) {
    const chunk = ids.slice(i, i + BULK_MAX);
    for (const id of chunk) setCardBusy(cardOf(id), true);
    let res;
    try {
      res = await post("/api/moderation/actions/bulk", {
        action,
        reason,
        items: chunk.map((id) => ({ id, revision: state.items.get(id).revision, status: state.items.get(id).status })),
      });
    } catch (error) {
      for (const id of chunk) setCardBusy(cardOf(id), false);
      announce(
        `Could not ${ACTIONS[action]?.label.replace("…", "").toLowerCase() ?? action} the ticked comments: ${error.message}`,
      );
      return;
    }
    setCounts(res.counts);
    for (const r of res.results) {
      if (r.ok) {
        ok++;
        state.selected.delete(r.id);
        applyDecision(r.id, { status: r.status });
        continue;
      }
      failed++;
      if (r.error?.code === "CONFLICT") await reloadCard(r.id, CONFLICT_NOTICE);
      else if (cardOf(r.id)) {
        setCardBusy(cardOf(r.id), false);
        setCardNotice(cardOf(r.id), r.error?.message ?? "This comment could not be changed.");
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
export async function fetchQueueItem({ id, authorEmail }) {
  const data = await get(
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
export async function reloadCard(id, notice) {
  const item = state.items.get(id);
  if (!item) return;
  try {
    const fresh = await fetchQueueItem(item);
    if (!fresh) {
      removeCard(id);
      announce(`The comment by ${item.authorName} changed and has left this queue.`);
      return;
    }
    setCardNotice(replaceCard(fresh), notice, "info");
    announce(`The comment by ${item.authorName} changed since you loaded it; reloaded.`);
  } catch (error) {
    const card = cardOf(id);
    if (!card) return;
    setCardBusy(card, false);
    setCardNotice(card, `This comment changed since you loaded it, and reloading it failed: ${error.message}`);
  }
}
