// The comment form (top of the widget, and under a comment when replying): comment, name, email,
// website, "save my details", with errors shown beside every field the server named. A signed-in
// reader sees "You are commenting as …" in place of name, email and website (sign-in.ts).
import { fill, type Messages } from "../client/i18n/messages.ts";
import { append, h, uid } from "../client/dom.ts";
import { signInBox, type WidgetSignIn } from "./sign-in.ts";
import { hasSavedDetails, loadDetails, saveDetails } from "../client/storage.ts";

export type CommentInput = {
  body: string;
  authorName: string;
  authorEmail: string;
  authorUrl?: string;
  parentId?: string;
  notifyReplies?: boolean;
  notifyThread?: boolean;
  /** Milliseconds from showing this form to posting it: the spam score's posting speed (the server signs no time for a form the browser draws). */
  formAgeMs?: number;
};

export type FormOptions = {
  m: Messages;
  parentId?: string;
  replyTo?: string;
  maxLength: number;
  /** The reader pressed Post (posting itself is in post-comment.ts, a bundle of its own). */
  submit(form: FilledForm): void;
  cancel?(): void;
  /** The reader typed into the comment box (the widget starts its proof of work then). */
  typing?(): void;
  /** The widget's sign-in: the form follows it (fields or "commenting as", the providers' buttons). */
  signIn?: WidgetSignIn;
};

/** A submitted form's parts, for post-comment.ts. */
export type FilledForm = {
  m: Messages;
  form: HTMLFormElement;
  body: HTMLTextAreaElement;
  inputs: Record<"authorName" | "authorEmail" | "authorUrl", HTMLInputElement>;
  parentId?: string;
  remember: HTMLInputElement;
  notifyReplies: HTMLInputElement;
  notifyThread: HTMLInputElement;
  button: HTMLButtonElement;
  status: HTMLElement;
  /** Each field's error line, and the id of its hint (none: ""). */
  errors: Map<string, HTMLElement>;
  hints: Map<string, string>;
  formAgeMs: number;
  /** Posted: the next comment's time starts now. */
  posted(): void;
  signedIn(): boolean;
  /** Whether the button stays disabled after posting (the thread closed; sign-in required). */
  held(): boolean;
  save: typeof saveDetails;
};

