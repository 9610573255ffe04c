// One queue item as a card: who wrote it, where, why it is here, its links and reports, and the
// buttons that decide it. bodyHtml (sanitized by the server on write) is the only field set as HTML,
// through the shared view's setSanitizedHtml.
import { h, safeHref, setSanitizedHtml } from "../dom.ts";
import type { QueueItem } from "./api-types.ts";
import { linkList } from "./card-links.ts";
import { ACTION_KEYS, actionsFor, statusLabel } from "./describe.ts";
import { describeFlag } from "./flag-text.ts";
import { count, say, t } from "./lang.ts";
import { formatPercent, timeElement } from "./time.ts";

export function buildCard(item: QueueItem, { selected = false } = {}): HTMLElement {
  const titleId = `card-${item.id}-title`;
  const box = h("input", {
    type: "checkbox",
    class: "card-select",
    "aria-label": say(t.selectComment, { name: item.authorName }),
  });
  box.checked = selected;
  const card = h(
    "article",
    {
      class: selected ? "card is-selected" : "card",
      id: `card-${item.id}`,
      tabindex: "-1",
      "aria-labelledby": titleId,
      "data-id": item.id,
      "data-status": item.status,
    },
    h(
      "header",
      { class: "card-head" },
      box,
      h("h3", { class: "card-author", id: titleId }, item.authorName),
      h("span", { class: `status-badge status-${item.status}`, text: statusLabel(item.status) }),
      item.reportCount > 0
        ? h("span", { class: "status-badge status-reported", text: count(t.reports, item.reportCount) })
        : null,
      h(
        "span",
        { class: "card-time" },
        timeElement(item.createdAt),
        item.editedAt ? h("span", { class: "card-edited", text: t.edited }) : null,
      ),
    ),
    whereLine(item),
    authorLine(item),
    reasonList(item),
    spamScore(item),
    reportList(item),
    body(item),
    linkList(item),
    h("p", { class: "card-notice", role: "alert", hidden: true }),
    actionBar(item),
  );
  return card;
}

function whereLine(item: QueueItem): HTMLElement {
  const line = h("p", { class: "card-where" });
  const title = item.article?.title ?? item.thread.title;
  const href = item.article ? `/articles/${encodeURIComponent(item.article.slug)}` : safeHref(item.thread.url);
  line.append(t.on, href ? h("a", { href, text: title }) : h("strong", { text: title }));
  if (item.status === "published" && href)
    line.append(" · ", h("a", { href: `${href}#comment-${item.id}`, text: t.viewComment }));
  if (item.parent) {
    line.append(
      h(
        "span",
        { class: "card-parent" },
        t.inReplyTo,
        h("strong", { text: item.parent.authorName }),
        ": ",
        h("q", { text: item.parent.excerpt }),
      ),
    );
  }
  return line;
}

function authorLine(item: QueueItem): HTMLElement {
  const past = item.authorHistory;
  const history = h(
    "span",
    { class: "history" },
    h("span", { class: "history-ok", text: say(t.approvedCount, { n: past.published }) }),
    " · ",
    h("span", { class: past.rejected ? "history-bad" : "", text: say(t.rejectedCount, { n: past.rejected }) }),
    " · ",
    h("span", { class: past.spam ? "history-bad" : "", text: say(t.spamCount, { n: past.spam }) }),
  );
  const account = item.account;
  return h(
    "dl",
    { class: "card-facts" },
    account
      ? fact(
          t.signedIn,
          h("span", {
            class: "card-account",
            text: say(t.accountOf, { name: account.name, provider: account.providerLabel, subject: account.subject }),
          }),
        )
      : null,
    fact(t.email, h("a", { href: `mailto:${item.authorEmail}`, text: item.authorEmail })),
    item.authorUrl
      ? fact(
          t.website,
          h("a", {
            href: safeHref(item.authorUrl),
            rel: "noopener noreferrer nofollow",
            target: "_blank",
            text: item.authorUrl,
          }),
        )
      : null,
    fact(t.ipHash, h("code", { text: item.ipHash })),
    fact(t.history, history, past.firstComment ? h("span", { class: "tag", text: t.firstComment }) : null),
  );
}

const fact = (label: string, ...value: (Node | null)[]) =>
  h("div", {}, h("dt", { text: label }), h("dd", {}, ...value));

const REASON_HEADINGS: Partial<Record<string, string>> = { held: t.heldBecause, pending: t.waitingBecause };

