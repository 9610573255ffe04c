// A comment's links, citation markers ([A], [15], [^1]) and reference lines ([A] https://…), read from
// the token stream markdown-it renders (a core rule, markdown-parser.ts), so what is checked and listed
// is exactly what readers see: code spans and blocks hold no links or markers, escapes are text.
// Inline tokens carry no source offsets: a position is a line, counted from the paragraph's block map
// by the break tokens (plus the newlines a code span or link destination hid, markdown-parser.ts).
// One pass over the tokens per paragraph line; each marker and link is seen once (linear).
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import type Token from "markdown-it/lib/token.mjs";
import type { LinkKind, ParsedLink, ReferenceStyle } from "../citations/citation-types.ts";

/** `[A]`, `[15]`, `[a1]`, `[^note-1]`: the labels a citation may have. */
export const CITATION_LABEL = /^(?:\^[\w-]{1,10}|[A-Za-z0-9]{1,3})$/;
/** Three letters in brackets is usually a word ("[sic]", "[Lab]"): a marker only when a reference defines it. */
export const WORD_LIKE_LABEL = /^[A-Za-z]{3}$/;

const MARKER = /\[(\^[\w-]{1,10}|[A-Za-z0-9]{1,3})\]/g;
const BRACKET_LABEL = /^\[(\^[\w-]{1,10}|[A-Za-z0-9]{1,3})\](:?)[ \t]*/;
// One letter only: "Mr. Smith's site: https://…" must not define [Mr]. ("1. url" is a list item.)
const LIST_LABEL = /^([A-Za-z]|\d{1,3})[.)][ \t]+/;
const SEPARATOR = /[\s\-–—:|,]/;
const QUOTES = /^["“'‘](.*)["”'’]$/;
/** What may follow a URL that still counts as "last on the line". */
const CLOSING_PUNCTUATION = /^[\s.,;)\]]*$/;
/** What may follow a paragraph's closing quotation mark and leave it "wrapped": markers, punctuation. */
const QUOTE_TAIL = /^[\s.,;:!?]*(?:\[[^\]\n]{1,12}\][\s.,;:!?]*)*$/;
/** Stands for what is not plain text in a line's scan string (escapes, code, emphasis marks). */
const OTHER = "\u0000";
/** Stands for a link (its text is not scanned for markers). */
const LINK = "\u0001";

/** Newlines a token's source spanned that no break token stands for (a code span's, a link destination's),
 *  set by markdown-parser.ts: lines are counted by the break tokens and these. */
export type LineMeta = { newlines?: number };

export type FoundMarker = { label: string; line: number; inQuotation: boolean };

/** Where a reference line sits: the paragraph's inline token and the line's index among its top-level breaks. */
export type ReferencePlace = { inline: Token; segment: number };

export type FoundReference = {
  label: string;
  url: string;
  title: string | null;
  style: ReferenceStyle;
  line: number;
  inQuotation: boolean;
  /** null for a Markdown definition (`[A]: url` opening a paragraph), which markdown-it never renders. */
  place: ReferencePlace | null;
};

export type FoundCitations = { links: ParsedLink[]; markers: FoundMarker[]; references: FoundReference[] };

/** A Markdown reference definition of a citation label, as markdown-parser.ts records it. */
export type FoundDefinition = { label: string; href: string; title: string | null; line: number; inQuotation: boolean };

/** What the rules leave in markdown-it's env (markdown-parser.ts writes definitions and quoteDepth). */
export type CitationEnv = {
  references?: Record<string, { href: string; title: string }>;
  definitions?: FoundDefinition[];
  quoteDepth?: number;
  citations?: FoundCitations;
};

type LineLink = { link: ParsedLink; at: number; end: number };

export function collectCitations(state: StateCore): void {
  const env = state.env as CitationEnv;
  const found: FoundCitations = { links: [], markers: [], references: [] };
  const quotes: string[] = [];
  let sourceLines: string[] | null = null;
  const tokens = state.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === "blockquote_open") quotes.push(t.markup);
    else if (t.type === "blockquote_close") quotes.pop();
    if (t.type !== "inline" || !t.children || !t.map) continue;
    const item = tokens[i - 2]?.type === "list_item_open" ? tokens[i - 2]! : null;
    const firstLine = t.map[0];
    let quotedLine: (k: number) => boolean;
    if (quotes.length > 0 && quotes[quotes.length - 1] !== "“") {
      // Per line, not CommonMark's lazy continuation: "> quote\nmy reply" means the reply is not quoted.
      quotedLine = (k) => k === 0 || /^[ \t]*>/.test((sourceLines ??= state.src.split("\n"))[firstLine + k] ?? "");
    } else quotedLine = () => quotes.length > 0;
    readParagraph(t, found, {
      firstLine,
      quotedLine,
      looseQuote: quotes.length === 0 ? closersOfWrappedQuote(t) : null,
      opensListItem: item !== null,
      listLabel: item && /^\d{1,3}$/.test(item.info) ? item.info : null,
    });
  }
  for (const { label, href, title, line, inQuotation } of env.definitions ?? [])
    found.references.push({ label, url: href, title, style: "colon", line, inQuotation, place: null });
  // Definitions were recorded while blocks were parsed; reading order is by line (a stable sort).
  found.references.sort((a, b) => a.line - b.line);
  env.citations = found;
}

