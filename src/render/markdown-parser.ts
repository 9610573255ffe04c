// The markdown-it instances that parse comment and article text (CommonMark), with the choices that
// suit comments made once, here, as token rules:
// - raw HTML off (it shows as text), linkify on for http(s)/mailto URLs only (no "www." or bare domains);
// - a single newline is a line break, as on GitHub (breaks: true);
// - no headings in comments ("## x" stays a paragraph's text, "x\n===" too); articles keep ## and ###;
// - no images: `![alt](url)` is a link to the image, never an <img> the reader's browser fetches;
// - block quotes nest at most MAX_QUOTE_DEPTH deep (deeper ">" stays text);
// - a top-level paragraph wholly wrapped in “…” or "…" is shown as a quotation;
// - a link whose destination is not http(s) with a host or mailto keeps its text and loses the link;
// - a bare URL ends before quotes and loses trailing sentence punctuation.
// markdown-it escapes every piece of user text; sanitize-html (comment-markdown.ts) is the final wall.
import MarkdownIt from "markdown-it";
import type StateBlock from "markdown-it/lib/rules_block/state_block.mjs";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import type StateInline from "markdown-it/lib/rules_inline/state_inline.mjs";
import type Token from "markdown-it/lib/token.mjs";
import {
  CITATION_LABEL,
  collectCitations,
  WORD_LIKE_LABEL,
  type CitationEnv,
  type LineMeta,
} from "./comment-citations.ts";

