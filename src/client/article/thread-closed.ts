// The article page's form follows the thread live when an admin closes or reopens it (thread:state,
// via live-comments.ts), or when a post is refused because it closed meanwhile (THREAD_CLOSED).
// Closed: the form, the "post a comment" link and the Reply links go, and "Comments are closed."
// shows, as the server renders a closed thread. A reader who has typed something keeps it: the form
// stays with its button disabled and the same message, so nothing they wrote disappears.
// Reopened: a page rendered with the form simply shows it again. A page rendered closed has no form
// to show; it offers a reload instead of building one here, because the form is the server's to
// render (fields, saved details, reply target, hints) and a second copy in the browser would drift.
import { h } from "../dom.ts";
import type { PageCatalog } from "../i18n/page-catalogs.ts";

export type ThreadState = { isClosed(): boolean; set(closed: boolean): void };

/** respond/form are null when the page was rendered closed. */
export function followThreadState(page: {
  m: PageCatalog;
  section: HTMLElement;
  respond: HTMLElement | null;
  form: HTMLFormElement | null;
  resetReply: () => void;
}): ThreadState {
  const { m, section, respond, form, resetReply } = page;
  const CLOSED = m.closed;
  const KEPT = m.closedKept;
  let closed = !form;
  const rendered = section.querySelector<HTMLElement>(":scope > .comments-closed"); // the server's note (closed page)
  const note = rendered ?? h("p", { class: "comments-closed", text: CLOSED });
  const button = form?.querySelector<HTMLButtonElement>("button[type=submit]");
  const status = form?.querySelector<HTMLElement>(".form-status");
  section.dataset.closed = String(closed);

  function set(next: boolean) {
    if (next === closed) return;
    closed = next;
    section.dataset.closed = String(closed);
    // Only the Reply links: Report (in the same row) still works on a closed thread.
    for (const reply of section.querySelectorAll<HTMLElement>(".comment .comment-reply-link")) reply.hidden = closed;
    const cta = section.querySelector<HTMLElement>(".comment-cta");
    if (cta) cta.hidden = closed;
    if (!form || !respond || !button || !status) return void (closed ? showClosed() : offerReload());
    if (closed) closeForm(form, respond, button, status);
    else reopenForm(respond, button, status);
  }

  function closeForm(form: HTMLFormElement, respond: HTMLElement, button: HTMLButtonElement, status: HTMLElement) {
    const typed = (form.elements.namedItem("body") as HTMLTextAreaElement).value.trim() !== "";
    button.disabled = true;
    status.textContent = typed ? KEPT : CLOSED;
    if (typed) return; // their text stays on screen; only posting it is no longer possible
    resetReply();
    respond.hidden = true;
    respond.after(note);
  }

  function reopenForm(respond: HTMLElement, button: HTMLButtonElement, status: HTMLElement) {
    note.remove();
    respond.hidden = false;
    button.disabled = false;
    if (status.textContent === CLOSED || status.textContent === KEPT) status.textContent = "";
  }

  function showClosed() {
    note.className = "comments-closed";
    note.textContent = CLOSED;
  }

  function offerReload() {
    const link = h("a", { href: location.pathname + location.search, text: m.reloadToComment });
    link.addEventListener("click", (e) => {
      e.preventDefault();
      location.reload(); // keeps the reader's place; the form appears where this note is
    });
    note.className = "comments-closed comments-reopened";
    const [before = "", after = ""] = m.reopened.split("{link}");
    note.replaceChildren(before, link, after);
  }

  return { isClosed: () => closed, set };
}