type ParagraphContext = {
  firstLine: number;
  quotedLine: (k: number) => boolean;
  /** For a paragraph opening with a quotation mark and closing with its match: the closing mark and how
   *  many of them its text holds (what comes before the last one is quoted). */
  looseQuote: { closer: string; count: number } | null;
  /** The first paragraph of a list item, and the item's number when the list is ordered. */
  opensListItem: boolean;
  listLabel: string | null;
};

function readParagraph(inline: Token, found: FoundCitations, p: ParagraphContext): void {
  let k = 0; // lines into the paragraph
  let segment = 0; // top-level lines (breaks inside a link's text do not end a reference line)
  let scan = ""; // the line, with OTHER / LINK standing for what is not text
  let plain = ""; // the same line as text (titles are read from it)
  let segmentLine = 0;
  let closersBefore = 0;
  let links: LineLink[] = [];
  let linkMarkers: { label: string; at: number }[] = [];
  let lineStarts: { at: number; line: number }[] = [{ at: 0, line: p.firstLine + 1 }]; // within the segment
  let open: { link: ParsedLink; at: number; label: string | null } | null = null;

  // Closing marks before a point of the line, counted by a cursor that only moves forward (asked in
  // order: the links as the walk meets them, then again from the line's start for its markers).
  const closersUpTo = () => {
    let pos = 0;
    let count = 0;
    return (at: number) => {
      if (at < pos) [pos, count] = [0, 0];
      for (; pos < at; pos++) if (plain[pos] === p.looseQuote!.closer) count++;
      return count;
    };
  };
  let walkClosers = closersUpTo();
  const quotedAt = (line: number, at: number, closers: (at: number) => number) =>
    p.looseQuote ? closersBefore + closers(at) < p.looseQuote.count : p.quotedLine(line);
  const newlines = (n: number) => {
    k += n;
    if (n > 0) lineStarts.push({ at: scan.length, line: p.firstLine + k + 1 });
  };
  const endLine = () => {
    const closers = closersUpTo();
    readLine(inline, found, { scan, plain, links, linkMarkers, segment, lineStarts }, p, (at) =>
      quotedAt(segmentLine, at, closers),
    );
    if (p.looseQuote) closersBefore += countOf(plain, p.looseQuote.closer);
    scan = plain = "";
    links = [];
    linkMarkers = [];
    segment++;
    segmentLine = k;
    lineStarts = [{ at: 0, line: p.firstLine + k + 1 }];
    walkClosers = closersUpTo();
  };

  for (const t of inline.children!) {
    if (t.type === "softbreak" || t.type === "hardbreak") {
      if (open) {
        open.link.text += "\n";
        newlines(1);
      } else {
        k++;
        endLine();
      }
    } else if (open) {
      if (t.type === "link_close") {
        links.push({ link: open.link, at: open.at, end: scan.length });
        if (open.label !== null) linkMarkers.push({ label: open.label, at: open.at });
        open = null;
      } else if (t.type === "text" || t.type === "text_special" || t.type === "code_inline")
        open.link.text += t.content;
      newlines((t.meta as LineMeta | null)?.newlines ?? 0);
    } else if (t.type === "text") {
      scan += t.content;
      plain += t.content;
    } else if (t.type === "link_open") {
      const meta = t.meta as { reference?: boolean; label?: string } | null;
      const label = meta?.reference && CITATION_LABEL.test(meta.label ?? "") ? meta.label! : null;
      const link: ParsedLink = {
        kind: linkKind(t.markup),
        text: "",
        href: t.attrGet("href") ?? "",
        line: p.firstLine + k + 1,
        inQuotation: quotedAt(k, plain.length, walkClosers),
      };
      found.links.push(link);
      open = { link, at: scan.length, label };
      scan += LINK;
      plain += LINK;
    } else {
      // An escape or entity is text that never starts a marker; code and emphasis marks are not text.
      const content = t.type === "text_special" ? t.content : "";
      scan += OTHER.repeat(Math.max(content.length, 1));
      plain += content || OTHER;
      newlines((t.meta as LineMeta | null)?.newlines ?? 0);
    }
  }
  endLine();
}

type Line = {
  scan: string;
  plain: string;
  links: LineLink[];
  linkMarkers: { label: string; at: number }[];
  segment: number;
  /** Where the line's physical lines start (a code span or link may cross one), first at 0. */
  lineStarts: { at: number; line: number }[];
};

