// Comment text → HTML: CommonMark by markdown-it (markdown-parser.ts holds the choices made for
// comments), then sanitize-html against a strict allow-list as the final wall. The links in the output
// are read from the same token stream that is rendered, so the list and the HTML cannot disagree.
import sanitizeHtml from "sanitize-html";
import type Token from "markdown-it/lib/token.mjs";
import { createMarkdown } from "./markdown-parser.ts";

/** A link present in the rendered output: its href and its visible text. */
export type ExtractedLink = { href: string; text: string };

/** Bumped whenever the same source would render differently; stored comments older than it are
 *  re-rendered at start-up (comments/rerender-stored-comments.ts). 2: markdown-it; 3: reference lines
 *  shown once, as the Sources list (comments/render-comment-text.ts). */
export const RENDER_VERSION = 3;

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

/** Renders untrusted comment text; `links` lists every link in the output, in document order. */
export function renderCommentBody(source: string): { html: string; links: ExtractedLink[] } {
  const env = {};
  const tokens = COMMENT_MARKDOWN.parse(source, env);
  const html = COMMENT_MARKDOWN.renderer.render(tokens, COMMENT_MARKDOWN.options, env);
  return { html: sanitizeHtml(html, COMMENT_SANITIZE).trim(), links: linksOf(tokens) };
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

function linksOf(tokens: Token[]): ExtractedLink[] {
  const links: ExtractedLink[] = [];
  for (const block of tokens) {
    let open: ExtractedLink | null = null;
    for (const t of block.children ?? []) {
      if (t.type === "link_open") links.push((open = { href: t.attrGet("href") ?? "", text: "" }));
      else if (t.type === "link_close") open = null;
      else if (open && (t.type === "text" || t.type === "code_inline")) open.text += t.content;
      else if (open && (t.type === "softbreak" || t.type === "hardbreak")) open.text += "\n";
    }
  }
  return links;
}
