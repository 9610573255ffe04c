// HTML written elsewhere (WordPress comments and posts, Disqus messages) → Parley's HTML, through the
// same sanitize-html allow-list as comments typed here (comment-markdown.ts), so links get
// rel="nofollow ugc noopener" and nothing outside the list survives. WordPress stores comment text with
// bare line breaks and adds paragraphs when it displays it (wpautop); text without block markup gets
// the same treatment here. The source is kept beside the result by the caller.
import { sanitizeCommentHtml, sanitizeArticleHtml } from "./comment-markdown.ts";

const BLOCK_TAG = /<(p|div|blockquote|ul|ol|pre|h[1-6]|table)[\s>]/i;

/** Sanitized HTML of an imported comment, and the links it keeps (in order, as written). */
export function renderImportedComment(source: string): { html: string; hrefs: string[] } {
  const html = sanitizeCommentHtml(autoParagraphs(source));
  return { html, hrefs: hrefsOf(html) };
}

/** Sanitized HTML of an imported post body (headings allowed, as for hosted articles). */
export function renderImportedArticle(source: string): string {
  return sanitizeArticleHtml(autoParagraphs(source));
}

/** Like WordPress's wpautop for text that has no block markup: blank lines part paragraphs, single
 *  line breaks become <br>. Text with its own paragraphs is left as it is. */
export function autoParagraphs(source: string): string {
  const text = source.replace(/\r\n?/g, "\n").trim();
  if (!text || BLOCK_TAG.test(text)) return text;
  return text
    .split(/\n\s*\n/)
    .map((para) => `<p>${para.trim().replace(/\n/g, "<br>\n")}</p>`)
    .join("\n");
}

function hrefsOf(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<a href="([^"]*)"/g)) out.push(decodeAttribute(m[1]!));
  return out;
}

function decodeAttribute(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}
