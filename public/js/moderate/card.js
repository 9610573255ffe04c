// One queue item as a card: who wrote it, where, why it is here, its links and reports, and the
// buttons that decide it. bodyHtml (sanitized by the server on write) is the only field set as HTML.
import { linkList } from "./card-links.js";
import { ACTIONS, REPORT_REASONS, STATUS_LABELS, actionsFor, describeFlag } from "./describe.js";
import { append, el, plural, safeHref, timeElement } from "./dom.js";

export function buildCard(item, { selected = false } = {}) {
  const titleId = `card-${item.id}-title`;
  const card = el("article", {
    class: "card",
    id: `card-${item.id}`,
    tabindex: "-1",
    "aria-labelledby": titleId,
    dataset: { id: item.id, status: item.status },
  });
  card.classList.toggle("is-selected", selected);

  const box = el("input", {
    type: "checkbox",
    class: "card-select",
    "aria-label": `Select the comment by ${item.authorName}`,
  });
  box.checked = selected;
  append(
    card,
    el(
      "header",
      { class: "card-head" },
      box,
      el("h3", { class: "card-author", id: titleId }, item.authorName),
      el("span", { class: `status-badge status-${item.status}`, text: STATUS_LABELS[item.status] ?? item.status }),
      item.reportCount > 0
        ? el("span", { class: "status-badge status-reported", text: plural(item.reportCount, "report") })
        : null,
      el(
        "span",
        { class: "card-time" },
        timeElement(item.createdAt),
        item.editedAt ? el("span", { class: "card-edited", text: " · edited" }) : null,
      ),
    ),
    whereLine(item),
    authorLine(item),
    reasonList(item),
    spamScore(item),
    reportList(item),
    body(item),
    linkList(item),
    el("p", { class: "card-notice", role: "alert", hidden: true }),
    actionBar(item),
  );
  return card;
}

function whereLine(item) {
  const line = el("p", { class: "card-where" });
  const title = item.article?.title ?? item.thread.title;
  const href = item.article ? `/articles/${encodeURIComponent(item.article.slug)}` : safeHref(item.thread.url);
  line.append("On ", href ? el("a", { href, text: title }) : el("strong", { text: title }));
  if (item.status === "published" && href)
    line.append(" · ", el("a", { href: `${href}#comment-${item.id}`, text: "view comment" }));
  if (item.parent) {
    line.append(
      el(
        "span",
        { class: "card-parent" },
        " · in reply to ",
        el("strong", { text: item.parent.authorName }),
        ": ",
        el("q", { text: item.parent.excerpt }),
      ),
    );
  }
  return line;
}

function authorLine(item) {
  const h = item.authorHistory;
  const history = el(
    "span",
    { class: "history" },
    el("span", { class: "history-ok", text: `${h.published} approved` }),
    " · ",
    el("span", { class: h.rejected ? "history-bad" : "", text: `${h.rejected} rejected` }),
    " · ",
    el("span", { class: h.spam ? "history-bad" : "", text: `${h.spam} spam` }),
  );
  return el(
    "dl",
    { class: "card-facts" },
    item.account
      ? fact(
          "Signed in",
          el("span", {
            class: "card-account",
            text: `${item.account.name} · ${item.account.providerLabel} account ${item.account.subject}`,
          }),
        )
      : null,
    fact("Email", el("a", { href: `mailto:${item.authorEmail}`, text: item.authorEmail })),
    item.authorUrl
      ? fact(
          "Website",
          el("a", {
            href: safeHref(item.authorUrl),
            rel: "noopener noreferrer nofollow",
            target: "_blank",
            text: item.authorUrl,
          }),
        )
      : null,
    fact("IP hash", el("code", { text: item.ipHash })),
    fact("History", history, h.firstComment ? el("span", { class: "tag", text: "first comment" }) : null),
  );
}

const fact = (label, ...value) => el("div", {}, el("dt", { text: label }), el("dd", {}, ...value));

const REASON_HEADINGS = { held: "Held because", pending: "Waiting because" };

function reasonList(item) {
  if (!item.flags?.length) return null;
  return el(
    "div",
    { class: "card-reasons" },
    el("h4", { text: REASON_HEADINGS[item.status] ?? "Flags" }),
    el(
      "ul",
      {},
      item.flags.map((f) => el("li", { dataset: { code: f.code }, text: describeFlag(f) })),
    ),
  );
}

