// One comment's markup, as a string, from the comment's public DTO. The one view of a comment: the
// server renders the article page with it (src/views/comment-thread.ts), the page's script renders
// comments arriving live with it (src/client/article/), and so does the widget. Pure: no DOM, no
// Node; every value is escaped by the html`` tag, and bodyHtml was sanitized by the server on write.
import type { PublicComment, PublicReference } from "../../domain/public-comment.ts";
import { html, raw, type SafeHtml } from "../../render/html.ts";
import { fill, type Messages } from "../i18n/messages.ts";
import { formatDateTime } from "./format.ts";
import { shortUrl, shownFragment, sourceState } from "./source-states.ts";

/** The reader's own comment (their edit token was sent): what the page needs to offer Edit / Delete. */
export type OwnFields = { own?: boolean; bodySource?: string; editableUntil?: string | null };

/** A comment as the view takes it: the public DTO (references may be missing from older payloads). */
export type ViewComment = Omit<PublicComment, "references"> & { references?: PublicReference[] } & OwnFields;

export type CommentViewOptions = {
  m: Messages;
  /** Where the Reply link goes without JavaScript (the page's reply form); null: no Reply link. */
  replyHref: string | null;
  /** The reader's own comment that is not published yet: says so. */
  awaiting: boolean;
  /** Put the reader's own-comment fields on the item (the page script reads them). */
  ownAttrs: boolean;
};

/** `<li class="comment …">` with its body and, when given, its replies. */
export function commentHtml(c: ViewComment, o: CommentViewOptions, replies: readonly SafeHtml[] = []): SafeHtml {
  const children = replies.length ? html`<ol class="children">${replies}</ol>` : "";
  if (c.status === "removed" || c.status === "deleted") {
    return html`<li class="comment depth-${c.depth} comment-removed" id="comment-${c.id}" data-comment-id="${c.id}" data-depth="${c.depth}">
  ${removedBodyHtml(o.m)}
  ${children}
</li>`;
  }
  const own = o.ownAttrs && c.own;
  const ownAttrs = own
    ? html` data-own="1" data-editable-until="${c.editableUntil ?? ""}" data-source="${c.bodySource ?? ""}"`
    : "";
  const data = html`data-comment-id="${c.id}" data-depth="${c.depth}" data-edited-at="${c.editedAt ?? ""}"`;
  return html`<li class="comment depth-${c.depth}${own ? " comment-own" : ""}" id="comment-${c.id}" ${data}${ownAttrs}>
  ${commentBodyHtml(c, o)}
  ${children}
</li>`;
}

export function removedBodyHtml(m: Messages): SafeHtml {
  return html`<article class="comment-body" tabindex="-1"><p class="comment-removed-note">${m.removed}</p></article>`;
}

/** The `<article class="comment-body">`: meta line, body, sources, Reply. */
export function commentBodyHtml(c: ViewComment, o: CommentViewOptions): SafeHtml {
  const { m } = o;
  // Only http(s) becomes a link (the server checks on write; a payload from elsewhere is not trusted).
  const author = /^https?:\/\//i.test(c.authorUrl ?? "")
    ? html`<a class="url" href="${c.authorUrl}" rel="external nofollow ugc noopener">${c.authorName}</a>`
    : html`<span class="fn">${c.authorName}</span>`;
  const provider = c.verified && { provider: c.verified.provider };
  const verifiedNote = provider && html`<span class="visually-hidden"> (${fill(m.signedInWith, provider)})</span>`;
  const verified = provider
    ? html` <span class="comment-verified" title="${fill(m.verifiedTitle, provider)}"><span aria-hidden="true">✓</span> ${m.verified}${verifiedNote}</span>`
    : "";
  const badge = c.byModerator ? html` <span class="moderator-badge">${m.moderator}</span>` : "";
  const replyAttrs = html`data-reply-to="${c.id}" data-reply-name="${c.authorName}" aria-label="${fill(m.replyTo, { name: c.authorName })}"`;
  return html`<article class="comment-body" tabindex="-1" aria-label="${fill(m.commentBy, { name: c.authorName })}">
    <footer class="comment-meta">
      <span class="comment-avatar hue-${hue(c.authorName)}" aria-hidden="true">${initial(c.authorName)}</span>
      <span class="comment-author"><b>${author}</b>${badge}${verified} <span class="says">${m.says}</span></span>
      <a class="comment-date" href="#comment-${c.id}"><time datetime="${c.createdAt}">${formatDateTime(m, new Date(c.createdAt))}</time></a>
      ${c.editedAt ? html`<span class="comment-edited">${m.edited}</span>` : ""}
    </footer>
    ${o.awaiting ? html`<p class="comment-awaiting">${m.awaiting}</p>` : ""}
    <div class="comment-content">${raw(c.bodyHtml)}</div>
    ${sourcesHtml(m, c.id, c.references ?? [])}
    ${o.replyHref !== null ? html`<div class="reply"><a class="comment-reply-link" href="${o.replyHref}" ${replyAttrs}>${m.reply}</a></div>` : ""}
  </article>`;
}

/** The "Sources" list: each cited reference and link with its title (or URL), domain and check state in words. */
export function sourcesHtml(m: Messages, commentId: string, references: readonly PublicReference[]): SafeHtml | "" {
  const refs = references.filter((r) => /^https?:\/\//i.test(r.url));
  if (refs.length === 0) return "";
  const titleId = `sources-${commentId}`;
  return html`<div class="comment-sources">
      <p class="comment-sources-title" id="${titleId}">${refs.some((r) => r.label !== null) ? m.sources : m.links}</p>
      <ol class="source-list" aria-labelledby="${titleId}">${refs.map((r) => sourceHtml(m, r))}</ol>
    </div>`;
}

function sourceHtml(m: Messages, r: PublicReference): SafeHtml {
  const state = sourceState(r.state);
  const checked = r.checkedAt ? fill(m.checkedOn, { date: r.checkedAt.slice(0, 10) }) : null;
  const title = checked ? html` title="${checked}"` : "";
  const note =
    r.missingFragment !== null && r.missingFragment !== undefined
      ? html`
        <span class="source-note">${fill(m.fragmentMissing, { fragment: shownFragment(r.missingFragment) })}</span>`
      : "";
  return html`<li class="source source-${state.tone}">
        ${r.label !== null ? html`<span class="source-label">[${r.label}]</span>` : ""}
        <span class="source-text"><a class="source-link" href="${r.url}" rel="nofollow ugc noopener">${r.title ?? shortUrl(r.url)}</a>
        <span class="source-domain">${r.domain}</span>${note}</span>
        <span class="source-state"${title}><span class="source-mark" aria-hidden="true">${state.mark}</span> ${m[state.words]}</span>
      </li>`;
}

function initial(name: string): string {
  return ([...name.trim()][0] ?? "?").toUpperCase();
}

/** One of 12 hues per name for the initial's circle (a class: the CSP allows no style attributes). */
function hue(name: string): number {
  let n = 0;
  for (const ch of name) n = (n * 31 + ch.charCodeAt(0)) % 360;
  return Math.floor(n / 30);
}