const MAX_QUOTE_DEPTH = 5;
const MAX_URL = 2048;
const SHORT_URL_WINDOW = 256;
/** Characters that end a bare URL (linkify-it takes quotes into a URL: `“https://x.org/q”`). */
const URL_STOP = /[\s<>"“”«»`]/u;
/** Sentence punctuation and closing quotes stripped from the end of a bare URL. */
const URL_TRAILING = new Set([".", ",", ":", ";", "!", "?", "'", "’", "‘", "*", "_", "~"]);

/** Only http(s) with a host and mailto: with an address become links; everything else stays text. */
export function isSafeHref(href: string): boolean {
  if (href.length > MAX_URL || /[\u0000-\u0020\u007f<>"`]/.test(href)) return false;
  return /^https?:\/\/[\p{L}\p{N}[]/iu.test(href) || /^mailto:[^@]+@[^@]+$/i.test(href);
}

export function createMarkdown(kind: "comment" | "article"): MarkdownIt {
  const md = new MarkdownIt("commonmark", { html: false, linkify: true, breaks: true, typographer: false });
  md.enable(["linkify"]);
  md.disable(["image"]);
  if (kind === "comment") md.disable(["heading", "lheading"]);
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false });
  md.linkify.add("ftp:", null).add("//", null);
  // The inline linkify rule matches from every "scheme:" against the rest of the text, and linkify-it's
  // URL pattern costs more than linearly in what it is given (80,000 characters of "http://a.b/(" took
  // 7 s). It is given a short window first, and the longest a URL may be only when the match fills it.
  const matchAtStart = md.linkify.matchAtStart.bind(md.linkify);
  md.linkify.matchAtStart = (text: string) => {
    const short = matchAtStart(text.slice(0, SHORT_URL_WINDOW));
    return short && short.lastIndex >= SHORT_URL_WINDOW - 1 ? matchAtStart(text.slice(0, MAX_URL + 1)) : short;
  };
  capQuoteDepth(md);
  markReferenceLinks(md);
  countCodeSpanLines(md);
  if (kind === "comment") recordReferenceDefinitions(md);
  md.core.ruler.after("block", "parley_wrapped_quotes", wrapQuotedParagraphs);
  md.core.ruler.after("linkify", "parley_bare_url_ends", trimBareUrls);
  md.core.ruler.after("parley_bare_url_ends", "parley_safe_links", unlinkUnsafeDestinations);
  md.core.ruler.after("parley_safe_links", "parley_citation_brackets", keepCitationBrackets);
  // Before text_join, while backslash escapes are still their own tokens: `\[A\]` is no marker.
  if (kind === "comment") md.core.ruler.before("text_join", "parley_citations", collectCitations);
  if (kind === "article") md.core.ruler.push("parley_heading_levels", articleHeadingLevels);
  return md;
}

/** Deeper `>` is paragraph text: each level is a recursive call and a pile of nested boxes. */
function capQuoteDepth(md: MarkdownIt): void {
  const original = ruleOf<BlockRule>(md.block.ruler, "blockquote");
  md.block.ruler.at(
    "blockquote",
    (state: StateBlock, start: number, end: number, silent: boolean) => {
      const env = state.env as { quoteDepth?: number };
      const depth = env.quoteDepth ?? 0;
      if (depth >= MAX_QUOTE_DEPTH) return false;
      env.quoteDepth = depth + 1;
      try {
        return original(state, start, end, silent);
      } finally {
        env.quoteDepth = depth;
      }
    },
    { alt: ["paragraph", "reference", "blockquote", "list"] },
  );
}

type InlineRule = (state: StateInline, silent: boolean) => boolean;
type BlockRule = (state: StateBlock, start: number, end: number, silent: boolean) => boolean;

/** markdown-it exports no handle on its own rules; the ruler's list is where they are. */
function ruleOf<R>(ruler: unknown, name: string): R {
  return (ruler as { __rules__: { name: string; fn: R }[] }).__rules__.find((r) => r.name === name)!.fn;
}

function newlinesIn(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/** markdown-it's inline rule `name`, then `after` (not in silent mode) with where it began and the tokens it added. */
function followInlineRule(
  md: MarkdownIt,
  name: string,
  after: (state: StateInline, start: number, added: Token[]) => void,
): void {
  const original = ruleOf<InlineRule>(md.inline.ruler, name);
  md.inline.ruler.at(name, (state: StateInline, silent: boolean) => {
    const before = state.tokens.length;
    const start = state.pos;
    if (!original(state, silent)) return false;
    if (!silent) after(state, start, state.tokens.slice(before));
    return true;
  });
}

/**
 * Reference links (`[A]`, `[text][A]`, `[A][]`, ended by "]") get meta.reference and meta.label (the
 * label as written); inline ones end with ")". A link's newlines outside its text go on its link_close.
 */
function markReferenceLinks(md: MarkdownIt): void {
  followInlineRule(md, "link", (state, start, added) => {
    const open = added.find((t) => t.type === "link_open");
    const close = added[added.length - 1];
    const written = state.src.slice(start, state.pos);
    if (open && written.endsWith("]")) open.meta = { reference: true, label: referenceLabel(written) };
    const breaks = added.filter((t) => t.type === "softbreak" || t.type === "hardbreak").length;
    const extra = newlinesIn(written) - breaks;
    if (close?.type === "link_close" && extra > 0) close.meta = { newlines: extra } satisfies LineMeta;
  });
}

/** `[text][label]` → label; `[label][]` and `[label]` → label. */
function referenceLabel(written: string): string {
  if (written.endsWith("[]")) return written.slice(1, -3);
  const last = /\[([^[\]]*)\]$/.exec(written);
  return last && last.index > 0 && written[last.index - 1] === "]" ? last[1]! : written.slice(1, -1);
}

/** A code span may cross lines (its token shows them as spaces): the count goes on the token. */
function countCodeSpanLines(md: MarkdownIt): void {
  followInlineRule(md, "backticks", (state, start, added) => {
    // After any pending text the span's opening pushed first.
    const code = added.find((t) => t.type === "code_inline");
    const n = code ? newlinesIn(state.src.slice(start, state.pos)) : 0;
    if (n > 0) code!.meta = { newlines: n } satisfies LineMeta;
  });
}

/**
 * `[A]: https://…` at a paragraph's start is a link reference definition: markdown-it takes it out of
 * the text into env.references (first definition wins, label case-folded). The citations want each one
 * as written, duplicates included, with its line: recorded here as the rule takes it (comment-citations.ts).
 */
function recordReferenceDefinitions(md: MarkdownIt): void {
  const original = ruleOf<BlockRule>(md.block.ruler, "reference");
  md.block.ruler.at("reference", (state: StateBlock, start: number, end: number, silent: boolean) => {
    const env = state.env as CitationEnv;
    const known = (env.references ??= {});
    const own: Record<string, { href: string; title: string }> = {};
    env.references = own; // this definition alone, whatever was defined before
    let taken: boolean;
    try {
      taken = original(state, start, end, silent);
    } finally {
      env.references = known;
    }
    const [key, def] = Object.entries(own)[0] ?? [];
    if (!taken || silent || !key || !def) return taken;
    known[key] ??= def;
    const firstLine = state.src.slice(state.bMarks[start]! + state.tShift[start]!, state.eMarks[start]);
    const label = /^\[([^\]]*)\]:/.exec(firstLine)?.[1];
    if (label !== undefined && CITATION_LABEL.test(label))
      (env.definitions ??= []).push({
        label,
        href: def.href,
        title: def.title || null,
        line: start + 1,
        inQuotation: (env.quoteDepth ?? 0) > 0,
      });
    return taken;
  });
}

/** “…” (balanced inside) or "…" (no other straight quote inside) around a whole top-level paragraph. */
function wrapQuotedParagraphs(state: StateCore): void {
  const out: Token[] = [];
  const tokens = state.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const inline = tokens[i + 1];
    if (t.type === "paragraph_open" && t.level === 0 && inline && isWrappedInQuotes(inline.content.trim())) {
      const open = new state.Token("blockquote_open", "blockquote", 1);
      const close = new state.Token("blockquote_close", "blockquote", -1);
      open.markup = "“";
      open.map = t.map;
      open.block = close.block = true;
      out.push(open, t, inline, tokens[i + 2]!, close);
      inline.level = 2;
      t.level = tokens[i + 2]!.level = 1;
      i += 2;
    } else out.push(t);
  }
  state.tokens = out;
}

export function isWrappedInQuotes(text: string): boolean {
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

/** Every inline token list of the document, in order. */
function inlineChildren(state: StateCore): Token[][] {
  return state.tokens.filter((t) => t.type === "inline" && t.children).map((t) => t.children!);
}

/** A linkified URL ends at a quote or space and loses trailing punctuation and unbalanced `)` / `]`;
 *  what it loses goes back into the text after the link. */
function trimBareUrls(state: StateCore): void {
  for (const block of state.tokens) {
    const children = block.children;
    if (block.type !== "inline" || !children) continue;
    const out: Token[] = []; // rebuilt, not spliced: thousands of links in one paragraph stay linear
    let rest: Token | null = null; // what the URL lost, placed after its link_close
    children.forEach((t, i) => {
      out.push(t);
      if (t.type === "link_close" && rest) {
        out.push(rest);
        rest = null;
      }
      const text = children[i + 1];
      if (t.type !== "link_open" || t.markup !== "linkify" || text?.type !== "text") return;
      const end = bareUrlEnd(text.content);
      if (end === text.content.length || children[i + 2]?.type !== "link_close") return;
      rest = new state.Token("text", "", 0);
      rest.content = text.content.slice(end);
      text.content = text.content.slice(0, end);
      t.attrSet("href", state.md.normalizeLink(text.content));
    });
    block.children = out;
  }
}

function bareUrlEnd(url: string): number {
  let end = 0;
  let parens = 0;
  let brackets = 0;
  while (end < url.length && !URL_STOP.test(url[end]!)) {
    const c = url[end]!;
    if (c === "(") parens++;
    else if (c === ")") parens--;
    else if (c === "[") brackets++;
    else if (c === "]") brackets--;
    end++;
  }
  while (end > 0) {
    const c = url[end - 1]!;
    if (URL_TRAILING.has(c)) end--;
    else if (c === ")" && parens < 0) {
      parens++;
      end--;
    } else if (c === "]" && brackets < 0) {
      brackets++;
      end--;
    } else break;
  }
  return end;
}

/** Links to relative, protocol-relative or other-scheme destinations keep their text, without the link. */
function unlinkUnsafeDestinations(state: StateCore): void {
  for (const children of inlineChildren(state)) {
    const unlinked: boolean[] = []; // a stack: link_open / link_close pairs nest in the token list
    let write = 0;
    for (const t of children) {
      if (t.type === "link_open") {
        const drop = !isSafeHref(t.attrGet("href") ?? "");
        unlinked.push(drop);
        if (drop) continue;
      } else if (t.type === "link_close" && unlinked.pop()) continue;
      children[write++] = t;
    }
    children.length = write;
  }
}

/** `[A]` with a definition `[A]: https://…` stays "[A]" (linked), not a bare "A": it reads as a citation. */

function keepCitationBrackets(state: StateCore): void {
  for (const children of inlineChildren(state)) {
    for (let i = 0; i + 2 < children.length; i++) {
      const [open, text, close] = [children[i]!, children[i + 1]!, children[i + 2]!];
      if (open.type !== "link_open" || text.type !== "text" || close.type !== "link_close") continue;
      if (
        !(open.meta as { reference?: boolean } | null)?.reference ||
        !CITATION_LABEL.test(text.content) ||
        WORD_LIKE_LABEL.test(text.content)
      )
        continue;
      text.content = `[${text.content}]`;
    }
  }
}

/** Articles: # becomes ##, and #### and deeper become ### (the article page has its own title). */
function articleHeadingLevels(state: StateCore): void {
  for (const t of state.tokens) {
    if (t.type !== "heading_open" && t.type !== "heading_close") continue;
    t.tag = t.tag === "h1" || t.tag === "h2" ? "h2" : "h3";
  }
}
