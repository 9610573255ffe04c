// What the spam model looks at in one comment, as named features ("w:casino", "d:example.com", …).
// Pure and deterministic: the pipeline phase scores these, and a moderator's decision later learns
// the same ones from the stored comment (its text, author fields and the signals the phase recorded),
// so what is scored and what is learned never drift apart.
//
// Families (the prefix names the family; describe-features.ts turns them into words):
//   w:  a word (lower-cased letters and digits)          b:  two words in a row
//   c:  a 4-letter piece of a word (catches "c4sino", "caaasino" and inflections)
//   d:  a link's domain                                    links: / uncited: how many links, how many not cited
//   a:  the author's website domain (a:none, a:linked when the text links to it too)
//   n:  the name's shape and words                         e:  the email's shape and domain
//   cite: a citation check that failed at posting time     speed: seconds from page load to post
//   len: length of the text
import { urlCacheKey } from "../citations/normalize-url.ts";

export type SpamSignals = {
  /** Links found in the text (as rendered), and the ones a citation label names. */
  links: readonly string[];
  citedLinks: readonly string[];
  /** Citation-check reason codes present when the comment was posted (link-broken, link-unsafe, …). */
  citationFlags: readonly string[];
  /** Milliseconds from the page (or form) render to the post, when the client proved it. */
  postedAfterMs?: number | null;
};

export type SpamInput = {
  body: string;
  author: { name: string; email: string; url: string | null };
  signals: SpamSignals;
};

/** Feature → how often it occurs (the model counts presence; the count is for the explanation). */
export type Features = Map<string, number>;

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’]*/gu;
const URL_IN_TEXT = /\b(?:https?:\/\/|www\.)[^\s<>()"']+/gi;
const MAX_WORDS = 2000;

export function extractSpamFeatures(input: SpamInput): Features {
  const f: Features = new Map();
  const add = (k: string, n = 1) => f.set(k, (f.get(k) ?? 0) + n);

  // Words, pairs of words and 4-letter pieces of the text without its URLs.
  const text = input.body.replace(URL_IN_TEXT, " ").toLowerCase();
  const words = (text.match(WORD) ?? []).slice(0, MAX_WORDS).map((w) => w.replace(/[’']+$/, ""));
  let previous: string | null = null;
  for (const w of words) {
    if (w.length > 30) continue;
    add(`w:${w}`);
    if (previous) add(`b:${previous} ${w}`);
    previous = w;
    if (w.length >= 4) for (let i = 0; i + 4 <= w.length; i++) add(`c:${w.slice(i, i + 4)}`);
  }
  add(`len:${bucket(input.body.length, [40, 200, 1000, 3000])}`);

  // Links: their domains, how many, how many are not citations.
  const domains = new Set<string>();
  for (const href of input.signals.links) {
    const d = domainOf(href);
    if (d) domains.add(d);
  }
  for (const d of domains) add(`d:${d}`);
  const cited = new Set(input.signals.citedLinks.map((u) => urlCacheKey(u) ?? u));
  const uncited = input.signals.links.filter((u) => !cited.has(urlCacheKey(u) ?? u)).length;
  add(`links:${bucket(input.signals.links.length, [0, 1, 2, 3])}`);
  add(`uncited:${bucket(uncited, [0, 1, 2, 3])}`);
  for (const code of new Set(input.signals.citationFlags)) add(`cite:${code}`);

  // The author's fields.
  const site = input.author.url ? domainOf(input.author.url) : null;
  add(site ? `a:${site}` : "a:none");
  if (site && domains.has(site)) add("a:linked");
  for (const k of nameShape(input.author.name)) add(k);
  for (const k of emailShape(input.author.email, input.author.name)) add(k);

  const ms = input.signals.postedAfterMs;
  if (typeof ms === "number" && ms >= 0) add(`speed:${bucket(Math.round(ms / 1000), [5, 15, 60, 300])}`);
  return f;
}

/** "≤5", "≤15", …, ">300": buckets keep counts and times as a few features the model can learn. */
function bucket(n: number, limits: number[]): string {
  for (const l of limits) if (n <= l) return `≤${l}`;
  return `>${limits[limits.length - 1]}`;
}

export function domainOf(href: string): string | null {
  try {
    const host = new URL(/^[a-z][a-z0-9+.-]*:/i.test(href) ? href : `https://${href}`).hostname.toLowerCase();
    return host.replace(/^www\./, "").replace(/\.$/, "") || null;
  } catch {
    return null;
  }
}

function nameShape(name: string): string[] {
  const out: string[] = [];
  const trimmed = name.trim();
  const parts = trimmed.split(/\s+/).filter(Boolean);
  out.push(`n:words=${Math.min(parts.length, 4)}`);
  if (/\d/.test(trimmed)) out.push("n:digits");
  if (/https?:|www\.|\.(com|net|org|info|biz|ru)\b/i.test(trimmed)) out.push("n:url");
  if (trimmed.length > 3 && trimmed === trimmed.toUpperCase() && /\p{L}/u.test(trimmed)) out.push("n:caps");
  for (const p of parts.slice(0, 6)) out.push(`nw:${p.toLowerCase()}`);
  return out;
}

function emailShape(email: string, name: string): string[] {
  const [local = "", domain = ""] = email.toLowerCase().split("@");
  const out = [`e:${domain || "none"}`];
  if ((local.match(/\d/g) ?? []).length >= 3) out.push("e:digits");
  if (local.length > 20) out.push("e:long");
  if (local.includes("+")) out.push("e:plus");
  const first = name.trim().toLowerCase().split(/\s+/)[0] ?? "";
  out.push(first.length >= 3 && local.includes(first) ? "e:name-match" : "e:name-other");
  return out;
}