/** The learned spam score (src/spam/) when the comment was posted, and what pushed it towards spam. */
function spamScore(item) {
  const s = item.spam;
  if (!s) return null;
  const percent = Math.round(s.score * 100);
  const tone = s.score >= 0.9 ? "bad" : s.score >= 0.5 ? "warn" : "ok";
  const basis = s.acting
    ? `learned from ${plural(s.decisions, "decision")}`
    : `only recorded: the model has learned from ${plural(s.decisions, "decision")} so far`;
  return el(
    "div",
    { class: `card-spam spam-${tone}` },
    el(
      "h4",
      {},
      "Spam score ",
      el("strong", { class: "spam-score", text: `${percent} %` }),
      el("span", { class: "spam-basis", text: ` (${basis})` }),
    ),
    s.reasons.length && s.score >= 0.5
      ? el(
          "ul",
          { class: "spam-reasons", "aria-label": "What made it look like spam" },
          s.reasons.map((r) => el("li", { text: r })),
        )
      : null,
    s.postedAfterSeconds === null || s.postedAfterSeconds === undefined
      ? null
      : el("p", { class: "spam-speed", text: postingSpeed(s.postedAfterSeconds) }),
  );
}

/** How long the poster had the form before posting, in words (one of the score's features). */
function postingSpeed(seconds) {
  const after =
    seconds < 90
      ? plural(seconds, "second")
      : seconds < 5400
        ? plural(Math.round(seconds / 60), "minute")
        : plural(Math.round(seconds / 3600), "hour");
  const quick = seconds <= 5 ? " (quicker than people read and type)" : "";
  return `Posted ${after} after the page loaded${quick}.`;
}

function reportList(item) {
  if (!item.reports?.length) return null;
  return el(
    "div",
    { class: "card-reports" },
    el("h4", { text: `Reported by readers (${item.reportCount})` }),
    el(
      "ul",
      {},
      item.reports.map((r) =>
        el(
          "li",
          {},
          el("strong", { text: REPORT_REASONS[r.reason] ?? r.reason }),
          r.note ? el("span", { text: ` — “${r.note}”` }) : null,
          " ",
          timeElement(r.createdAt),
        ),
      ),
    ),
  );
}

function body(item) {
  const content = el("div", { class: "comment-content card-body" });
  content.innerHTML = item.bodyHtml; // sanitized by the server on write
  return content;
}

function actionBar(item) {
  const actions = actionsFor(item);
  // Reject or spam with a reason (also Shift+R / Shift+S): offered wherever a plain reject is.
  const withReason = actions.includes("reject")
    ? el(
        "button",
        {
          type: "button",
          class: "action action-with-reason",
          dataset: { action: "with-reason" },
          "aria-keyshortcuts": "Shift+R Shift+S",
          "aria-haspopup": "dialog",
          "aria-label": `Reject or mark as spam with a reason: comment by ${item.authorName}`,
        },
        "With reason…",
      )
    : null;
  const buttons = actions.map((action) => {
    const a = ACTIONS[action];
    // On a reported, published comment "approve" keeps it and dismisses the reports.
    const label = action === "approve" && item.status === "published" ? "Keep, dismiss reports" : a.label;
    return el(
      "button",
      {
        type: "button",
        class: `action action-${action}`,
        dataset: { action },
        "aria-keyshortcuts": a.key,
        "aria-label": `${label}: comment by ${item.authorName}`,
        "aria-haspopup": action === "ban-author" ? "dialog" : undefined,
      },
      label,
      a.key ? el("kbd", { "aria-hidden": "true", text: a.key }) : null,
    );
  });
  if (withReason) buttons.splice(actions.indexOf("spam") + 1 || actions.indexOf("reject") + 1, 0, withReason);
  return el("div", { class: "card-actions" }, buttons);
}

/** Shows a message on the card (an error, or why it was reloaded). */
export function setCardNotice(card, message, tone = "error") {
  const notice = card?.querySelector(".card-notice");
  if (!notice) return;
  notice.textContent = message;
  notice.dataset.tone = tone;
  notice.hidden = !message;
}

export function setCardBusy(card, busy) {
  if (!card) return;
  card.setAttribute("aria-busy", String(busy));
  for (const b of card.querySelectorAll(".card-actions button")) b.disabled = busy;
}
