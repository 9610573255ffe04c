// Inline syntax of comment text: `code`, *em* / _em_, **strong**, [text](url), <url>, bare URLs,
// backslash escapes and single newlines (<br>). One left-to-right scan into tokens, then emphasis
// pairing with a delimiter stack per character (linear: the nearest opener always matches).
// Every piece of user text reaches the output through escapeHtml; the markup is ours.
import { escapeHtml } from "./escape-html.ts";

/** A link present in the rendered output: its href and its visible text. */
export type ExtractedLink = { href: string; text: string };

type Piece = { kind: "piece"; html: string; text: string };
type Delim = {
  kind: "delim";
  ch: "*" | "_";
  count: number;
  canOpen: boolean;
  canClose: boolean;
  open: string[];
  close: string[];
};
type Token = Piece | Delim;

const ASCII_PUNCTUATION = new Set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");
const SPECIAL = /[\\\n`*_[<hH]/g;
const MAX_LINK_TEXT = 1000;
const MAX_LINK_DEST = 2048;
const MAX_DELIM_RUN = 3; // longer runs of * or _ stay literal (no pile of nested tags)
// Characters that end a bare URL (besides whitespace and control characters).
const URL_STOP = new Set(["<", ">", '"', "`", "“", "”", "«", "»"]);
// Characters stripped from the end of a bare URL: sentence punctuation and quotes.
const URL_TRAILING = new Set([".", ",", ":", ";", "!", "?", "'", "’", "‘", "*", "_", "~"]);

const isWhitespace = (c: string | undefined): boolean => c === undefined || /\s/u.test(c);
const isPunctuation = (c: string | undefined): boolean => c !== undefined && /[\p{P}\p{S}]/u.test(c);
const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);
const isControl = (code: number): boolean => code < 0x20 || code === 0x7f;

