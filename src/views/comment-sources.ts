// The "Sources" list under a comment: each cited reference and link with its page title (or URL),
// its domain and what the link checker found, said in words (the symbols are decoration).
// public/js/article.js builds the same markup for comments posted live.
import { html, type SafeHtml } from "../render/html.ts";
import type { PublicReference } from "../domain/public-comment.ts";

/** Reader-facing words for each link state; the mark is aria-hidden, the words are not. */
export const SOURCE_STATES: Record<
  PublicReference["state"],
  { mark: string; text: string; tone: "ok" | "bad" | "unknown" }
> = {
  ok: { mark: "✓", text: "link checked", tone: "ok" },
  redirected: { mark: "✓", text: "link checked", tone: "ok" },
  broken: { mark: "✗", text: "link broken", tone: "bad" },
  refused: { mark: "!", text: "link not verified", tone: "bad" },
  unreachable: { mark: "?", text: "site not reachable", tone: "unknown" },
  unchecked: { mark: "…", text: "not checked yet", tone: "unknown" },
};

export function renderSources(commentId: string, references: readonly PublicReference[]): SafeHtml | "" {
  if (references.length === 0) return "";
  const cited = references.some((r) => r.label !== null);
  const titleId = `sources-${commentId}`;
  return html`<div class="comment-sources">
      <p class="comment-sources-title" id="${titleId}">${cited ? "Sources" : "Links"}</p>
      <ol class="source-list" aria-labelledby="${titleId}">${references.map(renderSource)}</ol>
    </div>`;
}

function renderSource(r: PublicReference): SafeHtml {
  const state = SOURCE_STATES[r.state];
  const checked = r.checkedAt ? `Checked ${r.checkedAt.slice(0, 10)}` : undefined;
  const title = checked ? html`title="${checked}"` : "";
  return html`<li class="source source-${state.tone}">
        ${r.label !== null ? html`<span class="source-label">[${r.label}]</span>` : ""}
        <span class="source-text"><a class="source-link" href="${r.url}" rel="nofollow ugc noopener">${r.title ?? shortUrl(r.url)}</a>
        <span class="source-domain">${r.domain}</span>${
          r.missingFragment !== null
            ? html`
        <span class="source-note">${fragmentNote(r.missingFragment)}</span>`
            : ""
        }</span>
        <span class="source-state" ${title}><span class="source-mark" aria-hidden="true">${state.mark}</span> ${state.text}</span>
      </li>`;
}

/** A mild note for a link whose #section the page does not have (the link itself still works). */
export function fragmentNote(fragment: string): string {
  const shown = fragment.length > 40 ? `${fragment.slice(0, 39)}…` : fragment;
  return `#${shown} not found on the page`;
}

/** "example.com/a/long/path…" : readable in a list, the full URL stays in the href. */
export function shortUrl(url: string): string {
  const bare = url.replace(/^https?:\/\/(www\.)?/, "").replace(/\/$/, "");
  return bare.length > 70 ? `${bare.slice(0, 67).replace(/[./_-]+$/, "")}…` : bare; // no "of.…"
}
