// Admin → Reader data (README "A reader's data"): for a reader who writes in, look up everything
// stored about their email address (the same export the reader gets from "Your data"), download it,
// and anonymise or delete their comments (reader-data-erase.ts).
import { h } from "../dom.ts";
import { get, messageOf, withQuery } from "./api.ts";
import type { ReaderData } from "./api-types.ts";
import { eraseControls } from "./reader-data-erase.ts";
import { statusLabel } from "./describe.ts";
import { say, t } from "./lang.ts";
import { formatNumber, timeElement } from "./time.ts";

const SHOWN = 50;

export function showReaderData(): void {
  const root = document.getElementById("readers-body") as HTMLElement;
  if (root.firstElementChild?.classList.contains("reader-data-form")) return; // keeps what was looked up
  const result = h("div", { class: "reader-data-result", id: "reader-data-result" });
  root.replaceChildren(lookupForm(result), result);
}

function lookupForm(result: HTMLElement): HTMLFormElement {
  const email = h("input", {
    id: "reader-email",
    name: "email",
    type: "email",
    required: true,
    autocomplete: "off",
    spellcheck: "false",
  });
  const status = h("span", { class: "form-status", role: "status" });
  const submit = h("button", { type: "submit", class: "submit", text: t.admin.lookUp });
  const form = h(
    "form",
    { class: "console-form settings-form reader-data-form", novalidate: true, "aria-labelledby": "reader-form-title" },
    h("h3", { id: "reader-form-title", text: t.admin.lookUpTitle }),
    h("p", {
      class: "form-hint",
      text: t.admin.lookUpHint,
    }),
    h("p", { class: "form-field" }, h("label", { for: "reader-email", text: t.admin.readerEmail }), email),
    h("p", { class: "form-actions" }, submit, status),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const address = email.value.trim();
    if (!address || !email.checkValidity()) {
      status.textContent = t.admin.enterReaderEmail;
      email.setAttribute("aria-invalid", "true");
      email.focus();
      return;
    }
    email.removeAttribute("aria-invalid");
    submit.disabled = true;
    status.textContent = t.admin.lookingUp;
    lookUp(address, result)
      .then(
        () => (status.textContent = ""),
        (error: unknown) => (status.textContent = messageOf(error)),
      )
      .finally(() => (submit.disabled = false));
  });
  return form;
}

/** Shows what is stored for `address`; `done` says what just happened (after an erase). */
export async function lookUp(address: string, result: HTMLElement, done = ""): Promise<void> {
  const data = await get<ReaderData>(withQuery("/api/admin/readers/export", { email: address }));
  result.replaceChildren(renderData(data, result, done));
}

function mailStateOf(data: ReaderData): string {
  const state = data.mail.address;
  const words = t.admin.mailStates;
  if (!state) return words.never;
  if (state.suppressedAt) return words.suppressed;
  if (state.optedOutAt) return words.optedOut;
  return state.verifiedAt ? words.confirmed : words.unconfirmed;
}

function renderData(data: ReaderData, result: HTMLElement, done: string): HTMLElement {
  const visible = data.comments.filter((c) => c.status !== "deleted");
  return h(
    "section",
    { class: "console-form settings-form reader-data", "aria-labelledby": "reader-data-title" },
    h("h3", { id: "reader-data-title", text: say(t.admin.storedFor, { address: data.address }) }),
    done ? h("p", { class: "reader-data-done", role: "status", text: done }) : null,
    h(
      "p",
      { class: "import-figures" },
      say(t.admin.readerFigures, {
        comments: formatNumber(data.comments.length),
        shown: formatNumber(visible.length),
        subscriptions: formatNumber(data.mail.subscriptions.length),
        mail: mailStateOf(data),
      }),
    ),
    h(
      "p",
      { class: "form-actions" },
      h("a", {
        class: "button",
        href: withQuery("/api/admin/readers/export", { email: data.address }),
        download: "parley-reader-data.json",
        text: t.admin.downloadJson,
      }),
    ),
    visible.length > 0 ? commentList(visible) : null,
    data.comments.length > 0
      ? eraseControls(data, (message) => lookUp(data.address, result, message))
      : h("p", { class: "form-hint", text: t.admin.nothingToErase }),
  );
}

function commentList(comments: ReaderData["comments"]): HTMLElement {
  return h(
    "ol",
    { class: "reader-data-comments" },
    ...comments
      .slice(0, SHOWN)
      .map((c) =>
        h(
          "li",
          {},
          h(
            "p",
            { class: "reader-data-meta" },
            h("strong", { text: c.authorName }),
            say(t.admin.readerComment, { title: c.page.title }),
            timeElement(c.createdAt),
            ` · ${statusLabel(c.status).toLowerCase()} · `,
            h("a", { href: `#/audit?comment=${encodeURIComponent(c.id)}`, text: t.admin.history }),
          ),
          h("p", { class: "reader-data-text", text: c.text.length > 280 ? `${c.text.slice(0, 280)}…` : c.text }),
        ),
      ),
    comments.length > SHOWN
      ? h("li", { class: "form-hint", text: say(t.admin.andMore, { n: formatNumber(comments.length - SHOWN) }) })
      : null,
  );
}
