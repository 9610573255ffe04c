// Comment text → HTML: CommonMark by markdown-it (markdown-parser.ts holds the choices made for
// comments), then sanitize-html against a strict allow-list as the final wall. The links and citations
// are read from the same token stream that is rendered (comment-citations.ts), so the lists and the HTML
// cannot disagree, and a comment is parsed once.
import sanitizeHtml from "sanitize-html";
import type Token from "markdown-it/lib/token.mjs";
import type { CitationEnv, FoundCitations, ReferencePlace } from "./comment-citations.ts";
import { withoutReferenceLines } from "./hide-reference-lines.ts";
import { createMarkdown } from "./markdown-parser.ts";

/** Bumped whenever the same source would render differently; stored comments older than it are
 *  re-rendered at start-up (comments/rerender-stored-comments.ts). 2: markdown-it; 3: reference lines
 *  shown once, as the Sources list (comments/render-comment-text.ts); 4: one parse yields the HTML, links
 *  and citations (a marker defined by `[A]: url` stays a link, reference lines leave by their tokens). */
export const RENDER_VERSION = 4;

const LINK_REL = "nofollow ugc noopener";

const COMMENT_TAGS = ["p", "br", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a"];

function sanitizeOptions(extraTags: string[]): sanitizeHtml.IOptions {
  return {
    allowedTags: [...COMMENT_TAGS, ...extraTags],
    allowedAttributes: { a: ["href", "rel"], ol: ["start"] },
    allowedClasses: {},
    allowedStyles: {},
    allowedSchemes: ["http", "https", "mailto"],
    allowedSchemesByTag: {},
    allowedSchemesAppliedToAttributes: ["href"],
    allowProtocolRelative: false,
    allowVulnerableTags: false,
    disallowedTagsMode: "discard",
    transformTags: {
      a: (_tagName, attribs): sanitizeHtml.Tag => {
        const forced: sanitizeHtml.Attributes = { rel: LINK_REL }; // drops target and anything else
        return { tagName: "a", attribs: attribs.href === undefined ? forced : { href: attribs.href, ...forced } };
      },
    },
  };
}

const COMMENT_SANITIZE = sanitizeOptions([]);
const ARTICLE_SANITIZE = sanitizeOptions(["h2", "h3"]);

const COMMENT_MARKDOWN = createMarkdown("comment");
const ARTICLE_MARKDOWN = createMarkdown("article");

/** Untrusted comment text parsed once: its tokens, and the links and citations read from them. `plainHtml`:
 *  plain text (below) skips the parse, its rendering is known (no tokens: it has nothing to hide or find). */
export type ParsedComment = { tokens: Token[]; env: CitationEnv; found: FoundCitations; plainHtml?: string };

/**
 * Plain text: lines of letters (with their combining marks), digits, spaces and sentence punctuation
 * (straight and curly quotes, dashes, the ellipsis), each starting with a letter and ending with no space,
 * split by newlines alone. Nothing in it is Markdown: no line can open a list, a quote, code or a heading,
 * and no paragraph is "wrapped in quotes" (markdown-parser.ts) since it starts with a letter; no character
 * opens emphasis, code, a link, an entity or HTML; without "/" or "@" no URL or address is linked. The
 * only escaping, markdown-it's `&quot;` for `"`, sanitize-html turns back. So the two return its
 * paragraphs as written: `<p>line<br />\nline</p>\n<p>…</p>`. Most comments are such text, and the parse,
 * the render and the sanitizer's parse were ~7 % of a post's CPU and much of its garbage (README "How
 * posts stay cheap"); tests/unit/plain-comment-text.test.ts compares both ways on random text.
 */
const PLAIN_TEXT =
  /^(?:\p{L}(?:[\p{L}\p{M}\p{N} ,.;:!?'"()%#’‘“”–—…-]*[\p{L}\p{M}\p{N},.;:!?'"()%#’‘“”–—…-])?(?:\n+(?=.)|$))+$/u;

/** Plain text's HTML as markdown-it and sanitize-html render it (see PLAIN_TEXT), or null if not plain. */
export function plainTextHtml(source: string): string | null {
  if (source.length > 100_000 || !PLAIN_TEXT.test(source)) return null;
  return source
    .split(/\n\n+/)
    .map((paragraph) => `<p>${paragraph.replaceAll("\n", "<br />\n")}</p>`)
    .join("\n");
}

/** `plainText: false` parses even plain text (the tests compare both ways). */
export function parseCommentMarkdown(source: string, { plainText = true } = {}): ParsedComment {
  const plainHtml = plainText ? plainTextHtml(source) : null;
  if (plainHtml !== null) return { tokens: [], env: {}, found: { links: [], markers: [], references: [] }, plainHtml };
  const env: CitationEnv = {};
  const tokens = COMMENT_MARKDOWN.parse(source, env);
  return { tokens, env, found: env.citations ?? { links: [], markers: [], references: [] } };
}

/** The parsed comment as sanitized HTML, without the given reference lines (shown as its Sources list). */
export function renderParsedComment(parsed: ParsedComment, hidden: readonly ReferencePlace[] = []): string {
  if (parsed.plainHtml !== undefined) return parsed.plainHtml; // hides nothing: it has no reference lines
  const tokens = hidden.length > 0 ? withoutReferenceLines(parsed.tokens, hidden) : parsed.tokens;
  const html = COMMENT_MARKDOWN.renderer.render(tokens, COMMENT_MARKDOWN.options, parsed.env);
  return sanitizeHtml(html, COMMENT_SANITIZE).trim();
}

/** Renders untrusted comment text as written (every line); `links` lists every link in it, in document order. */
export function renderCommentBody(source: string): { html: string; links: FoundCitations["links"] } {
  const parsed = parseCommentMarkdown(source);
  return { html: renderParsedComment(parsed), links: parsed.found.links };
}

/** Cleans HTML written elsewhere (an imported comment) by the comments' allow-list. */
export function sanitizeCommentHtml(html: string): string {
  return sanitizeHtml(html, COMMENT_SANITIZE);
}

/** Cleans HTML written elsewhere (an imported post) by the articles' allow-list. */
export function sanitizeArticleHtml(html: string): string {
  return sanitizeHtml(html, ARTICLE_SANITIZE);
}

/** Renders a (trusted, still sanitized) article body: the comment syntax plus `##` / `###` headings. */
export function renderArticleBody(markdown: string): string {
  return sanitizeHtml(ARTICLE_MARKDOWN.render(markdown), ARTICLE_SANITIZE).trim();
}