export function commentForm(opts: FormOptions): HTMLFormElement {
  const { m } = opts;
  const saved = loadDetails();
  let shownAt = performance.now(); // again after each post: the next comment's time starts then
  const form = h("form", {
    class: "cf",
    novalidate: true,
    "aria-label": opts.replyTo ? fill(m.replyTo, { name: opts.replyTo }) : m.leaveComment,
  });
  const errors = new Map<string, HTMLElement>();
  const hints = new Map<string, string>();
  const field = (
    name: string,
    label: string,
    control: HTMLInputElement | HTMLTextAreaElement,
    required: boolean,
    hint?: string,
  ) => {
    const id = uid(name);
    control.id = id;
    control.name = name;
    if (required) control.required = true;
    const err = h("span", { class: "err", id: `${id}-err`, hidden: true });
    errors.set(name, err);
    const hintEl = hint ? h("span", { class: "hint", id: `${id}-hint`, text: hint }) : null;
    if (hintEl) control.setAttribute("aria-describedby", hintEl.id);
    hints.set(name, hintEl?.id ?? "");
    return h(
      "p",
      { class: "field" },
      h("label", { for: id }, label, required ? h("span", { class: "req", "aria-hidden": "true", text: " *" }) : null),
      control,
      hintEl,
      err,
    );
  };

  const body = h("textarea", {
    rows: 4,
    maxlength: opts.maxLength,
    placeholder: opts.replyTo ? fill(m.replyPlaceholder, { name: opts.replyTo }) : m.joinDiscussion,
  });
  const inputs = {
    authorName: h("input", { type: "text", maxlength: 80, autocomplete: "name", value: saved.authorName }),
    authorEmail: h("input", { type: "email", maxlength: 254, autocomplete: "email", value: saved.authorEmail }),
    authorUrl: h("input", {
      type: "url",
      maxlength: 300,
      autocomplete: "url",
      value: saved.authorUrl,
      placeholder: "https://",
    }),
  };
  body.addEventListener("input", () => opts.typing?.());
  const remember = h("input", { type: "checkbox", id: uid("remember"), checked: hasSavedDetails() });
  const notifyReplies = h("input", { type: "checkbox", id: uid("notify-replies") });
  const notifyThread = h("input", { type: "checkbox", id: uid("notify-thread") });
  const status = h("span", { class: "small muted", role: "status" });
  const button = h("button", { type: "submit", class: "primary", text: opts.replyTo ? m.postReply : m.postComment });

  const fields = h(
    "div",
    { class: "fields" },
    field("authorName", m.name, inputs.authorName, true),
    field("authorEmail", m.email, inputs.authorEmail, true, m.neverShown),
    field("authorUrl", m.website, inputs.authorUrl, false),
  );
  const rememberRow = h(
    "p",
    { class: "check small" },
    remember,
    h("label", {
      for: remember.id,
      text: m.saveDetails,
    }),
  );
  const cancel = opts.cancel ? h("button", { type: "button", class: "link", text: m.cancel }) : null;
  const who = h("div"); // "You are commenting as …" (signed in) or the log-in buttons (signed out)
  const modeNote = h("p", { class: "small muted", hidden: true });
  append(
    form,
    field("body", opts.replyTo ? m.yourReply : m.commentLabel, body, true, m.bodyHint),
    modeNote,
    fields,
    rememberRow,
    h("p", { class: "check small" }, notifyReplies, h("label", { for: notifyReplies.id, text: m.notifyReplies })),
    h("p", { class: "check small" }, notifyThread, h("label", { for: notifyThread.id, text: m.notifyPage })),
    h("p", { class: "row" }, button, cancel, status),
    who,
  );
  // Signed in: the account names the author, so the fields go; what the reader typed stays.
  const followSignIn = () => {
    const signIn = opts.signIn;
    if (!signIn) return;
    const signedIn = !!signIn.reader;
    const mustSign = mustSignIn(signIn);
    fields.hidden = rememberRow.hidden = signedIn || mustSign;
    modeNote.hidden = signedIn || signIn.commenting === "anonymous";
    modeNote.textContent = mustSign ? m.signedInOnlyNote : m.anonymousHeldNote;
    button.disabled = mustSign || form.hasAttribute("data-closed");
    const box = signInBox(signIn);
    form.querySelector(":scope > .who")?.remove();
    if (signedIn && box) form.insertBefore(box, fields);
    who.replaceChildren(...(box && !signedIn ? [box] : []));
  };
  followSignIn();
  const stop = opts.signIn?.subscribe(() => (form.isConnected ? followSignIn() : stop?.()));
  cancel?.addEventListener("click", () => opts.cancel?.());

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    opts.submit({
      m,
      form,
      body,
      inputs,
      parentId: opts.parentId,
      remember,
      notifyReplies,
      notifyThread,
      button,
      status,
      errors,
      hints,
      formAgeMs: Math.round(performance.now() - shownAt),
      posted: () => (shownAt = performance.now()),
      signedIn: () => !!opts.signIn?.reader,
      held: () => form.hasAttribute("data-closed") || mustSignIn(opts.signIn),
      save: saveDetails,
    });
  });
  return form;
}

/** A site that takes comments from signed-in readers only, and nobody signed in. */
const mustSignIn = (signIn: WidgetSignIn | undefined): boolean =>
  !!signIn && !signIn.reader && signIn.commenting === "signed-in-only";

/** Has the reader typed a comment into this form? */
export const hasText = (form: Element): boolean => !!form.querySelector("textarea")?.value.trim();

/** The thread closed while the reader was writing: their text stays, posting it waits (or reopened: it may go). */
export function holdForm(form: HTMLFormElement, closed: boolean, m: Messages): void {
  form.toggleAttribute("data-closed", closed);
  form.querySelector<HTMLButtonElement>("button[type=submit]")!.disabled = closed;
  form.querySelector(".row [role=status]")!.textContent = closed ? m.closedKeep : "";
}
