// Admin → Reader data (README "A reader's data"): for a reader who writes in, look up everything
// stored about their email address (the same export the reader gets from "Your data"), download it,
// and anonymise or delete their comments. The server writes an audit row with the admin's id for
// every comment changed; an erase is asked for twice, as it cannot be undone.
import { get, post, withQuery } from "./api.js";
import { announce, el, timeElement } from "./dom.js";

const SHOWN = 50;
const ERASE = {
  anonymise: {
    button: "Anonymise their comments",
    verb: "Anonymise",
    explain: "The comments stay; the name becomes “Deleted reader”, and the email, website and IP hash are removed.",
    confirm: "Yes, anonymise",
    done: (n) => `${n} comment(s) anonymised.`,
  },
  delete: {
    button: "Delete their comments",
    verb: "Delete",
    explain: "The text is removed; replies by others stay, under “This comment was removed”.",
    confirm: "Yes, delete",
    done: (n) => `${n} comment(s) deleted.`,
  },
};

export function showReaderData() {
  const root = document.getElementById("readers-body");
  if (root.firstElementChild?.classList.contains("reader-data-form")) return; // keeps what was looked up
  const result = el("div", { class: "reader-data-result", id: "reader-data-result" });
  root.replaceChildren(lookupForm(result), result);
}

function lookupForm(result) {
  const email = el("input", {
    id: "reader-email",
    name: "email",
    type: "email",
    required: true,
    autocomplete: "off",
    spellcheck: "false",
  });
  const status = el("span", { class: "form-status", role: "status" });
  const submit = el("button", { type: "submit", class: "submit", text: "Look up" });
  const form = el(
    "form",
    { class: "console-form settings-form reader-data-form", novalidate: true, "aria-labelledby": "reader-form-title" },
    el("h3", { id: "reader-form-title", text: "Look up an address" }),
    el("p", {
      class: "form-hint",
      text: "For a reader who asks you directly. Readers can also do this themselves from the “Your data” link on every page.",
    }),
    el("p", { class: "form-field" }, el("label", { for: "reader-email", text: "Reader's email address" }), email),
    el("p", { class: "form-actions" }, submit, status),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const address = email.value.trim();
    if (!address || !email.checkValidity()) {
      status.textContent = "Enter the reader's email address.";
      email.setAttribute("aria-invalid", "true");
      email.focus();
      return;
    }
    email.removeAttribute("aria-invalid");
    submit.disabled = true;
    status.textContent = "Looking up…";
    try {
      await lookUp(address, result);
      status.textContent = "";
    } catch (error) {
      status.textContent = error.message;
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

async function lookUp(address, result, done = "") {
  const data = await get(withQuery("/api/admin/readers/export", { email: address }));
  result.replaceChildren(renderData(data, result, done));
}

function renderData(data, result, done) {
  const visible = data.comments.filter((c) => c.status !== "deleted");
  const state = data.mail.address;
  const mailState = !state
    ? "never mailed"
    : state.suppressedAt
      ? "mail suppressed"
      : state.optedOutAt
        ? "opted out of mail"
        : state.verifiedAt
          ? "address confirmed"
          : "not confirmed";
  return el(
    "section",
    { class: "console-form settings-form reader-data", "aria-labelledby": "reader-data-title" },
    el("h3", { id: "reader-data-title", text: `Stored for ${data.address}` }),
    done && el("p", { class: "reader-data-done", role: "status", text: done }),
    el(
      "p",
      { class: "import-figures" },
      `${data.comments.length} comment(s), ${visible.length} of them shown on pages · ` +
        `${data.mail.subscriptions.length} mail subscription(s) · ${mailState}`,
    ),
    el(
      "p",
      { class: "form-actions" },
      el("a", {
        class: "button",
        href: withQuery("/api/admin/readers/export", { email: data.address }),
        download: "parley-reader-data.json",
        text: "Download as JSON",
      }),
    ),
    visible.length > 0 && commentList(visible),
    data.comments.length > 0
      ? eraseControls(data, result)
      : el("p", { class: "form-hint", text: "No comments under this address: there is nothing to erase." }),
  );
}

function commentList(comments) {
  return el(
    "ol",
    { class: "reader-data-comments" },
    comments
      .slice(0, SHOWN)
      .map((c) =>
        el(
          "li",
          {},
          el(
            "p",
            { class: "reader-data-meta" },
            el("strong", { text: c.authorName }),
            ` on “${c.page.title}”, `,
            timeElement(c.createdAt),
            ` · ${c.status} · `,
            el("a", { href: `#/audit?comment=${encodeURIComponent(c.id)}`, text: "History" }),
          ),
          el("p", { class: "reader-data-text", text: c.text.length > 280 ? `${c.text.slice(0, 280)}…` : c.text }),
        ),
      ),
    comments.length > SHOWN && el("li", { class: "form-hint", text: `… and ${comments.length - SHOWN} more.` }),
  );
}

function eraseControls(data, result) {
  const box = el("div", { class: "reader-data-erase" });
  const choose = () =>
    box.replaceChildren(
      el("h4", { text: "Erase" }),
      ...Object.entries(ERASE).map(([mode, text]) => {
        const button = el("button", {
          type: "button",
          class: mode === "delete" ? "danger-outline" : "",
          text: text.button,
        });
        button.addEventListener("click", () => confirmStep(mode));
        return el("p", { class: "reader-data-choice" }, button, el("span", { class: "form-hint", text: text.explain }));
      }),
    );
  const confirmStep = (mode) => {
    const text = ERASE[mode];
    const yes = el("button", { type: "button", class: "submit danger", text: text.confirm });
    const no = el("button", { type: "button", class: "link-button", text: "Cancel" });
    const status = el("span", { class: "form-status", role: "status" });
    box.replaceChildren(
      el("h4", { text: "Erase" }),
      el("p", {
        role: "alert",
        text: `${text.verb} the ${data.comments.length} comment(s) of ${data.address}? This cannot be undone. ${text.explain}`,
      }),
      el("p", { class: "form-actions" }, yes, no, status),
    );
    no.addEventListener("click", choose);
    yes.addEventListener("click", async () => {
      yes.disabled = no.disabled = true;
      status.textContent = "Erasing…";
      try {
        const { comments } = await post("/api/admin/readers/erase", { email: data.address, mode });
        announce(text.done(comments));
        await lookUp(data.address, result, `${text.done(comments)} Each has an audit row with your name.`);
      } catch (error) {
        status.textContent = error.message;
        yes.disabled = no.disabled = false;
      }
    });
    yes.focus();
  };
  choose();
  return box;
}
