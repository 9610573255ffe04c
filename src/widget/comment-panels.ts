// The small forms that open under a comment: edit and delete (the author's own comment, with its
// edit token) and report (anyone else's). One panel at a time per comment; Escape or Cancel closes
// it and gives focus back to the button that opened it. Bundled apart (public/embed-panels.js, loaded
// on the first click), so ApiError is recognised by its shape: the class in embed.js is another copy.
import type { Api, ApiError } from "./api.ts";
import { h, uid } from "../client/dom.ts";
import { editToken, keepSignInNonce, takeSignInNonce } from "../client/storage.ts";
import type { PostResult, WComment } from "./types.ts";
import { enLater } from "../client/i18n/en.ts";
import { fill, type LaterMessages, type Messages } from "../client/i18n/messages.ts";

export type PanelHost = {
  api: Api;
  m: Messages;
  maxLength: number;
  updated(c: WComment, status: number): void;
  deleted(c: WComment): void;
};

/** This bundle's words: English's live here (en.ts enLater), another language's came with its catalog. */
const later = (m: Messages): LaterMessages => m.later ?? enLater;

function panelForm(
  m: Messages,
  label: string,
  ...children: (Node | null)[]
): { form: HTMLFormElement; status: HTMLElement; submit: HTMLButtonElement } {
  const status = h("span", { class: "small err", role: "alert" });
  const submit = h("button", { type: "submit", class: "primary", text: label });
  const form = h(
    "form",
    { novalidate: true },
    ...children,
    h(
      "p",
      { class: "row" },
      submit,
      h("button", { type: "button", class: "link", "data-cancel": "", text: m.cancel }),
      status,
    ),
  );
  return { form, status, submit };
}

async function run(m: Messages, status: HTMLElement, submit: HTMLButtonElement, work: () => Promise<void>) {
  submit.disabled = true;
  status.textContent = "";
  try {
    await work();
  } catch (e) {
    status.textContent = isApiError(e) ? e.message : m.didNotWork;
  } finally {
    submit.disabled = false;
  }
}

export function editPanel(host: PanelHost, c: WComment, close: () => void): HTMLElement {
  const id = uid("edit");
  const text = h("textarea", { id, rows: 4, maxlength: host.maxLength });
  text.value = c.bodySource ?? sourceFromHtml(c.bodyHtml);
  const { m } = host;
  const { form, status, submit } = panelForm(
    m,
    later(m).saveChanges,
    h("label", { for: id, class: "small", text: m.editYours }),
    text,
  );
  form.querySelector("[data-cancel]")?.addEventListener("click", close);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void run(host.m, status, submit, async () => {
      const res = await host.api.send<PostResult>("PATCH", `/api/comments/${encodeURIComponent(c.id)}`, {
        body: text.value,
        editToken: editToken(c.id),
      });
      host.updated({ ...res.data.comment, bodySource: text.value }, res.status);
    });
  });
  return form;
}

export function deletePanel(host: PanelHost, c: WComment, close: () => void): HTMLElement {
  const { m } = host;
  const { form, status, submit } = panelForm(m, m.delete, h("p", { class: "small", text: later(m).deleteConfirm }));
  form.querySelector("[data-cancel]")?.addEventListener("click", close);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void run(host.m, status, submit, async () => {
      await host.api.send("DELETE", `/api/comments/${encodeURIComponent(c.id)}`, { editToken: editToken(c.id) });
      host.deleted(c);
    });
  });
  return form;
}

const REASONS = [
  ["spam", "reportSpam"],
  ["abuse", "reportAbuse"],
  ["off-topic", "reportOffTopic"],
  ["other", "reportOther"],
] as const;

