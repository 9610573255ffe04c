// What the link checker reads from the first bytes of an HTML page: its <title> and the ids a #fragment
// can point at. The body is hostile and capped (possibly cut mid-tag), so this is a small forward-only
// tokenizer built on indexOf: every character is looked at a bounded number of times, whatever the input
// (the regexes it replaces backtracked for minutes on 512 KiB of unclosed "<title>"). Not a parser: a
// wrong guess costs a missing title or an "unknown" fragment, never a security decision.

const TITLE_MAX_CHARS = 300;
/** Anchors kept per page; a page with more is recorded as incomplete (fragment-check says "unknown"). */
export const ANCHORS_MAX = 2000;
/** Longer ids are not kept (and make the list incomplete): nobody links to them, and they cost storage. */
export const ANCHOR_MAX_CHARS = 200;
/** All kept ids together, in characters: bounds the JSON stored per cached page. */
export const ANCHORS_MAX_TOTAL_CHARS = 32_000;

/** The anchors a page offers: element ids and <a name>; complete when the whole page was read and none was dropped. */
export type PageAnchors = { ids: string[]; complete: boolean };
export type HtmlFacts = { title?: string; anchors: PageAnchors };

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
  ndash: "–",
  mdash: "—",
  hellip: "…",
  laquo: "«",
  raquo: "»",
  middot: "·",
  bull: "•",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
  copy: "©",
  reg: "®",
  trade: "™",
  euro: "€",
};

function fromCodePoint(code: number): string {
  const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
  return valid ? String.fromCodePoint(code) : "\ufffd";
}

/** Decodes numeric references and the common named ones; unknown names are left as written. */
export function decodeHtmlEntities(text: string): string {
  if (!text.includes("&")) return text;
  // Linear: every quantifier is bounded and the alternatives start with different characters.
  return text.replace(
    /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));?/g,
    (whole: string, dec?: string, hex?: string, name?: string) => {
      if (dec !== undefined) return fromCodePoint(Number.parseInt(dec, 10));
      if (hex !== undefined) return fromCodePoint(Number.parseInt(hex, 16));
      return NAMED_ENTITIES[name as string] ?? whole;
    },
  );
}

// Elements whose content is text up to their end tag, not markup (ids inside a <script> string are not ids).
const RAW_TEXT = new Set(["script", "style", "title", "textarea", "xmp", "iframe", "noembed", "noframes", "noscript"]);
const END_TAG = new Map([...RAW_TEXT].map((name) => [name, new RegExp(`</${name}[\\s/>]`, "gi")]));

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
const isAsciiLetter = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

/**
 * Title and anchors of a page. `truncated`: only the first bytes were read, so a list of anchors is
 * never complete. Runs in time linear in html.length.
 */
export function readHtml(html: string, options: { truncated?: boolean } = {}): HtmlFacts {
  const ids = new Set<string>();
  let complete = !options.truncated;
  let title: string | undefined;
  let kept = 0;
  const addAnchor = (raw: string) => {
    const id = decodeHtmlEntities(raw);
    if (id === "" || ids.has(id)) return;
    if (id.length > ANCHOR_MAX_CHARS || ids.size >= ANCHORS_MAX || kept + id.length > ANCHORS_MAX_TOTAL_CHARS)
      complete = false;
    else {
      ids.add(id);
      kept += id.length;
    }
  };

  const n = html.length;
  let i = 0;
  scan: for (;;) {
    const lt = html.indexOf("<", i);
    if (lt < 0 || lt + 1 >= n) break;
    const next = html.charCodeAt(lt + 1);
    if (html.startsWith("!--", lt + 1)) {
      const end = html.indexOf("-->", lt + 4);
      if (end < 0) break; // the rest is a comment
      i = end + 3;
      continue;
    }
    if (next === 0x21 /* ! */ || next === 0x3f /* ? */ || next === 0x2f /* / */) {
      const end = html.indexOf(">", lt + 2); // doctype, processing instruction or end tag: nothing to read
      if (end < 0) break;
      i = end + 1;
      continue;
    }
    if (!isAsciiLetter(next)) {
      i = lt + 1; // a lone "<" in text
      continue;
    }

    let j = lt + 1;
    while (j < n && !isSpace(html.charCodeAt(j)) && html[j] !== "/" && html[j] !== ">") j++;
    const tag = html.slice(lt + 1, j).toLowerCase();
    // Attributes: name[=value], separated by spaces or "/", until ">". Each step consumes at least one character.
    for (;;) {
      while (j < n && (isSpace(html.charCodeAt(j)) || html[j] === "/")) j++;
      if (j >= n) break scan; // cut off inside the tag
      if (html[j] === ">") {
        j++;
        break;
      }
      const nameStart = j;
      j++; // the first character may be "=" (HTML makes it part of the name)
      while (j < n && !isSpace(html.charCodeAt(j)) && html[j] !== "/" && html[j] !== ">" && html[j] !== "=") j++;
      const name = html.slice(nameStart, j).toLowerCase();
      while (j < n && isSpace(html.charCodeAt(j))) j++;
      if (html[j] !== "=") continue;
      j++;
      while (j < n && isSpace(html.charCodeAt(j))) j++;
      let value: string;
      const quote = html[j];
      if (quote === '"' || quote === "'") {
        const end = html.indexOf(quote, j + 1);
        if (end < 0) break scan; // an unterminated value runs to the end of what we have
        value = html.slice(j + 1, end);
        j = end + 1;
      } else {
        const start = j;
        while (j < n && !isSpace(html.charCodeAt(j)) && html[j] !== ">") j++;
        value = html.slice(start, j);
      }
      if (name === "id" || (name === "name" && tag === "a")) addAnchor(value);
    }

    const endTag = END_TAG.get(tag);
    if (endTag) {
      endTag.lastIndex = j;
      const close = endTag.exec(html);
      if (!close) break; // the rest is this element's text
      if (tag === "title" && title === undefined) title = cleanTitle(html.slice(j, close.index));
      i = close.index + 2;
    } else i = j;
  }

  return { ...(title ? { title } : {}), anchors: { ids: [...ids], complete } };
}

function cleanTitle(raw: string): string | undefined {
  const title = decodeHtmlEntities(raw).replace(/\s+/g, " ").trim();
  if (title === "") return undefined;
  return Array.from(title).slice(0, TITLE_MAX_CHARS).join(""); // by code point: never split an emoji
}

/** The page title, cleaned for display, or undefined when there is none (or it is empty). */
export function extractTitle(html: string): string | undefined {
  return readHtml(html).title;
}

/** Decodes a body in the charset its Content-Type names, falling back to UTF-8. */
export function decodeBody(bytes: Uint8Array, contentTypeHeader: string | undefined): string {
  const charset = /charset\s*=\s*"?([\w.:-]{1,40})/i.exec((contentTypeHeader ?? "").slice(0, 1000))?.[1];
  try {
    return new TextDecoder(charset ?? "utf-8").decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes); // unknown label
  }
}
