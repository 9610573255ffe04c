// Reference-list lines: a label at the start of a line and a URL on the same line.
//   [A] https://…   [A]: https://…   [^1]: https://…   A. https://…   A) https://…   1. https://…
// plus a title before or after the URL ("[A] Some Title - https://…").
import type { ReferenceStyle } from "./citation-types.ts";
import type { BlockScan } from "./scan-blocks.ts";
import type { RawLink } from "./scan-inline.ts";

export type RawReference = {
  label: string;
  url: string;
  title: string | null;
  style: ReferenceStyle;
  offset: number;
  end: number;
};

const LINE_PREFIX = /^[ \t]*(?:>[ \t]*)*/;
const BRACKET_LABEL = /\[(\^[\w-]{1,10}|[A-Za-z0-9]{1,3})\](:?)[ \t]*/y;
// One letter only: "Mr. Smith's site: https://…" must not define [Mr].
const LIST_LABEL = /([A-Za-z]|\d{1,3})[.)][ \t]+/y;
const SEPARATOR = /[\s\-–—:|,]/;
const QUOTES = /^["“'‘](.*)["”'’]$/;
/** What may follow a URL that still counts as "last on the line". */
const CLOSING_PUNCTUATION = /^[\s.,;)\]]*$/;

/**
 * A numbered paragraph ("1. The decision …") is not a definition: the line needs a URL, and unless
 * the label has a colon the URL must come first or last, so a sentence that merely mentions one is not taken.
 */
export function findReferences(source: string, blocks: BlockScan, links: RawLink[]): RawReference[] {
  const references: RawReference[] = [];
  let next = 0; // links are sorted by offset; walk them alongside the lines
  blocks.lineStarts.forEach((lineStart, i) => {
    const lineEnd = blocks.lineStarts[i + 1] === undefined ? source.length : blocks.lineStarts[i + 1]! - 1;
    const line = blocks.masked.slice(lineStart, lineEnd);
    const label = matchLabel(line, LINE_PREFIX.exec(line)?.[0].length ?? 0);
    while (next < links.length && links[next]!.offset < lineStart) next++;
    if (!label) return;

    const restStart = lineStart + label.end;
    const onLine: RawLink[] = [];
    for (let k = next; k < links.length && links[k]!.offset < lineEnd; k++) {
      if (links[k]!.offset >= restStart) onLine.push(links[k]!);
    }
    const first = onLine[0];
    const last = onLine[onLine.length - 1];
    if (!first || !last) return;
    const before = (l: RawLink) => source.slice(restStart, l.offset);
    const after = (l: RawLink) => source.slice(l.end, lineEnd);

    let link: RawLink;
    let titleText: string;
    if (before(first).trim() === "") [link, titleText] = [first, after(first)];
    else if (CLOSING_PUNCTUATION.test(after(last))) [link, titleText] = [last, before(last)];
    else if (label.style === "colon") [link, titleText] = [first, `${before(first)} ${after(first)}`];
    else return;

    references.push({
      label: label.label,
      url: link.href,
      title:
        cleanTitle(titleText) ?? (link.kind === "markdown" && link.text !== link.href ? cleanTitle(link.text) : null),
      style: label.style,
      offset: lineStart + label.start,
      end: lineEnd,
    });
  });
  return references;
}

function matchLabel(
  line: string,
  at: number,
): { label: string; style: ReferenceStyle; start: number; end: number } | null {
  BRACKET_LABEL.lastIndex = at;
  const bracket = BRACKET_LABEL.exec(line);
  if (bracket?.[1])
    return { label: bracket[1], style: bracket[2] ? "colon" : "bracket", start: at, end: BRACKET_LABEL.lastIndex };
  LIST_LABEL.lastIndex = at;
  const list = LIST_LABEL.exec(line);
  if (list?.[1]) return { label: list[1], style: "list", start: at, end: LIST_LABEL.lastIndex };
  return null;
}

function cleanTitle(text: string): string | null {
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
