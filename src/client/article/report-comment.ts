// "Report" on other readers' comments (the widget has the same panel): a reason, an optional note,
// POST /api/comments/:id/reports. One panel at a time; Escape or Cancel closes it and gives focus
// back to the button. Without JavaScript there is no button (the API takes JSON only).
import { h } from "../dom.ts";
import { fill } from "../i18n/messages.ts";
import type { PageCatalog } from "../i18n/page-catalogs.ts";

const REASONS = [
  ["spam", "reasonSpam"],
  ["abuse", "reasonAbuse"],
  ["off-topic", "reasonOffTopic"],
  ["other", "reasonOther"],
] as const;
let counter = 0;

/** Adds a Report button to a comment's body (`article.comment-body`) of someone else's published comment. */
export function addReportButton(m: PageCatalog, body: Element | null, commentId: string, authorName: string): void {
  if (!body || body.querySelector(":scope .comment-report-button")) return;
  let row = body.querySelector(":scope > .reply");
  if (!row) body.append((row = h("div", { class: "reply" })));
  const button = h("button", {
    type: "button",
    class: "link-button comment-report-button",
    text: m.report,
    "aria-label": fill(m.reportBy, { name: authorName }),
    "aria-expanded": "false",
  });
  button.addEventListener("click", () => toggle(m, body, commentId, button));
  row.append(button);
}

function toggle(m: PageCatalog, body: Element, commentId: string, button: HTMLButtonElement): void {
  body.querySelector(":scope > .comment-report")?.remove();
  if (button.getAttribute("aria-expanded") === "true") {
    button.setAttribute("aria-expanded", "false");
    return button.focus();
  }
  button.setAttribute("aria-expanded", "true");
  const panel = reportForm(m, commentId, () => toggle(m, body, commentId, button));
  button.closest(".reply")?.after(panel);
  panel.querySelector("input")?.focus();
}

function reportForm(m: PageCatalog, commentId: string, close: () => void): HTMLFormElement {
  const n = ++counter;
  const form = h("form", { class: "comment-report", novalidate: true });
  const fieldset = h("fieldset", {}, h("legend", { text: m.reportWhy }));
  REASONS.forEach(([value, label], i) => {
    const id = `report-${n}-${value}`;
    fieldset.append(
      h(
        "span",
        { class: "report-reason" },
        h("input", { type: "radio", name: `reason-${n}`, id, value, checked: i === 0 }),
        " ",
        h("label", { for: id, text: m[label] }),
      ),
    );
  });
  const noteId = `report-${n}-note`;
  const noteLabel = h("label", { class: "report-note-label", for: noteId, text: m.reportNote });
  const note = h("textarea", { id: noteId, rows: 2, maxlength: 500 });
  const send = h("button", { type: "submit", class: "report-send", text: m.sendReport });
  const cancel = h("button", { type: "button", class: "link-button", text: m.cancel });
  const status = h("span", { class: "report-status", role: "alert" });
  form.append(fieldset, noteLabel, note, h("p", { class: "report-actions" }, send, " ", cancel, " ", status));

  cancel.addEventListener("click", close);
  form.addEventListener("keydown", (e) => {
    if (e.key === "Escape") close();
  });
  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    send.disabled = true;
    status.textContent = "";
    const reason = form.querySelector<HTMLInputElement>("input[type=radio]:checked")?.value ?? "other";
    try {
      const res = await fetch(`/api/comments/${encodeURIComponent(commentId)}/reports`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json", "Accept-Language": m.lang },
        body: JSON.stringify({ reason, note: note.value.trim() || undefined }),
      });
      const data = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
      if (!res.ok && res.status !== 409) throw new Error(data.error?.message || m.reportFailed);
      const done = h("p", {
        class: "comment-report-done",
        role: "status",
        tabindex: -1,
        text: res.status === 409 ? m.reportedAlready : m.reportThanks,
      });
      form.closest("article")?.querySelector(".comment-report-button")?.remove(); // once per reader
      form.replaceWith(done);
      done.focus();
    } catch (err) {
      status.textContent = err instanceof TypeError ? m.cannotReach : (err as Error).message;
      send.disabled = false;
    }
  };
  form.addEventListener("submit", (e) => void onSubmit(e));
  return form;
}
