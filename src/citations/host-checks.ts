// Facts about a hostname that a link policy flags: IP literals, shorteners, lookalike scripts.
import { domainToUnicode } from "node:url";
import ipaddr from "ipaddr.js";

/** Services whose links hide where they go. First-party short domains (youtu.be, redd.it) say where they go. */
export const URL_SHORTENERS: readonly string[] = [
  "bit.ly",
  "bitly.com",
  "t.co",
  "tinyurl.com",
  "goo.gl",
  "ow.ly",
  "is.gd",
  "v.gd",
  "buff.ly",
  "rebrand.ly",
  "cutt.ly",
  "shorturl.at",
  "tiny.cc",
  "rb.gy",
  "lnkd.in",
  "t.ly",
  "s.id",
  "adf.ly",
  "shorte.st",
  "bl.ink",
  "dlvr.it",
  "ift.tt",
  "trib.al",
  "x.co",
  "soo.gd",
  "clck.ru",
  "qr.ae",
  "tiny.one",
  "shorturl.com",
  "urlz.fr",
];

/** `evil.com` covers `evil.com` and `a.evil.com`, never `notevil.com`. */
export function hostMatches(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

/**
 * The WHATWG parser already turns `2130706433`, `0177.0.0.1` and `0x7f.1` into `127.0.0.1` for http(s);
 * ipaddr.js reads the same spellings for other schemes, whose hosts the parser leaves alone.
 */
export function ipLiteral(hostname: string): string | null {
  if (hostname.startsWith("[") && hostname.endsWith("]")) return hostname;
  return ipaddr.IPv4.isValid(hostname) ? ipaddr.IPv4.parse(hostname).toString() : null;
}

export function punycodeLabels(hostname: string): boolean {
  return hostname.split(".").some((label) => label.startsWith("xn--"));
}

const SCRIPTS: readonly [string, RegExp][] = (
  [
    "Latin",
    "Cyrillic",
    "Greek",
    "Armenian",
    "Georgian",
    "Cherokee",
    "Hebrew",
    "Arabic",
    "Devanagari",
    "Thai",
    "Han",
    "Hiragana",
    "Katakana",
    "Hangul",
    "Bopomofo",
  ] as const
).map((name) => [name, new RegExp(`\\p{Script=${name}}`, "u")]);

/** Mixes that are normal writing (UTS #39 "highly restrictive"): Japanese, Korean, Chinese beside Latin. */
const NORMAL_MIXES: readonly Set<string>[] = [
  new Set(["Latin", "Han", "Hiragana", "Katakana"]),
  new Set(["Latin", "Han", "Hangul"]),
  new Set(["Latin", "Han", "Bopomofo"]),
];

/** The Unicode form of the first label that mixes scripts, e.g. "pаypal" (Cyrillic а), or null. */
export function mixedScriptLabel(hostname: string): { label: string; scripts: string[] } | null {
  for (const label of domainToUnicode(hostname).split(".")) {
    const scripts = new Set<string>();
    for (const char of label) {
      const script = SCRIPTS.find(([, pattern]) => pattern.test(char));
      if (script) scripts.add(script[0]); // digits and hyphens belong to no script
    }
    if (scripts.size > 1 && !NORMAL_MIXES.some((ok) => [...scripts].every((s) => ok.has(s)))) {
      return { label, scripts: [...scripts] };
    }
  }
  return null;
}

/** Common top-level domains, so link text "paypal.com" reads as a domain but "Node.js" does not. */
const COMMON_TLDS = new Set(
  (
    "com net org edu gov mil int info biz name pro io co ai app dev me tv ly gl to cc ws xyz online site " +
    "uk us ca au nz de fr ru cn jp kr in br it nl es ch se no dk fi pl cz at be eu ie il za mx ar tr ua"
  ).split(" "),
);

/** The host named by link text that looks like a URL or a domain ("https://x.org/a", "www.x.org", "x.com"). */
export function hostNamedByText(text: string): string | null {
  const t = text.trim();
  let candidate: string | null = null;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(t)) candidate = t;
  else if (/^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+(?:[/?#:]\S*)?$/u.test(t)) {
    const tld =
      t
        .split(/[/?#:]/)[0]
        ?.split(".")
        .pop()
        ?.toLowerCase() ?? "";
    if (/^www\./i.test(t) || COMMON_TLDS.has(tld) || tld.startsWith("xn--")) candidate = `http://${t}`;
  }
  if (candidate === null) return null;
  try {
    return new URL(candidate).hostname || null;
  } catch {
    return null;
  }
}
