// Comment text → HTML: a small Markdown-like syntax, rendered by us (every piece of user text through
// escapeHtml, so source HTML is never passed through) and then cleaned by sanitize-html against a strict
// allow-list as the final wall. Block syntax: paragraphs (blank line), ``` fences, `>` quotes, a paragraph
// wholly wrapped in “…” or "…" (shown as a quote), `- ` / `* ` lists, ordered lists of two or more
// consecutive `1.` / `1)` items (a lone numbered paragraph stays a paragraph), and `##` / `###` headings
// for trusted article bodies only. Inline syntax lives in inline-markup.ts.
import sanitizeHtml from "sanitize-html";
import { escapeHtml } from "./escape-html.ts";
import { renderInline, type ExtractedLink } from "./inline-markup.ts";

export type { ExtractedLink } from "./inline-markup.ts";

const LINK_REL = "nofollow ugc noopener";

const MAX_QUOTE_DEPTH = 5; // deeper `>` stays literal text

const FENCE_OPEN = /^ {0,3}(`{3,})[^`]*$/;
const FENCE_CLOSE = /^ {0,3}(`{3,})\s*$/;
const QUOTE_LINE = /^ {0,3}>/;
const QUOTE_PREFIX = /^ {0,3}> ?/;
const BULLET_ITEM = /^ {0,3}[-*][ \t]+(\S.*)$/;
const ORDERED_ITEM = /^ {0,3}(\d{1,9})[.)][ \t]+(\S.*)$/;
const CONTINUATION = /^(?: {2,}|\t)\S/;
const HEADING = /^ {0,3}(#{2,3})[ \t]+(\S.*)$/;

type Ctx = { links: ExtractedLink[]; headings: boolean };

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

/** Renders untrusted comment text; `links` lists every link in the output, in document order. */
export function renderCommentBody(source: string): { html: string; links: ExtractedLink[] } {
  const links: ExtractedLink[] = [];
  const html = renderBlocks(toLines(source), { links, headings: false }, 0).join("\n");
  return { html: sanitizeHtml(html, COMMENT_SANITIZE), links };
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
  const html = renderBlocks(toLines(markdown), { links: [], headings: true }, 0).join("\n");
  return sanitizeHtml(html, ARTICLE_SANITIZE);
}

function toLines(source: string): string[] {
  return source
    .replace(/\r\n?/g, "\n")
    .replace(/\u0000/g, "\uFFFD")
    .split("\n")
    .map((line) => line.trimEnd());
}

const isBlank = (line: string | undefined): boolean => line === undefined || line.trim() === "";

function renderBlocks(lines: string[], ctx: Ctx, depth: number): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (isBlank(line)) {
      i++;
      continue;
    }
    const fence = FENCE_OPEN.exec(line);
    if (fence) {
      const width = fence[1]!.length;
      const code: string[] = [];
      i++;
      while (i < lines.length && !isClosingFence(lines[i]!, width)) code.push(lines[i++]!);
      i++; // the closing fence (or the end of the text: an unclosed fence runs to the end)
      out.push(`<pre><code>${escapeHtml(code.join("\n"))}</code></pre>`);
      continue;
    }
    if (depth < MAX_QUOTE_DEPTH && QUOTE_LINE.test(line)) {
      const inner: string[] = [];
      while (i < lines.length && QUOTE_LINE.test(lines[i]!)) inner.push(lines[i++]!.replace(QUOTE_PREFIX, ""));
      out.push(`<blockquote>\n${renderBlocks(inner, ctx, depth + 1).join("\n")}\n</blockquote>`);
      continue;
    }
    const heading = ctx.headings ? HEADING.exec(line) : null;
    if (heading) {
      const tag = heading[1]!.length === 2 ? "h2" : "h3";
      out.push(`<${tag}>${renderInline(heading[2]!, ctx.links).html}</${tag}>`);
      i++;
      continue;
    }
    const list = readList(lines, i);
    if (list) {
      out.push(renderList(list, ctx));
      i = list.end;
      continue;
    }
    const para = [line.trim()];
    i++;
    while (i < lines.length && !isBlank(lines[i]) && !startsBlock(lines, i, ctx, depth)) para.push(lines[i++]!.trim());
    out.push(renderParagraph(para.join("\n"), ctx, depth === 0));
  }
  return out;
}

function isClosingFence(line: string, width: number): boolean {
  const m = FENCE_CLOSE.exec(line);
  return m !== null && m[1]!.length >= width;
}

function startsBlock(lines: string[], i: number, ctx: Ctx, depth: number): boolean {
  const line = lines[i]!;
  return (
    FENCE_OPEN.test(line) ||
    (depth < MAX_QUOTE_DEPTH && QUOTE_LINE.test(line)) ||
    (ctx.headings && HEADING.test(line)) ||
    readList(lines, i) !== null
  );
}

type List = { ordered: boolean; start: number; items: string[][]; end: number };

/** A bullet list of one or more items, or an ordered list of at least two consecutive items. */
function readList(lines: string[], start: number): List | null {
  const first = lines[start]!;
  const bullet = BULLET_ITEM.exec(first);
  const ordered = bullet ? null : ORDERED_ITEM.exec(first);
  if (!bullet && !ordered) return null;
  const itemPattern = bullet ? BULLET_ITEM : ORDERED_ITEM;
  const items: string[][] = [[bullet ? bullet[1]! : ordered![2]!]];
  let i = start + 1;
  while (i < lines.length && !isBlank(lines[i])) {
    const line = lines[i]!;
    const item = itemPattern.exec(line);
    if (item) items.push([item[item.length - 1]!]);
    else if (CONTINUATION.test(line) && !BULLET_ITEM.test(line) && !ORDERED_ITEM.test(line)) {
      items[items.length - 1]!.push(line.trim());
    } else break;
    i++;
  }
  if (ordered && items.length < 2) return null;
  return { ordered: !bullet, start: ordered ? Number(ordered[1]) : 1, items, end: i };
}

function renderList(list: List, ctx: Ctx): string {
  const items = list.items.map((lines) => `<li>${renderInline(lines.join("\n"), ctx.links).html}</li>`);
  const open = !list.ordered ? "<ul>" : list.start === 1 ? "<ol>" : `<ol start="${list.start}">`;
  return `${open}\n${items.join("\n")}\n${list.ordered ? "</ol>" : "</ul>"}`;
}

function renderParagraph(text: string, ctx: Ctx, allowQuoteWrap: boolean): string {
  const p = `<p>${renderInline(text, ctx.links).html}</p>`;
  return allowQuoteWrap && isWrappedInQuotes(text) ? `<blockquote>\n${p}\n</blockquote>` : p;
}

/** “…” (balanced inside) or "…" (no other straight quote inside) around the whole paragraph. */
function isWrappedInQuotes(text: string): boolean {
  if (text.length < 3) return false;
  const first = text[0];
  const last = text[text.length - 1];
  if (first === '"' && last === '"') return text.indexOf('"', 1) === text.length - 1;
  if (first !== "“" || last !== "”") return false;
  let depth = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text[k];
    if (c === "“") depth++;
    else if (c === "”") {
      depth--;
      if (depth === 0 && k !== text.length - 1) return false;
    }
  }
  return depth === 0;
}
