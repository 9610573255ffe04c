// The comment section of an article page: heading, threaded list, and the reply form.
// Each comment is rendered by the shared view (src/client/views/comment-html.ts) that the page's
// script and the widget use for comments arriving live.
import type { OwnComment } from "../comments/own-comments.ts";
import type { PublicComment } from "../domain/public-comment.ts";
import type { PageCatalog } from "../client/i18n/page-catalogs.ts";
import { fill } from "../client/i18n/messages.ts";
import { commentHtml } from "../client/views/comment-html.ts";
import { responsesHeading } from "../client/views/thread-heading.ts";
import { fillHtml, html, raw, type SafeHtml } from "../render/html.ts";
import { renderCommentingNote, renderSignedInAs, renderSignInProviders, type SignInView } from "./sign-in-box.ts";

export type FormState = {
  values: Partial<
    Record<"authorName" | "authorEmail" | "authorUrl" | "body" | "parentId" | "notifyReplies" | "notifyThread", string>
  >;
  errors: Partial<Record<string, string>>;
  /** The "save my details" box: ticked when the reader's details came from their cookie. */
  remember?: boolean;
  replyTo?: PublicComment;
  /** After a post without JavaScript: it awaits moderation (?held), a confirmation link was mailed (?confirm). */
  notices?: ("held" | "confirm")[];
};

/** Where this page stands among the thread's comment pages (1 = the oldest comments). */
export type CommentPages = { page: number; pageCount: number; url: (page: number) => string };

type ThreadView = {
  /** The page's language. */
  m: PageCatalog;
  threadId: string;
  title: string;
  formAction: string;
  /** This comment page's address (reply links stay on it). */
  pageUrl: string;
  pages: CommentPages;
  /** + a comment id = its permalink, which finds its page (the live "new comments" bar links there). */
  permalinkBase: string;
  maxDepth: number;
  closed: boolean;
  count: number;
  comments: PublicComment[];
  form: FormState;
  /** The thread's live-update sequence when the page was read (the client catches up from it). */
  seq?: number;
  /** Sign-in with identity providers: the signed-in reader, the buttons, the site's commenting mode. */
  signIn?: SignInView;
  /** The site asks anonymous posters for proof of work: leave FORM_CHECK_SLOT in the form. */
  formCheck?: boolean;
};

/**
 * Where the no-JS anti-spam fields go. The page may be cached and shared by many readers, while the
 * render time in those fields must be each reader's own: the page handler fills the slot per
 * response with renderFormCheckFields().
 */
export const FORM_CHECK_SLOT = "<!--parley:form-check-->";

/** The honeypot (a box no person sees: hidden, out of the tab order, unlabelled for screen readers) and the signed render time. */
export function renderFormCheckFields(
  m: PageCatalog,
  stamp: string,
  names: { honeypot: string; stamp: string },
): string {
  const trap = html`<input type="text" name="${names.honeypot}" value="" tabindex="-1" autocomplete="off">`;
  return html`<p class="form-trap" aria-hidden="true"><label>${m.leaveEmpty} ${trap}</label></p>
    <input type="hidden" name="${names.stamp}" value="${stamp}">`.value;
}

