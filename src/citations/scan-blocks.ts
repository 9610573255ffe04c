// Block structure of a comment's source: paragraphs, code (fences and spans) and quotations.
// Everything works on offsets into the original text so later passes can report positions.

export type Range = { start: number; end: number };

export type BlockScan = {
  /** The source with code replaced by spaces (newlines kept): later passes never see code. */
  masked: string;
  /** Runs of non-blank lines outside fences; links and markers never cross them. */
  paragraphs: Range[];
  /** `>` lines and paragraphs wrapped in quotation marks, sorted by start. */
  quotations: Range[];
  lineStarts: number[];
};

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const BLOCKQUOTE = /^ {0,3}>/;
const BLANK = /^\s*$/;
/** What may follow a closing quotation mark and still leave the paragraph "wrapped": markers, punctuation. */
const QUOTE_TAIL = /^[\s.,;:!?]*(?:\[[^\]\n]{1,12}\][\s.,;:!?]*)*$/;

export function scanBlocks(source: string): BlockScan {
  const lines = source.split("\n");
  const lineStarts: number[] = [];
  let at = 0;
  for (const line of lines) {
    lineStarts.push(at);
    at += line.length + 1;
  }

  const codeRanges: Range[] = [];
  const paragraphs: (Range & { hasQuoteLine: boolean })[] = [];
  const quotations: Range[] = [];
  let fence: { char: string; length: number; start: number } | null = null;
  let paragraph: (Range & { hasQuoteLine: boolean }) | null = null;

  for (const [i, line] of lines.entries()) {
    const start = lineStarts[i] ?? 0;
    const end = start + line.length;
    if (fence) {
      const close = FENCE.exec(line)?.[1];
      if (close?.[0] === fence.char && close.length >= fence.length && BLANK.test(line.replace(FENCE, ""))) {
        codeRanges.push({ start: fence.start, end });
        fence = null;
      }
      continue;
    }
    const open = FENCE.exec(line)?.[1];
    if (open || BLANK.test(line)) {
      if (paragraph) paragraphs.push(paragraph);
      paragraph = null;
      if (open) fence = { char: open.charAt(0), length: open.length, start };
      continue;
    }
    // Per line, not CommonMark's lazy continuation: "> quote\nmy reply" means the reply is not quoted.
    const quoteLine = BLOCKQUOTE.test(line);
    if (quoteLine) quotations.push({ start, end });
    if (paragraph) {
      paragraph.end = end;
      paragraph.hasQuoteLine ||= quoteLine;
    } else paragraph = { start, end, hasQuoteLine: quoteLine };
  }
  if (paragraph) paragraphs.push(paragraph);
  // An unclosed fence runs to the end, as in CommonMark.
  if (fence) codeRanges.push({ start: fence.start, end: source.length });

  for (const p of paragraphs) {
    codeRanges.push(...findCodeSpans(source, p));
    const quoted = p.hasQuoteLine ? null : wrappedQuotation(source, p);
    if (quoted) quotations.push(quoted);
  }
  quotations.sort((a, b) => a.start - b.start);
  return {
    masked: mask(source, codeRanges),
    paragraphs: paragraphs.map(({ start, end }) => ({ start, end })),
    quotations,
    lineStarts,
  };
}

/** Backtick code spans: a run of N backticks closes at the next run of exactly N in the same paragraph. */
function findCodeSpans(source: string, p: Range): Range[] {
  const runs: Range[] = [];
  for (let i = p.start; i < p.end; i++) {
    if (source[i] !== "`") continue;
    let j = i;
    while (j < p.end && source[j] === "`") j++;
    runs.push({ start: i, end: j });
    i = j - 1;
  }
  // The next run of the same width after each run, in one backward pass: no rescan per run (runs
  // of every width, ` `` ``` …, made this quadratic).
  const nextSameWidth = new Int32Array(runs.length);
  const seen = new Map<number, number>();
  for (let i = runs.length - 1; i >= 0; i--) {
    const width = runs[i]!.end - runs[i]!.start;
    nextSameWidth[i] = seen.get(width) ?? -1;
    seen.set(width, i);
  }
  const spans: Range[] = [];
  for (let i = 0; i < runs.length; i++) {
    const closeAt = nextSameWidth[i]!;
    if (closeAt < 0) continue; // a lone run is literal text
    spans.push({ start: runs[i]!.start, end: runs[closeAt]!.end });
    i = closeAt;
  }
  return spans;
}

/** A paragraph that opens with “ or " and closes with the matching mark (markers may follow). */
function wrappedQuotation(source: string, p: Range): Range | null {
  const text = source.slice(p.start, p.end);
  const first = text.search(/\S/);
  const opener = text[first];
  const closer = opener === "“" ? "”" : opener === '"' ? '"' : null;
  if (!closer) return null;
  const last = text.lastIndexOf(closer);
  if (last <= first || !QUOTE_TAIL.test(text.slice(last + 1))) return null;
  return { start: p.start + first, end: p.start + last + 1 };
}

function mask(source: string, ranges: Range[]): string {
  if (ranges.length === 0) return source;
  const chars = source.split("");
  for (const r of ranges) {
    for (let i = r.start; i < r.end; i++) if (chars[i] !== "\n") chars[i] = " ";
  }
  return chars.join("");
}

export function lineOf(lineStarts: number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** Binary search over sorted, non-overlapping ranges. */
export function isInside(ranges: Range[], offset: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid]!;
    if (offset < r.start) hi = mid - 1;
    else if (offset >= r.end) lo = mid + 1;
    else return true;
  }
  return false;
}
