// Posting from the widget's comment form: clearing and showing the fields' errors, "Posting…", the call,
// and where the new comment goes. Bundled apart (public/embed-post.js, imported when the reader starts
// typing, or on Post), so embed.js keeps its first-paint budget; ApiError is recognised by its shape,
// as in comment-panels.ts: the class in embed.js is another copy.
import type { Api, ApiError } from "./api.ts";
import type { CommentInput, FilledForm } from "./comment-form.ts";
import type { CommentList } from "./comment-list.ts";
import type { LiveConnection } from "./live.ts";
import { DETAILS, rememberEditToken } from "../client/storage.ts";
import { enLater } from "../client/i18n/en.ts";
import type { PostResult } from "./types.ts";
import type { Messages } from "../client/i18n/messages.ts";

/** What posting needs of the widget. */
export type PostHost = {
  api: Api;
  threadId: string;
  lang: string;
  list: CommentList;
  newestFirst: boolean;
  live: LiveConnection | null;
  /** The proof-of-work solution, on sites asking it of this reader. */
  altcha(): Promise<string | undefined> | undefined;
  /** The thread closed meanwhile (by hand or by age). */
  closed(): void;
  /** A published comment was added: the heading's count goes up (unless live updates will say so). */
  counted(): void;
  say(message: string): void;
  /** The widget's words (`later`: this bundle's, in languages other than English). */
  m: Messages;
};

type Refusal = Pick<ApiError, "message" | "field" | "fields">;

const isApiError = (e: unknown): e is ApiError => e instanceof Error && e.name === "ApiError";

/** The form was submitted: every bad field the server names shows at once, beside its field. */
export async function submitForm(f: FilledForm, post: (input: CommentInput) => Promise<string | void>): Promise<void> {
  const { form, errors, hints, status, button, inputs } = f;
  const control = (name: string) => form.querySelector<HTMLElement>(`[name="${name}"]`);
  for (const [name, el] of errors) {
    el.hidden = true;
    el.textContent = "";
    control(name)?.removeAttribute("aria-invalid");
    if (hints.get(name)) control(name)?.setAttribute("aria-describedby", hints.get(name)!);
    else control(name)?.removeAttribute("aria-describedby");
  }
  status.textContent = "";
  const input: CommentInput = {
    body: f.body.value,
    authorName: inputs.authorName.value.trim(),
    authorEmail: inputs.authorEmail.value.trim(),
    authorUrl: inputs.authorUrl.value.trim() || undefined,
    parentId: f.parentId,
    ...(f.notifyReplies.checked ? { notifyReplies: true } : {}),
    ...(f.notifyThread.checked ? { notifyThread: true } : {}),
    formAgeMs: f.formAgeMs,
  };
  // No checks here: the server names every bad field in one answer, and they all show at once.
  button.disabled = true;
  status.textContent = f.m.posting;
  try {
    const note = await post(input);
    if (!f.signedIn()) f.save(Object.fromEntries(DETAILS.map((k) => [k, input[k] ?? ""])), f.remember.checked);
    f.body.value = "";
    f.posted();
    status.textContent = note ?? "";
  } catch (e) {
    showRefusal(f, isApiError(e) ? e : { message: (f.m.later ?? enLater).couldNotPost });
  } finally {
    button.disabled = f.held();
  }
}

// Every bad field at once (as the article page does), each beside its field; focus goes to the first.
function showRefusal(f: FilledForm, e: Refusal): void {
  let first: HTMLElement | null = null;
  for (const [name, message] of Object.entries(e.fields ?? (e.field ? { [e.field]: e.message } : {}))) {
    const err = f.errors.get(name);
    const control = f.form.querySelector<HTMLElement>(`[name="${name}"]`);
    if (!err || !control) continue;
    err.textContent = message;
    err.hidden = false;
    control.setAttribute("aria-invalid", "true");
    control.setAttribute("aria-describedby", `${f.hints.get(name) ?? ""} ${err.id}`.trim());
    first ??= control;
  }
  f.status.textContent = first ? "" : e.message; // never leave "Posting…" beside a refusal
  first?.focus();
}

/** Sends the comment and shows it where it belongs; resolves with a note for beside the button, if any. */
export async function postComment(host: PostHost, input: CommentInput): Promise<string | void> {
  const altcha = await host.altcha();
  const res = await host.api
    .send<PostResult>("POST", `/api/threads/${encodeURIComponent(host.threadId)}/comments`, {
      ...input,
      altcha,
      lang: host.lang,
    })
    .catch((e: unknown) => {
      if (isApiError(e) && e.code === "THREAD_CLOSED") host.closed();
      throw e;
    });
  const { comment, editToken } = res.data;
  if (editToken) {
    rememberEditToken(comment.id, editToken);
    host.live?.watch([editToken]);
  }
  const { list } = host;
  const [root] = list.add([{ ...comment, own: true }], host.newestFirst ? "start" : "end");
  const li = root ?? list.item(comment.id);
  if (comment.status === "published") host.counted();
  if (input.parentId) {
    const parentSlot = list.item(input.parentId)?.querySelector<HTMLElement>(":scope > .comment-body > .slot");
    parentSlot?.replaceChildren();
  }
  li?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  li?.querySelector<HTMLElement>(".comment-body")?.focus();
  const { m } = host;
  const confirm = res.data.notify?.confirmationSent ? " " + (m.later ?? enLater).confirmSent : "";
  host.say((comment.status === "published" ? m.posted : m.awaiting) + confirm);
  return confirm.trim() || undefined;
}