export function renderCommentSection(v: ThreadView): SafeHtml {
  const children = new Map<string | null, PublicComment[]>();
  for (const c of v.comments) {
    const key = c.parentId ?? null;
    (children.get(key) ?? children.set(key, []).get(key)!).push(c);
  }
  const renderList = (parentId: string | null): SafeHtml[] =>
    (children.get(parentId) ?? []).map((c) => renderComment(c, v, renderList(c.id)));

  const { page, pageCount } = v.pages;
  const { m } = v;
  // data-newest: new conversations belong on this page; elsewhere the live bar links to them.
  const data = html`data-thread-id="${v.threadId}" data-max-depth="${v.maxDepth}" data-article-title="${v.title}" data-seq="${v.seq ?? 0}"`;
  const paging = html`data-page="${page}" data-page-count="${pageCount}" data-newest="${page === pageCount ? "1" : "0"}"`;
  return html`<section id="comments" class="comments" ${data} ${paging} data-permalink-base="${v.permalinkBase}">
  <h2 class="comments-title" id="comments-title" data-count="${v.count}">${responsesHeading(m, v.count, v.title)}</h2>
  <div class="new-comments-bar" hidden aria-live="polite"></div>
  ${v.form.notices?.length ? html`<p class="notice" role="status">${noticeText(m, v.form.notices)}</p>` : ""}
  ${renderPager(m, v.pages, m.commentPages)}
  <ol class="comment-list">${renderList(null)}</ol>
  ${renderPager(m, v.pages, m.commentPagesEnd)}
  ${v.closed ? html`<p class="comments-closed">${m.closed}</p>` : renderForm(v)}
</section>`;
}

function noticeText(m: PageCatalog, notices: readonly ("held" | "confirm")[]): string {
  return notices.map((n) => (n === "held" ? m.heldNotice : m.confirmNotice)).join(" ");
}

/** WordPress's comment navigation: older pages to the left, newer to the right; links work without JavaScript. */
function renderPager(m: PageCatalog, { page, pageCount, url }: CommentPages, label: string): SafeHtml | "" {
  if (pageCount <= 1) return "";
  const older =
    page > 1
      ? html`<a class="comment-pager-older" href="${url(page - 1)}#comments" rel="prev"><span aria-hidden="true">←</span> ${m.olderComments}</a>`
      : html`<span class="comment-pager-older"></span>`;
  const newer =
    page < pageCount
      ? html`<a class="comment-pager-newer" href="${url(page + 1)}#comments" rel="next">${m.newerComments} <span aria-hidden="true">→</span></a>`
      : html`<span class="comment-pager-newer"></span>`;
  return html`<nav class="comment-pager" aria-label="${label}">
    ${older}
    <span class="comment-pager-position">${fill(m.pageOf, { page, count: pageCount })}</span>
    ${newer}
  </nav>`;
}

/** One comment through the shared view (src/client/views/comment-html.ts), as the page script renders it live. */
function renderComment(c: PublicComment, v: ThreadView, replies: SafeHtml[]): SafeHtml {
  const canReply = !v.closed && c.depth < v.maxDepth && c.status === "published";
  // The reader's own comment (their edit token): its real status, and what the page script needs to offer Edit / Delete.
  const own = (c as Partial<OwnComment>).own ? (c as OwnComment) : null;
  return commentHtml(
    c,
    {
      m: v.m,
      replyHref: canReply ? `${v.pageUrl}?replytocom=${c.id}#respond` : null,
      awaiting: !!own && c.status !== "published",
      ownAttrs: true,
    },
    replies,
  );
}

