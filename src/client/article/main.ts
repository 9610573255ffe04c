// Progressive enhancement for the article page: the page works without this script (plain form POST);
// with it, replies open in place and comments post as JSON without a reload. Comments posted or
// arriving live are rendered by the same view as the server's (views/comment-html.ts). User data
// reaches the DOM only through that view (escaped) or as text. A closed thread has no form, but its
// readers still get live updates (approvals, edits, removals), including it closing or reopening.
import { proofOfWork } from "../proof-of-work/proof-of-work.ts";
import { en, enPages } from "../i18n/en.ts";
import { pickLang } from "../i18n/languages.ts";
import { loadCatalog } from "../i18n/load-catalog.ts";
import type { PageCatalog } from "../i18n/page-catalogs.ts";
import { fill } from "../i18n/messages.ts";
import { fromHtml, h } from "../dom.ts";
import { loadDetails, saveDetails } from "../storage.ts";
import { responsesHeading } from "../views/thread-heading.ts";
import { startCitationHints } from "./citation-hints.ts";
import { startLiveUpdates, type LiveComments } from "./live-comments.ts";
import { ownCommentTools } from "./own-comment-tools.ts";
import type { PageComment } from "./page-comment.ts";
import { liveCommentMarkup } from "./live-comment-markup.ts";
import { keepDraftAcrossSignIn } from "./sign-in-draft.ts";
import { addReportButton } from "./report-comment.ts";
import { followThreadState } from "./thread-closed.ts";
import { followFieldErrors, type ApiError } from "./field-errors.ts";

// The page's language is the server's choice (the site's setting or the reader's Accept-Language).
// English is bundled; another language's words come as js/article-<lang>.js (i18n/load-catalog.ts).
const lang = pickLang([document.documentElement.lang]);
const english: PageCatalog = { ...en, ...enPages, lang: "en" };
const m = lang === "en" ? english : await loadCatalog(`/static/js/article-${lang}.js`, english);
const section = document.getElementById("comments");
if (section) enhance(section);

