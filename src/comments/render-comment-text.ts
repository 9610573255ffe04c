// What a comment's text shows: its source rendered (render/comment-markdown.ts) without the reference
// lines, which the Sources list shows instead (citations/reference-lines.ts). The links are read from
// the whole text, so every link, cited or not, is still recorded, counted and checked.
import { withoutReferenceLines } from "../citations/reference-lines.ts";
import { renderCommentBody, type ExtractedLink } from "../render/comment-markdown.ts";

export function renderCommentText(source: string): { html: string; links: ExtractedLink[] } {
  const whole = renderCommentBody(source);
  const shown = withoutReferenceLines(source);
  return shown === source ? whole : { html: renderCommentBody(shown).html, links: whole.links };
}