/** Only http(s) with a host and mailto: with an address become links; everything else stays text. */
export function isSafeHref(href: string): boolean {
  for (let k = 0; k < href.length; k++) {
    const code = href.charCodeAt(k);
    if (isControl(code) || code === 0x20 || URL_STOP.has(href[k]!)) return false;
  }
  return /^https?:\/\/[\p{L}\p{N}[]/iu.test(href) || /^mailto:[^@]+@[^@]+$/i.test(href);
}

/** Renders one paragraph's (or list item's) text. Links are appended to `links`; null = no links here. */
export function renderInline(src: string, links: ExtractedLink[] | null): { html: string; text: string } {
  const tokens: Token[] = [];
  let buf = "";
  const flush = (): void => {
    if (buf) tokens.push({ kind: "piece", html: escapeHtml(buf), text: buf });
    buf = "";
  };
  const pushLink = (href: string, inner: { html: string; text: string }): void => {
    flush();
    links?.push({ href, text: inner.text });
    tokens.push({ kind: "piece", html: `<a href="${escapeHtml(href)}">${inner.html}</a>`, text: inner.text });
  };

  const n = src.length;
  let backticks: BacktickRuns | null = null;
  let i = 0;
  while (i < n) {
    SPECIAL.lastIndex = i;
    const m = SPECIAL.exec(src);
    const at = m ? m.index : n;
    buf += src.slice(i, at);
    i = at;
    if (i >= n) break;
    const ch = src[i]!;

    if (ch === "\\") {
      const next = src[i + 1];
      if (next !== undefined && ASCII_PUNCTUATION.has(next)) {
        buf += next;
        i += 2;
      } else {
        buf += ch;
        i += 1;
      }
    } else if (ch === "\n") {
      flush();
      tokens.push({ kind: "piece", html: "<br>", text: "\n" });
      i += 1;
    } else if (ch === "`") {
      const run = runLength(src, i, "`");
      const close = nextBacktickRun((backticks ??= indexBacktickRuns(src)), i + run, run);
      if (close < 0) {
        buf += src.slice(i, i + run);
        i += run;
      } else {
        flush();
        const code = codeSpanContent(src.slice(i + run, close));
        tokens.push({ kind: "piece", html: `<code>${escapeHtml(code)}</code>`, text: code });
        i = close + run;
      }
    } else if (ch === "*" || ch === "_") {
      const run = runLength(src, i, ch);
      flush();
      tokens.push(delimiter(ch, run, src[i - 1], src[i + run]));
      i += run;
    } else if (ch === "[" && links) {
      const link = matchInlineLink(src, i);
      if (!link) {
        buf += ch;
        i += 1;
      } else {
        if (isSafeHref(link.href)) pushLink(link.href, renderInline(link.text, null));
        else buf += src.slice(i, link.end); // the whole construct stays plain text
        i = link.end;
      }
    } else if (ch === "<" && links) {
      const auto = matchAutolink(src, i);
      if (auto && isSafeHref(auto.href)) {
        pushLink(auto.href, { html: escapeHtml(auto.href), text: auto.href });
        i = auto.end;
      } else {
        buf += ch;
        i += 1;
      }
    } else if ((ch === "h" || ch === "H") && links && !isWordChar(src[i - 1]) && startsUrl(src, i)) {
      const end = bareUrlEnd(src, i);
      const href = src.slice(i, end);
      if (isSafeHref(href)) pushLink(href, { html: escapeHtml(href), text: href });
      else buf += href;
      i = Math.max(end, i + 1);
    } else {
      buf += ch;
      i += 1;
    }
  }
  flush();
  pairEmphasis(tokens);

  let html = "";
  let text = "";
  for (const t of tokens) {
    if (t.kind === "piece") {
      html += t.html;
      text += t.text;
    } else {
      const literal = t.ch.repeat(t.count);
      html += t.close.join("") + literal + t.open.join("");
      text += literal;
    }
  }
  return { html, text };
}

function runLength(src: string, from: number, ch: string): number {
  let k = from;
  while (src[k] === ch) k++;
  return k - from;
}

/** The text's backtick runs by width, each list in order, with a cursor that only moves forward:
 * searching for a closing run never rescans (runs of every width, ` `` ``` …, were quadratic). */
type BacktickRuns = Map<number, { starts: number[]; next: number }>;

function indexBacktickRuns(src: string): BacktickRuns {
  const runs: BacktickRuns = new Map();
  for (let j = src.indexOf("`"); j >= 0;) {
    const run = runLength(src, j, "`");
    const entry = runs.get(run) ?? { starts: [], next: 0 };
    entry.starts.push(j);
    runs.set(run, entry);
    j = src.indexOf("`", j + run);
  }
  return runs;
}

/** Start of the next run of exactly `length` backticks at or after `from`, or -1. Calls come with
 * increasing `from` (the scan moves left to right), so each cursor only advances. */
function nextBacktickRun(runs: BacktickRuns, from: number, length: number): number {
  const entry = runs.get(length);
  if (!entry) return -1;
  while (entry.next < entry.starts.length && entry.starts[entry.next]! < from) entry.next++;
  return entry.starts[entry.next] ?? -1;
}

function codeSpanContent(raw: string): string {
  const s = raw.replace(/\n/g, " ");
  return s.length > 1 && s.startsWith(" ") && s.endsWith(" ") && s.trim() !== "" ? s.slice(1, -1) : s;
}

/** CommonMark flanking rules; `_` may not open or close inside a word (snake_case stays literal). */
function delimiter(ch: "*" | "_", count: number, prev: string | undefined, next: string | undefined): Delim {
  const left = !isWhitespace(next) && (!isPunctuation(next) || isWhitespace(prev) || isPunctuation(prev));
  const right = !isWhitespace(prev) && (!isPunctuation(prev) || isWhitespace(next) || isPunctuation(next));
  const usable = count <= MAX_DELIM_RUN;
  const canOpen = usable && (ch === "*" ? left : left && (!right || isPunctuation(prev)));
  const canClose = usable && (ch === "*" ? right : right && (!left || isPunctuation(next)));
  return { kind: "delim", ch, count, canOpen, canClose, open: [], close: [] };
}

/**
 * Pairs each closer with the nearest opener of the same character; openers of the other character
 * that lie in between can no longer match (no crossed tags). Each opener is pushed and popped once.
 */
function pairEmphasis(tokens: Token[]): void {
  const stacks: Record<"*" | "_", number[]> = { "*": [], _: [] };
  tokens.forEach((t, idx) => {
    if (t.kind !== "delim") return;
    const own = stacks[t.ch];
    const other = stacks[t.ch === "*" ? "_" : "*"];
    while (t.canClose && t.count > 0 && own.length > 0) {
      const openerIdx = own[own.length - 1]!;
      const opener = tokens[openerIdx] as Delim;
      const use = opener.count >= 2 && t.count >= 2 ? 2 : 1;
      const tag = use === 2 ? "strong" : "em";
      opener.count -= use;
      t.count -= use;
      opener.open.unshift(`<${tag}>`);
      t.close.push(`</${tag}>`);
      while (other.length > 0 && other[other.length - 1]! > openerIdx) other.pop();
      if (opener.count === 0) own.pop();
    }
    if (t.canOpen && t.count > 0) own.push(idx);
  });
}

// Not allowed in a [text](destination). Brackets (valid in URLs only around an IPv6 host) are refused
// so that each destination scan stops at the next "[": the scans stay linear in total.
const DEST_STOP = new Set(["<", ">", '"', "[", "]"]);

/** `[text](destination)` with a non-empty single-line text and a destination without spaces. */
function matchInlineLink(src: string, start: number): { text: string; href: string; end: number } | null {
  const textEnd = scanTo(src, start + 1, "]", "[", MAX_LINK_TEXT);
  if (textEnd < 0 || textEnd === start + 1 || src[textEnd + 1] !== "(") return null;
  const destStart = textEnd + 2;
  const limit = Math.min(src.length, destStart + MAX_LINK_DEST);
  let depth = 1;
  for (let k = destStart; k < limit; k++) {
    const c = src[k]!;
    if (c === "(") depth++;
    else if (c === ")") {
      depth--;
      if (depth === 0) {
        return { text: src.slice(start + 1, textEnd), href: src.slice(destStart, k), end: k + 1 };
      }
    } else if (DEST_STOP.has(c) || /\s/u.test(c) || isControl(c.charCodeAt(0))) return null;
  }
  return null;
}

/** `<https://…>` / `<mailto:…>`: no spaces, no nested `<`. */
function matchAutolink(src: string, start: number): { href: string; end: number } | null {
  const close = scanTo(src, start + 1, ">", "<", MAX_LINK_DEST);
  if (close < 0) return null;
  const href = src.slice(start + 1, close);
  return /\s/u.test(href) ? null : { href, end: close + 1 };
}

/** Index of `target` before any `stop` character or newline within `max` characters, or -1. */
function scanTo(src: string, from: number, target: string, stop: string, max: number): number {
  const limit = Math.min(src.length, from + max);
  for (let k = from; k < limit; k++) {
    const c = src[k];
    if (c === target) return k;
    if (c === stop || c === "\n") return -1;
  }
  return -1;
}

function startsUrl(src: string, i: number): boolean {
  const head = src.slice(i, i + 8).toLowerCase();
  return head.startsWith("http://") || head.startsWith("https://");
}

/** End of a bare URL: up to whitespace or a stop character, minus trailing punctuation and unbalanced ) ]. */
function bareUrlEnd(src: string, start: number): number {
  let end = start;
  let parens = 0;
  let brackets = 0;
  while (end < src.length) {
    const c = src[end]!;
    if (/\s/u.test(c) || isControl(c.charCodeAt(0)) || URL_STOP.has(c)) break;
    if (c === "(") parens++;
    else if (c === ")") parens--;
    else if (c === "[") brackets++;
    else if (c === "]") brackets--;
    end++;
  }
  while (end > start) {
    const c = src[end - 1]!;
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