function enhance(section: HTMLElement) {
  const threadId = section.dataset.threadId ?? "";
  const maxDepth = Number(section.dataset.maxDepth || 5);
  const articleTitle = section.dataset.articleTitle || "";
  const respond = document.getElementById("respond");
  const form = document.getElementById("commentform") as HTMLFormElement | null;
  let live: LiveComments | null = null;
  // The reader's own comments (id → { token, editableUntil, source }), with Edit / Delete on each.
  const { own, addOwnTools, rememberEditToken } = ownCommentTools({
    section,
    buildComment,
    releaseForm,
    // With live updates the thread count arrives as an event; without, the page keeps it itself.
    m,
    uncount: () => {
      if (!live) bumpCount(-1);
    },
  });
  const open = !!(respond && form); // rendered closed: no form, no Reply links, live updates all the same
  const home = h("div", { id: "respond-home" }); // where the form lives when it is not under a comment
  const threadState = followThreadState({
    m,
    section,
    respond: open ? respond : null,
    form: open ? form : null,
    resetReply: () => resetReply(),
  });
  void startLiveUpdates({
    section,
    threadId,
    m,
    buildComment,
    placeComment,
    setCount,
    releaseForm,
    setClosed: threadState.set,
  }).then((l) => (live = l));
  for (const li of section.querySelectorAll<HTMLElement>("li.comment:not([data-own]):not(.comment-removed)")) {
    const body = li.querySelector(":scope > .comment-body");
    addReportButton(m, body, li.dataset.commentId ?? "", body?.querySelector(".comment-author b")?.textContent ?? "");
  }
  if (!respond || !form) return;

  respond.before(home);
  const field = <T extends Element>(name: string) => form.elements.namedItem(name) as T | null;
  const parentInput = field<HTMLInputElement>("parentId")!;
  const bodyInput = field<HTMLTextAreaElement>("body")!;
  const cancel = document.getElementById("cancel-comment-reply-link");
  const title = document.getElementById("reply-title");
  const status = form.querySelector<HTMLElement>(".form-status")!;
  const button = form.querySelector<HTMLButtonElement>("button.submit")!;
  const citationHints = startCitationHints(m, bodyInput, threadId);
  const errors = followFieldErrors(m, form, status);
  const pow = proofOfWork(threadId); // solved while the reader types (sites with proof of work on)
  form.addEventListener("input", pow.start, { once: true });

  // Remember the reader's details when they tick the box, as WordPress does with its comment cookies.
  const rememberBox = field<HTMLInputElement>("remember");
  const saved = loadDetails();
  for (const name of ["authorName", "authorEmail", "authorUrl"] as const) {
    const input = field<HTMLInputElement>(name);
    if (input && rememberBox && !input.value && saved[name]) {
      input.value = saved[name];
      rememberBox.checked = true;
    }
  }

  keepDraftAcrossSignIn(form, threadId);

  document.querySelector(".comment-cta-link")?.addEventListener("click", (e) => {
    e.preventDefault();
    resetReply();
    bodyInput.focus();
  });

  section.addEventListener("click", (e) => {
    const link = (e.target as Element | null)?.closest?.<HTMLElement>(".comment-reply-link");
    if (!link) return;
    e.preventDefault();
    openReply(link.dataset.replyTo ?? "", link.dataset.replyName ?? "");
  });
  cancel?.addEventListener("click", (e) => {
    e.preventDefault();
    cancelReply();
  });
  form.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && parentInput.value) cancelReply();
  });

  /** Closes the reply form and gives the keyboard back to the Reply link it came from, not to <body>. */
  function cancelReply() {
    const from = parentInput.value;
    resetReply();
    document
      .getElementById(`comment-${from}`)
      ?.querySelector<HTMLElement>(":scope > .comment-body .comment-reply-link")
      ?.focus();
  }

  function openReply(id: string, name: string) {
    const li = document.getElementById(`comment-${id}`);
    if (!li || !respond) return;
    li.querySelector(":scope > .comment-body")?.after(respond);
    parentInput.value = id;
    setTitle(fill(m.replyTo, { name }));
    if (cancel) cancel.hidden = false;
    bodyInput.focus();
  }

  function resetReply() {
    if (!respond) return;
    home.after(respond);
    parentInput.value = "";
    setTitle(m.leaveReply);
    if (cancel) cancel.hidden = true;
  }

  function setTitle(text: string) {
    if (title?.firstChild) title.firstChild.textContent = `${text} `;
  }

  const onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    errors.clear();
    const payload: Record<string, string> = {};
    for (const [k, v] of new FormData(form).entries()) if (typeof v === "string") payload[k] = v;
    if (!payload.parentId) delete payload.parentId;
    if (!payload.authorUrl) delete payload.authorUrl;
    delete payload.remember;
    payload.lang = m.lang; // the notify boxes' mails are written in the page's language
    button.disabled = true;
    status.textContent = m.posting;
    try {
      const altcha = await pow.solution();
      if (altcha) payload.altcha = altcha;
      const res = await fetch(`/api/threads/${encodeURIComponent(threadId)}/comments`, {
        method: "POST",
        // The server words its refusals in the page's language, by error code (i18n/error-text.ts).
        headers: { "Content-Type": "application/json", Accept: "application/json", "Accept-Language": m.lang },
        // Posting speed for the spam score: a form with the server's signed render time (proof of work on)
        // posts that; otherwise the time since this page loaded, as this browser measured it.
        body: JSON.stringify(payload.formStamp ? payload : { ...payload, formAgeMs: Math.round(performance.now()) }),
      });
      const data = (await res.json().catch(() => ({}))) as {
        error?: ApiError;
        comment: PageComment;
        editToken?: string;
        notify?: { confirmationSent?: boolean };
      };
      if (data.error?.code === "THREAD_CLOSED") return threadState.set(true); // closed meanwhile: the text stays
      if (!res.ok) return errors.show(data.error);
      if (rememberBox) saveDetails(payload, rememberBox.checked);
      rememberEditToken(data.comment.id, data.editToken);
      if (data.editToken)
        own.set(data.comment.id, {
          token: data.editToken,
          editableUntil: data.comment.editableUntil,
          source: data.comment.bodySource ?? payload.body ?? "",
        });
      const counted = live?.claim(data.comment.id); // its live event may have come first
      if (data.editToken) live?.watchToken(data.editToken);
      const li = insertComment(data.comment, res.status === 202, res.status !== 202 && !counted);
      bodyInput.value = "";
      citationHints.clear();
      resetReply();
      status.textContent = res.status === 202 ? m.awaiting : m.postedShort;
      if (data.notify?.confirmationSent) status.textContent += ` ${m.confirmNotice}`;
      li.scrollIntoView({ block: "center", behavior: "smooth" });
      li.querySelector<HTMLElement>(".comment-body")?.focus();
    } catch {
      errors.show({ message: m.cannotReachKept });
    } finally {
      button.disabled = threadState.isClosed();
    }
  };
  form.addEventListener("submit", (e) => void onSubmit(e));

  function insertComment(c: PageComment, awaiting: boolean, count: boolean): HTMLElement {
    const li = document.getElementById(`comment-${c.id}`) ?? placeComment(buildComment(c, awaiting), c);
    if (count) bumpCount(1);
    return li;
  }

  /** Puts a built comment under its parent (or at the end of the thread) and returns it. */
  function placeComment(li: HTMLElement, c: PageComment): HTMLElement {
    const parent = c.parentId ? document.getElementById(`comment-${c.parentId}`) : null;
    let list = section.querySelector(":scope > .comment-list");
    if (parent) {
      list = parent.querySelector(":scope > .children");
      if (!list) parent.append((list = h("ol", { class: "children" })));
    }
    list?.append(li);
    return li;
  }

  /** The reply form must not vanish with a comment that is removed live. */
  function releaseForm(li: Element) {
    if (open && respond && li.contains(respond)) resetReply();
  }

  /** A comment posted or arriving live, rendered by the server's view, then given its buttons. */
  function buildComment(c: PageComment, awaiting: boolean): HTMLElement {
    const canReply = open && !awaiting && c.depth < maxDepth;
    const li = fromHtml(liveCommentMarkup(c, { m, awaiting, canReply, pagePath: location.pathname }));
    li.classList.add("is-new");
    const reply = li.querySelector<HTMLElement>(".comment-reply-link");
    if (reply) reply.hidden = threadState.isClosed(); // the row stays: Report goes beside it
    const body = li.querySelector(":scope > .comment-body");
    if (own.has(c.id)) addOwnTools(body, c.id);
    else if (!awaiting) addReportButton(m, body, c.id, c.authorName);
    return li;
  }

  function bumpCount(delta: number) {
    const heading = document.getElementById("comments-title");
    setCount(Number(heading?.dataset.count ?? 0) + delta);
  }

  function setCount(count: number) {
    const heading = document.getElementById("comments-title");
    if (!heading) return;
    heading.dataset.count = String(count);
    heading.textContent = responsesHeading(m, count, articleTitle);
  }
}
