// What a name (or a body) is once the tricks are taken out: compatibility forms folded (NFKC: "Ｐｅｔｅ"
// → "Pete"), invisible and bidi control characters removed (zero-width spaces and joiners, U+202E
// right-to-left override, soft hyphens, Hangul fillers, variation selectors), spaces collapsed. And when
// two names look alike: the Unicode confusables skeleton (UTS #39), so "Маrtа" (Cyrillic а) is "Marta".
import unhomoglyph from "unhomoglyph";
import { rememberRecent } from "./recent-results.ts";

// \p{Cf}: format characters (zero-width, bidi controls, BOM, soft hyphen, tags); \p{Cc}: controls;
// then characters that render as nothing: Hangul fillers, braille blank, combining grapheme joiner,
// Mongolian vowel separator and the variation selectors.
// eslint-disable-next-line no-misleading-character-class -- each combining mark is listed to be removed alone
const INVISIBLE = /[\p{Cf}\p{Cc}\u115F\u1160\u3164\uFFA0\u2800\u034F\u180E\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/gu;

/** A display name as stored and shown: NFKC, no invisible or bidi characters, single spaces, trimmed. */
export function normalizeDisplayName(name: string): string {
  return name.normalize("NFKC").replace(INVISIBLE, "").replace(/\s+/g, " ").trim();
}

/** Whether text shows anything once invisible characters and whitespace are taken out. */
export function hasVisibleText(text: string): boolean {
  return text.normalize("NFKC").replace(INVISIBLE, "").replace(/\s+/g, "").length > 0;
}

/** The confusables skeleton of a name (UTS #39: NFD, map look-alikes, NFD), spaces removed. The last
 *  2,048 are kept: every post compares its name with each moderator's, in two cases, and the same
 *  names come back post after post. */
const skeleton = rememberRecent(
  2048,
  (name: string) => name,
  (name: string) => unhomoglyph(normalizeDisplayName(name).normalize("NFD")).normalize("NFD").replace(/\s+/g, ""),
);

/** A key under which look-alike names meet (the skeleton, lower-cased after mapping, so "LoveIace" with
 *  a capital I meets "Lovelace"): stored with reader accounts so a poster's name finds the accounts it
 *  may imitate with one indexed look-up. */
export function lookAlikeKey(name: string): string {
  return skeleton(name).toLowerCase();
}

/** Whether two names would pass for each other on screen (case aside: "MARTA" is Marta too). */
export function namesLookAlike(a: string, b: string): boolean {
  return skeleton(a) === skeleton(b) || skeleton(a.toLowerCase()) === skeleton(b.toLowerCase());
}