function reasonList(item: QueueItem): HTMLElement | null {
  if (!item.flags.length) return null;
  return h(
    "div",
    { class: "card-reasons" },
    h("h4", { text: REASON_HEADINGS[item.status] ?? t.flagsHeading }),
    h("ul", {}, ...item.flags.map((f) => h("li", { "data-code": f.code, text: describeFlag(f) }))),
  );
}

/** The learned spam score (src/spam/) when the comment was posted, and what pushed it towards spam. */
function spamScore(item: QueueItem): HTMLElement | null {
  const s = item.spam;
  if (!s) return null;
  const tone = s.score >= 0.9 ? "bad" : s.score >= 0.5 ? "warn" : "ok";
  const basis = s.acting
    ? say(t.spamLearned, { decisions: count(t.decisions, s.decisions) })
    : say(t.spamRecorded, { decisions: count(t.decisions, s.decisions) });
  return h(
    "div",
    { class: `card-spam spam-${tone}` },
    h(
      "h4",
      {},
      t.spamScore,
      h("strong", { class: "spam-score", text: formatPercent(s.score) }),
      h("span", { class: "spam-basis", text: ` (${basis})` }),
    ),
    s.reasons.length && s.score >= 0.5
      ? h("ul", { class: "spam-reasons", "aria-label": t.spamWhy }, ...s.reasons.map((r) => h("li", { text: r })))
      : null,
    s.postedAfterSeconds === null ? null : h("p", { class: "spam-speed", text: postingSpeed(s.postedAfterSeconds) }),
  );
}

/** How long the poster had the form before posting, in words (one of the score's features). */
function postingSpeed(seconds: number): string {
  const after =
    seconds < 90
      ? count(t.speedSeconds, seconds)
      : seconds < 5400
        ? count(t.speedMinutes, Math.round(seconds / 60))
        : count(t.speedHours, Math.round(seconds / 3600));
  return say(seconds <= 5 ? t.spamSpeedQuick : t.spamSpeed, { after });
}

function reportList(item: QueueItem): HTMLElement | null {
  if (!item.reports.length) return null;
  return h(
    "div",
    { class: "card-reports" },
    h("h4", { text: say(t.reportedBy, { n: item.reportCount }) }),
    h(
      "ul",
      {},
      ...item.reports.map((r) =>
        h(
          "li",
          {},
          h("strong", { text: (t.reportReasons as Record<string, string>)[r.reason] ?? r.reason }),
          r.note ? h("span", { text: ` — “${r.note}”` }) : null,
          " ",
          timeElement(r.createdAt),
        ),
      ),
    ),
  );
}

function body(item: QueueItem): HTMLElement {
  const content = h("div", { class: "comment-content card-body" });
  setSanitizedHtml(content, item.bodyHtml);
  return content;
}

function actionBar(item: QueueItem): HTMLElement {
  const actions = actionsFor(item);
  // Reject or spam with a reason (also Shift+R / Shift+S): offered wherever a plain reject is.
  const withReason = actions.includes("reject")
    ? h(
        "button",
        {
          type: "button",
          class: "action action-with-reason",
          "data-action": "with-reason",
          "aria-keyshortcuts": "Shift+R Shift+S",
          "aria-haspopup": "dialog",
          "aria-label": say(t.withReasonLabel, { name: item.authorName }),
        },
        t.withReason,
      )
    : null;
  const buttons = actions.map((action) => {
    const key = ACTION_KEYS[action];
    // On a reported, published comment "approve" keeps it and dismisses the reports.
    const label = action === "approve" && item.status === "published" ? t.keepDismiss : t.action[action];
    return h(
      "button",
      {
        type: "button",
        class: `action action-${action}`,
        "data-action": action,
        "aria-keyshortcuts": key,
        "aria-label": say(t.actionOn, { label, name: item.authorName }),
        "aria-haspopup": action === "ban-author" ? "dialog" : undefined,
      },
      label,
      key ? h("kbd", { "aria-hidden": "true", text: key }) : null,
    );
  });
  if (withReason) buttons.splice(actions.indexOf("spam") + 1 || actions.indexOf("reject") + 1, 0, withReason);
  return h("div", { class: "card-actions" }, ...buttons);
}

/** Shows a message on the card (an error, or why it was reloaded). */
export function setCardNotice(card: Element | null, message: string, tone = "error"): void {
  const notice = card?.querySelector<HTMLElement>(".card-notice");
  if (!notice) return;
  notice.textContent = message;
  notice.dataset.tone = tone;
  notice.hidden = !message;
}

export function setCardBusy(card: Element | null, busy: boolean): void {
  if (!card) return;
  card.setAttribute("aria-busy", String(busy));
  for (const b of card.querySelectorAll("button")) if (b.closest(".card-actions")) b.disabled = busy;
}