function renderForm(v: ThreadView): SafeHtml {
  const { values, errors, replyTo } = v.form;
  const { m } = v;
  const signIn = v.signIn;
  const field = (
    name: "authorName" | "authorEmail" | "authorUrl",
    label: string,
    type: string,
    opts: { required: boolean; autocomplete: string; hint?: string },
  ) => html`
    <p class="comment-form-field${errors[name] ? " has-error" : ""}">
      <label for="${name}">${label}${opts.required ? html` <span class="required" aria-hidden="true">*</span>` : ""}</label>
      <input id="${name}" name="${name}" type="${type}" value="${values[name] ?? ""}" maxlength="${MAX_LENGTH[name]}"
        autocomplete="${opts.autocomplete}" ${requiredAttr(opts.required)} ${ariaInvalid(errors[name])} ${describedBy(name, !!opts.hint, !!errors[name])}>
      ${opts.hint ? html`<span class="field-hint" id="${name}-hint">${opts.hint}</span>` : ""}
      <span class="field-error" id="${name}-error" ${raw(errors[name] ? "" : "hidden")}>${errors[name] ?? ""}</span>
    </p>`;
  return html`<p class="comment-cta"><a class="comment-cta-link" href="#respond">${m.clickToComment}</a></p>
<div id="respond" class="comment-respond">
  <h3 id="reply-title" class="comment-reply-title">${replyTo ? fill(m.replyTo, { name: replyTo.authorName }) : m.leaveReply}
    <small><a id="cancel-comment-reply-link" href="${v.pageUrl}#respond" ${raw(replyTo ? "" : "hidden")}>${m.cancelReply}</a></small></h3>
  <form action="${v.formAction}" method="post" id="commentform" class="comment-form" novalidate>
    <p class="comment-notes">${fillHtml(m.commentNotes, { star: html`<span class="required">*</span>` })}</p>
    ${errors._ ? html`<p class="form-error" role="alert">${errors._}</p>` : ""}
    <p class="comment-form-comment${errors.body ? " has-error" : ""}">
      <label for="body">${m.commentLabel} <span class="required" aria-hidden="true">*</span></label>
      <textarea id="body" name="body" rows="8" required ${ariaInvalid(errors.body)} ${describedBy("body", true, !!errors.body)}>${values.body ?? ""}</textarea>
      <span class="field-hint" id="body-hint">${m.bodyHint}</span>
      <span class="field-error" id="body-error" ${raw(errors.body ? "" : "hidden")}>${errors.body ?? ""}</span>
    </p>
    ${
      signIn?.reader
        ? renderSignedInAs(m, signIn)
        : signIn?.commenting === "signed-in-only" && signIn.providers.length
          ? renderCommentingNote(m, signIn)
          : html`${signIn ? renderCommentingNote(m, signIn) : ""}<div class="comment-form-author-fields">
    ${field("authorName", m.name, "text", { required: true, autocomplete: "name" })}
    ${field("authorEmail", m.email, "email", { required: true, autocomplete: "email", hint: m.neverShown })}
    ${field("authorUrl", m.website, "url", { required: false, autocomplete: "url" })}
    </div>
    <p class="comment-form-cookies-consent"><input id="remember" name="remember" type="checkbox" value="1" ${raw(v.form.remember ? "checked" : "")}>
      <label for="remember">${m.saveDetails}</label></p>`
    }
    <fieldset class="comment-form-notify" aria-describedby="notify-hint">
      <legend class="visually-hidden">${m.emailNotifications}</legend>
      <p><input id="notifyReplies" name="notifyReplies" type="checkbox" value="1" ${raw(values.notifyReplies ? "checked" : "")}>
        <label for="notifyReplies">${m.notifyReplies}</label></p>
      <p><input id="notifyThread" name="notifyThread" type="checkbox" value="1" ${raw(values.notifyThread ? "checked" : "")}>
        <label for="notifyThread">${m.notifyArticle}</label></p>
      <span class="field-hint" id="notify-hint">${m.notifyHint}</span>
    </fieldset>
    <input type="hidden" name="parentId" id="parentId" value="${replyTo?.id ?? ""}">${raw(v.formCheck ? FORM_CHECK_SLOT : "")}
    <p class="form-submit"><button type="submit" class="submit">${m.submitComment}</button> <span class="form-status" role="status" aria-live="polite"></span></p>
  </form>
  ${signIn ? renderSignInProviders(m, signIn) : ""}
</div>`;
}

/** A field's hint and, when it has one, its error, read out with the field. */
const MAX_LENGTH = { authorName: 80, authorEmail: 254, authorUrl: 300 } as const;
const ariaInvalid = (error: string | undefined): SafeHtml => raw(error ? 'aria-invalid="true"' : "");
const requiredAttr = (required: boolean): SafeHtml => raw(required ? "required" : "");

function describedBy(name: string, hint: boolean, error: boolean): SafeHtml {
  const ids = [hint ? `${name}-hint` : "", error ? `${name}-error` : ""].filter(Boolean).join(" ");
  return ids ? html`aria-describedby="${ids}"` : html``;
}
