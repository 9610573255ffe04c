// Links and citation-marker candidates inside one paragraph. Works on the masked text (code already
// blanked out) and reads link text and hrefs from the original source at the same offsets.
// Every step either consumes input or is bounded, so hostile input stays linear.
import type { LinkKind } from "./citation-types.ts";
import { lineOf, type BlockScan, type Range } from "./scan-blocks.ts";

export type RawLink = { kind: LinkKind; text: string; href: string; offset: number; end: number };
export type RawMarker = { label: string; offset: number; end: number };

/** `[A]`, `[15]`, `[a1]`, `[^note-1]`. Which candidates count is decided once references are known. */
const MARKER = /\[(\^[\w-]{1,10}|[A-Za-z0-9]{1,3})\]/y;
const AUTOLINK = /<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]+)>/y;
/** A scheme and `//`, or `www.`, followed by something that can start a host. */
const BARE_START = /(?:[A-Za-z][A-Za-z0-9+.-]{0,31}:\/\/[^\s<>"“”.,;:!?'()]|www\.[^\s<>"“”.,;:!?'()[\]])/y;
/** A task-list checkbox: `- [x] done`. */
const CHECKBOX_PREFIX = /^[ \t]*(?:>[ \t]*)*(?:[-*+]|\d{1,9}[.)])[ \t]+$/;
const URL_STOP = /[\s<>"“”‘]/;
/** Punctuation that ends a sentence rather than a URL (GFM's extended-autolink rule, plus curly quotes). */
const TRAILING = new Set([".", ",", ":", ";", "!", "?", "'", "*", "_", "~", "’", "»"]);
const TITLE_CLOSERS = new Map([
  ['"', '"'],
  ["'", "'"],
  ["(", ")"],
]);
const MAX_DESTINATION = 2048;
const MAX_TITLE = 512;

export function scanInline(source: string, blocks: BlockScan, p: Range): { links: RawLink[]; markers: RawMarker[] } {
  const text = blocks.masked;
  const closers = matchBrackets(text, p);
  let look: Lookahead | null = null;
  const links: RawLink[] = [];
  const markers: RawMarker[] = [];
  let i = p.start;
  while (i < p.end) {
    const c = text[i];
    if (c === "\\") {
      i += 2;
      continue;
    }
    if (c === "[") {
      const close = closers.get(i);
      const dest =
        close !== undefined && text[close + 1] === "("
          ? parseDestination(source, text, close + 1, p, (look ??= buildLookahead(text, p)))
          : null;
      if (close !== undefined && dest) {
        links.push({ kind: "markdown", text: source.slice(i + 1, close), href: dest.href, offset: i, end: dest.end });
        i = dest.end;
        continue;
      }
      MARKER.lastIndex = i;
      const m = MARKER.exec(text);
      if (m?.[1]) {
        if (!isCheckbox(text, blocks.lineStarts, i, m[1]))
          markers.push({ label: m[1], offset: i, end: MARKER.lastIndex });
        i = MARKER.lastIndex;
        continue;
      }
    } else if (c === "<") {
      AUTOLINK.lastIndex = i;
      const m = AUTOLINK.exec(text);
      if (m?.[1]) {
        links.push({ kind: "autolink", text: m[1], href: m[1], offset: i, end: AUTOLINK.lastIndex });
        i = AUTOLINK.lastIndex;
        continue;
      }
    } else if (i === p.start || !/[A-Za-z0-9]/.test(text[i - 1] ?? "")) {
      BARE_START.lastIndex = i;
      if (BARE_START.test(text)) {
        const end = bareUrlEnd(text, i, p.end);
        const written = source.slice(i, end);
        const href = /^www\./i.test(written) ? `http://${written}` : written;
        links.push({ kind: "bare", text: written, href, offset: i, end });
        i = end;
        continue;
      }
    }
    i++;
  }
  return { links, markers };
}

/** Map each `[` to its matching `]` in one pass, so link text is found without rescanning. */
function matchBrackets(text: string, p: Range): Map<number, number> {
  const closers = new Map<number, number>();
  const open: number[] = [];
  for (let i = p.start; i < p.end; i++) {
    const c = text[i];
    if (c === "\\") i++;
    else if (c === "[") open.push(i);
    else if (c === "]" && open.length > 0) closers.set(open.pop()!, i);
  }
  return closers;
}

/**
 * Where destination scans may look, built once per paragraph (lazily: most have no links) in linear
 * passes: the `)` matching each `(`, and for each offset the next whitespace, non-whitespace, newline,
 * `>`, quote and `)`. parseDestination then answers in O(1) instead of rescanning up to 2,048
 * characters after every `](` (10,000 characters of `[](` took ~1 s).
 */
type Lookahead = { closeParen: Map<number, number>; next: Record<Target, Int32Array> };
type Target = "space" | "nonSpace" | "\n" | ">" | '"' | "'" | ")";
const TARGETS: Target[] = ["space", "nonSpace", "\n", ">", '"', "'", ")"];

function buildLookahead(text: string, p: Range): Lookahead {
  const closeParen = new Map<number, number>();
  const open: number[] = [];
  for (let i = p.start; i < p.end; i++) {
    const c = text[i];
    if (c === "\\") i++;
    else if (c === "(") open.push(i);
    else if (c === ")" && open.length > 0) closeParen.set(open.pop()!, i);
  }
  const next = {} as Record<Target, Int32Array>;
  for (const target of TARGETS) {
    const hit = (code: number) =>
      target === "space" ? isSpace(code) : target === "nonSpace" ? !isSpace(code) : code === target.charCodeAt(0);
    const table = new Int32Array(p.end - p.start + 1);
    let at = p.end;
    table[p.end - p.start] = at;
    for (let i = p.end - 1; i >= p.start; i--) {
      if (hit(text.charCodeAt(i))) at = i;
      table[i - p.start] = at;
    }
    next[target] = table;
  }
  return { closeParen, next };
}

/** `(url)`, `(<url>)`, `(url "title")`; parentheses inside the URL must balance, as in CommonMark. */
function parseDestination(
  source: string,
  text: string,
  paren: number,
  p: Range,
  look: Lookahead,
): { href: string; end: number } | null {
  const limit = p.end;
  const next = (target: Target, from: number) => (from >= limit ? limit : look.next[target][from - p.start]!);
  let j = next("nonSpace", paren + 1);
  if (next("\n", paren + 1) < j) return null; // the destination starts on the same line
  let start = j;
  let stop: number;
  if (text[j] === "<") {
    start = j + 1;
    stop = next(">", start);
    if (stop >= limit || stop > start + MAX_DESTINATION || next("\n", start) < stop) return null;
    j = stop + 1;
  } else {
    // Ends at whitespace, at the `)` matching the opening one, or after MAX_DESTINATION characters.
    stop = Math.min(next("space", start), look.closeParen.get(paren) ?? limit, start + MAX_DESTINATION, limit);
    j = stop;
  }
  if (stop === start) return null;
  j = next("nonSpace", j);
  const titleClose = TITLE_CLOSERS.get(text[j] ?? "") as Target | undefined;
  if (titleClose) {
    const closeAt = next(titleClose, j + 1);
    if (closeAt >= Math.min(limit, j + MAX_TITLE)) return null;
    j = next("nonSpace", closeAt + 1);
  }
  if (text[j] !== ")") return null;
  return { href: source.slice(start, stop), end: j + 1 };
}

/** A bare URL runs to whitespace or a quote, then loses trailing punctuation and unbalanced `)` / `]`. */
function bareUrlEnd(text: string, start: number, limit: number): number {
  let end = start;
  const count: Record<string, number> = { "(": 0, ")": 0, "[": 0, "]": 0 };
  while (end < limit && !URL_STOP.test(text[end] ?? " ")) {
    const c = text[end] ?? "";
    if (c in count) count[c] = (count[c] ?? 0) + 1;
    end++;
  }
  for (;;) {
    const last = text[end - 1] ?? "";
    const opener = last === ")" ? "(" : last === "]" ? "[" : null;
    if (TRAILING.has(last)) end--;
    else if (opener && (count[last] ?? 0) > (count[opener] ?? 0)) {
      count[last] = (count[last] ?? 0) - 1;
      end--;
    } else return end;
  }
}

/** Hot loop: a char-code test instead of a regex per character. */
function isSpace(code: number): boolean {
  return (
    code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x3000 || (code >= 0x2000 && code <= 0x200a)
  );
}

function isCheckbox(text: string, lineStarts: number[], at: number, label: string): boolean {
  if (label !== "x" && label !== "X") return false;
  const lineStart = lineStarts[lineOf(lineStarts, at) - 1] ?? 0;
  // A checkbox sits right after its bullet; the length cap keeps long lines of "[x]" linear.
  return at - lineStart <= 24 && CHECKBOX_PREFIX.test(text.slice(lineStart, at)) && /\s/.test(text[at + 3] ?? "\n");
}
