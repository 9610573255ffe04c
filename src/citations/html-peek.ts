// What the link checker reads from the first bytes of an HTML page: its <title> and whether the URL's
// #fragment names an element. Regexes, not a parser: the input is capped, possibly cut mid-tag, and
// we only need two facts from it; a wrong guess costs a missing title, never a security decision.

const TITLE_MAX_CHARS = 300;

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0",
  ndash: "–", mdash: "—", hellip: "…", laquo: "«", raquo: "»", middot: "·", bull: "•",
  lsquo: "‘", rsquo: "’", ldquo: "“", rdquo: "”", copy: "©", reg: "®", trade: "™", euro: "€",
};

function fromCodePoint(code: number): string {
  const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
  return valid ? String.fromCodePoint(code) : "\ufffd";
}

/** Decodes numeric references and the common named ones; unknown names are left as written. */
export function decodeHtmlEntities(text: string): string {
  return text.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]{1,31}));?/g, (whole, dec, hex, name) => {
    if (dec !== undefined) return fromCodePoint(Number.parseInt(dec, 10));
    if (hex !== undefined) return fromCodePoint(Number.parseInt(hex, 16));
    return NAMED_ENTITIES[name as string] ?? whole;
  });
}

/** The page title, cleaned for display, or undefined when there is none (or it is empty). */
export function extractTitle(html: string): string | undefined {
  const match = /<title\b[^>]*>([\s\S]*?)<\/title\s*>/i.exec(html);
  if (!match?.[1]) return undefined;
  const title = decodeHtmlEntities(match[1]).replace(/\s+/g, " ").trim();
  if (title === "") return undefined;
  return Array.from(title).slice(0, TITLE_MAX_CHARS).join(""); // by code point: never split an emoji
}

/** Whether some element has id="fragment" or name="fragment" (values compared after decoding). */
export function hasFragmentTarget(html: string, fragment: string): boolean {
  const attribute = /[\s"'](?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/gi;
  for (const match of html.matchAll(attribute)) {
    const value = match[1] ?? match[2] ?? match[3] ?? "";
    if (decodeHtmlEntities(value) === fragment) return true;
  }
  return false;
}

/** The fragment to look for, or undefined when there is nothing to check (none, or a text directive). */
export function fragmentToFind(url: URL): string | undefined {
  const raw = url.hash.slice(1);
  if (raw === "" || raw.startsWith(":~:")) return undefined; // #:~:text=… is a text fragment, not an id
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Decodes a body in the charset its Content-Type names, falling back to UTF-8. */
export function decodeBody(bytes: Uint8Array, contentTypeHeader: string | undefined): string {
  const charset = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentTypeHeader ?? "")?.[1];
  try {
    return new TextDecoder(charset ?? "utf-8").decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes); // unknown label
  }
}
