// Whole-word, case-insensitive matching of a moderator's word list ("word*" matches prefixes),
// Unicode-aware, so "ass" does not match "class" and "Ünïcode" compares as typed.

import { rememberRecent } from "../../domain/recent-results.ts";

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Lists compiled lately, by their words (the last 64): a site's lists rarely change, and every post
 *  checks two of them (a fresh RegExp is compiled again by V8 on its first match). */
const compiled = rememberRecent(64, (words: readonly string[]) => JSON.stringify(words), compileNow);

export function compileWordList(words: readonly string[]): RegExp | null {
  return words.length ? compiled(words) : null;
}

function compileNow(words: readonly string[]): RegExp | null {
  const parts = words
    .map((w) => w.normalize("NFKC").trim().toLowerCase())
    .filter(Boolean)
    .map((w) => (w.endsWith("*") ? `${escape(w.slice(0, -1))}[\\p{L}\\p{N}]*` : escape(w)).replace(/\s+/g, "\\s+"));
  if (!parts.length) return null;
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${parts.join("|")})(?![\\p{L}\\p{N}])`, "iu");
}

/** The first listed word found in any of the texts, as written in the text. */
export function findListedWord(words: readonly string[], texts: readonly (string | null | undefined)[]): string | null {
  const re = compileWordList(words);
  if (!re) return null;
  for (const t of texts) {
    const m = t ? re.exec(t.normalize("NFKC")) : null;
    if (m) return m[0];
  }
  return null;
}