export function reportPanel(host: PanelHost, c: WComment, close: () => void): HTMLElement {
  const { m } = host;
  const t = later(m);
  const name = uid("reason");
  const noteId = uid("note");
  const fieldset = h("fieldset", { class: "field small" }, h("legend", { text: t.reportWhy }));
  REASONS.forEach(([value, key], i) => {
    const id = `${name}-${value}`;
    fieldset.append(
      h(
        "span",
        { class: "check" },
        h("input", { type: "radio", name, id, value, checked: i === 0 }),
        h("label", { for: id, text: t[key] }),
      ),
    );
  });
  const note = h("textarea", { id: noteId, rows: 2, maxlength: 500 });
  const { form, status, submit } = panelForm(
    m,
    t.sendReport,
    fieldset,
    h("p", { class: "field" }, h("label", { for: noteId, class: "small", text: t.reportNote }), note),
  );
  form.querySelector("[data-cancel]")?.addEventListener("click", close);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const reason = form.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value ?? "other";
    void run(host.m, status, submit, async () => {
      let thanks = t.reportThanks;
      try {
        await host.api.send("POST", `/api/comments/${encodeURIComponent(c.id)}/reports`, {
          reason,
          note: note.value.trim() || undefined,
        });
      } catch (err) {
        if (!(isApiError(err) && err.status === 409)) throw err;
        thanks = t.reportedAlready;
      }
      const done = h("p", { class: "small muted", role: "status", tabindex: -1, text: thanks });
      form.replaceWith(done);
      done.focus();
    });
  });
  return form;
}

/** Without the source (older comments), the text of the rendered body, one paragraph per block. */
function sourceFromHtml(html: string): string {
  const doc = new DOMParser().parseFromString(html, "text/html");
  return [...doc.body.children].map((el) => el.textContent ?? "").join("\n\n") || doc.body.textContent || "";
}

const isApiError = (e: unknown): e is ApiError => e instanceof Error && e.name === "ApiError";

/** The email-link sign-in's fields (opened from the sign-in box in embed.js); the answer says where to look. */
export function emailLinkFields(
  signIn: { mailLink(name: string, email: string, nonce: string): Promise<string>; m: Messages },
  site: string,
): {
  fields: HTMLElement;
  status: HTMLElement;
} {
  const { m } = signIn;
  const t = later(m);
  const name = h("input", {
    type: "text",
    maxlength: 80,
    autocomplete: "name",
    "aria-label": m.name,
    placeholder: m.name,
  });
  const email = h("input", {
    type: "email",
    maxlength: 254,
    autocomplete: "email",
    "aria-label": t.emailForLink,
    placeholder: m.email,
  });
  const send = h("button", { type: "button", text: t.sendLink });
  const status = h("p", { class: "small", role: "status" });
  const fields = h("div", { class: "row mail-link" }, name, email, send);
  const sendLink = async () => {
    send.disabled = true;
    status.textContent = t.sending;
    try {
      // The link comes back with this nonce, and this browser takes its token only with it (sign-in.ts).
      const to = await signIn.mailLink(name.value.trim(), email.value.trim(), keepSignInNonce(site));
      status.textContent = fill(t.mailboxSent, { email: to });
      fields.hidden = true;
    } catch (e) {
      const err = e as { message?: string; fields?: Record<string, string> };
      status.textContent = Object.values(err.fields ?? {}).join(" ") || err.message || t.linkNotSent;
    } finally {
      send.disabled = false;
    }
  };
  send.addEventListener("click", () => void sendLink());
  return { fields, status };
}

/** The fragment a mailed sign-in link brings the reader back with (src/identity/email-sign-in.ts):
 * the token, a dot, and the nonce this widget made when it asked for the link. */
const FRAGMENT = /(?:^#|&)parley-sign-in=([\w-]{20,200})(?:\.([\w-]{16,64}))?/;

/** Takes a mailed link's token out of the address bar; keeps it only with a nonce this browser made
 * when it asked for the link (a crafted link with another reader's token signs nobody in). */
export function takeMailedToken(site: string, say: (message: string) => void, words: Messages): string | null {
  const m = FRAGMENT.exec(location.hash);
  if (!m) return null;
  const rest = location.hash.replace(m[0], "").replace(/^#&?/, "");
  history.replaceState(history.state, "", `${location.pathname}${location.search}${rest ? "#" + rest : ""}`);
  if (m[2] && takeSignInNonce(site, m[2])) return m[1]!;
  say(later(words).linkNotAsked);
  return null;
}
