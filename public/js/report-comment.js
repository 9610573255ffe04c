// "Report" on other readers' comments (the widget has the same panel): a reason, an optional note,
// POST /api/comments/:id/reports. One panel at a time; Escape or Cancel closes it and gives focus
// back to the button. Without JavaScript there is no button (the API takes JSON only).

const REASONS = [
  ["spam", "Spam or advertising"],
  ["abuse", "Abusive or harassing"],
  ["off-topic", "Off-topic"],
  ["other", "Something else"],
];
let counter = 0;

/** Adds a Report button to a comment's body (`article.comment-body`) of someone else's published comment. */
export function addReportButton(body, commentId, authorName) {
  if (!body || body.querySelector(":scope .comment-report-button")) return;
  let row = body.querySelector(":scope > .reply");
  if (!row) {
    row = document.createElement("div");
    row.className = "reply";
    body.append(row);
  }
  const button = document.createElement("button");
  button.type = "button";
  button.className = "link-button comment-report-button";
  button.textContent = "Report";
  button.setAttribute("aria-label", `Report the comment by ${authorName}`);
  button.setAttribute("aria-expanded", "false");
  button.addEventListener("click", () => toggle(body, commentId, button));
  row.append(button);
}

function toggle(body, commentId, button) {
  const open = body.querySelector(":scope > .comment-report");
  open?.remove();
  if (button.getAttribute("aria-expanded") === "true") {
    button.setAttribute("aria-expanded", "false");
    return button.focus();
  }
  button.setAttribute("aria-expanded", "true");
  const panel = reportForm(commentId, () => toggle(body, commentId, button));
  button.closest(".reply").after(panel);
  panel.querySelector("input")?.focus();
}

function reportForm(commentId, close) {
  const n = ++counter;
  const form = el("form", "comment-report");
  form.noValidate = true;
  const fieldset = el("fieldset");
  fieldset.append(el("legend", "", "Why should a moderator look at this comment?"));
  REASONS.forEach(([value, label], i) => {
    const id = `report-${n}-${value}`;
    const radio = el("input");
    Object.assign(radio, { type: "radio", name: `reason-${n}`, id, value, checked: i === 0 });
    const text = el("label", "", label);
    text.htmlFor = id;
    const row = el("span", "report-reason");
    row.append(radio, " ", text);
    fieldset.append(row);
  });
  const noteLabel = el("label", "report-note-label", "Anything to add? (optional)");
  const note = el("textarea");
  note.id = noteLabel.htmlFor = `report-${n}-note`;
  Object.assign(note, { rows: 2, maxLength: 500 });
  const send = el("button", "report-send", "Send report");
  send.type = "submit";
  const cancel = el("button", "link-button", "Cancel");
  cancel.type = "button";
  const status = el("span", "report-status");
  status.setAttribute("role", "alert");
  const actions = el("p", "report-actions");
  actions.append(send, " ", cancel, " ", status);
  form.append(fieldset, noteLabel, note, actions);

  cancel.addEventListener("click", close);
  form.addEventListener("keydown", (e) => {
    if (e.key === "Escape") close();
  });
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    send.disabled = true;
    status.textContent = "";
    const reason = form.querySelector("input[type=radio]:checked")?.value ?? "other";
    try {
      const res = await fetch(`/api/comments/${encodeURIComponent(commentId)}/reports`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ reason, note: note.value.trim() || undefined }),
      });
      const data = await res.json().catch(() => ({}));
      if (!res.ok && res.status !== 409)
        throw new Error(data.error?.message || "The report could not be sent; try again.");
      const done = el(
        "p",
        "comment-report-done",
        res.status === 409
          ? "You have already reported this comment. A moderator will take a look."
          : "Thank you. A moderator will take a look.",
      );
      done.setAttribute("role", "status");
      done.tabIndex = -1;
      form.closest("article")?.querySelector(".comment-report-button")?.remove(); // once per reader
      form.replaceWith(done);
      done.focus();
    } catch (err) {
      status.textContent = err instanceof TypeError ? "Could not reach the server; try again." : err.message;
      send.disabled = false;
    }
  });
  return form;
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