function readLine(
  inline: Token,
  found: FoundCitations,
  l: Line,
  p: ParagraphContext,
  quotedAt: (at: number) => boolean,
): void {
  const reference = referenceOf(l, p);
  if (reference)
    found.references.push({
      ...reference,
      line: l.lineStarts[0]!.line,
      inQuotation: quotedAt(0),
      place: { inline, segment: l.segment },
    });
  const from = reference?.labelEnd ?? 0;
  const markers = l.linkMarkers.filter((m) => m.at >= from);
  MARKER.lastIndex = from;
  for (let m = MARKER.exec(l.scan); m; m = MARKER.exec(l.scan)) {
    if (!isCheckbox(l, p, m.index, m[1]!)) markers.push({ label: m[1]!, at: m.index });
  }
  if (l.linkMarkers.length > 0) markers.sort((a, b) => a.at - b.at);
  let s = 0; // markers are in order: one walk along the line's starts
  for (const m of markers) {
    while (s + 1 < l.lineStarts.length && l.lineStarts[s + 1]!.at <= m.at) s++;
    found.markers.push({ label: m.label, line: l.lineStarts[s]!.line, inQuotation: quotedAt(m.at) });
  }
}

/**
 * A reference line: a label at the line's start (`[A]`, `[A]:`, `A.`, `A)`, or an ordered list item's
 * number) and a link on the line. A numbered paragraph ("1. The decision …") is not one: the line needs a
 * URL, and unless the label has a colon the URL must come first or last, so a sentence that merely
 * mentions one is not taken.
 */
function referenceOf(
  l: Line,
  p: ParagraphContext,
): { label: string; url: string; title: string | null; style: ReferenceStyle; labelEnd: number } | null {
  let label: { label: string; style: ReferenceStyle; end: number } | null = null;
  const bracket = BRACKET_LABEL.exec(l.scan);
  const list = LIST_LABEL.exec(l.scan);
  if (bracket) label = { label: bracket[1]!, style: bracket[2] ? "colon" : "bracket", end: bracket[0].length };
  else if (list) label = { label: list[1]!, style: "list", end: list[0].length };
  else if (l.segment === 0 && p.listLabel !== null) label = { label: p.listLabel, style: "list", end: 0 };
  if (!label) return null;
  const onLine = l.links.filter((x) => x.at >= label.end);
  const first = onLine[0];
  const last = onLine[onLine.length - 1];
  if (!first || !last) return null;
  const before = (x: LineLink) => l.plain.slice(label.end, x.at);
  const after = (x: LineLink) => l.plain.slice(x.end);
  let link: LineLink;
  let titleText: string;
  if (before(first).trim() === "") [link, titleText] = [first, after(first)];
  else if (CLOSING_PUNCTUATION.test(after(last))) [link, titleText] = [last, before(last)];
  else if (label.style === "colon") [link, titleText] = [first, `${before(first)} ${after(first)}`];
  else return null;
  const { kind, text, href } = link.link;
  return {
    label: label.label,
    url: href,
    title: cleanTitle(titleText) ?? (kind === "markdown" && text !== href ? cleanTitle(text) : null),
    style: label.style,
    labelEnd: label.end,
  };
}

/** `- [x] done`: a task-list checkbox opens its list item. */
function isCheckbox(l: Line, p: ParagraphContext, at: number, label: string): boolean {
  return (
    p.opensListItem && l.segment === 0 && at === 0 && (label === "x" || label === "X") && /\s/.test(l.plain[3] ?? " ")
  );
}

function linkKind(markup: string): LinkKind {
  return markup === "linkify" ? "bare" : markup === "autolink" ? "autolink" : "markdown";
}

/** A paragraph that opens with “ or " and closes with the matching mark (markers may follow). */
function closersOfWrappedQuote(inline: Token): { closer: string; count: number } | null {
  const text = inline.content;
  const first = text.search(/\S/);
  const closer = text[first] === "“" ? "”" : text[first] === '"' ? '"' : null;
  if (!closer) return null;
  const last = text.lastIndexOf(closer);
  if (last <= first || !QUOTE_TAIL.test(text.slice(last + 1))) return null;
  let count = 0;
  let inLink = 0;
  for (const t of inline.children ?? []) {
    if (t.type === "link_open") inLink++;
    else if (t.type === "link_close") inLink--;
    else if (!inLink && (t.type === "text" || t.type === "text_special")) count += countOf(t.content, closer);
  }
  return { closer, count };
}

function countOf(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i !== -1; i = text.indexOf(char, i + 1)) n++;
  return n;
}

function cleanTitle(text: string): string | null {
  text = text.replace(/[\u0000\u0001]/g, "");
  // Index walks rather than a /^x+|x+$/ regex, which backtracks quadratically on long runs.
  let start = 0;
  let end = text.length;
  while (start < end && SEPARATOR.test(text[start] ?? "")) start++;
  while (end > start && SEPARATOR.test(text[end - 1] ?? "")) end--;
  let title = text.slice(start, end);
  title = QUOTES.exec(title)?.[1] ?? title;
  title = title.trim();
  return title === "" ? null : title;
}
