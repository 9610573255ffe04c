// The dashboard's words: hold reasons (the pipeline's flag codes) and durations.

const HOLD_REASONS: Record<string, string> = {
  "spam-score": "Learned spam score",
  "too-many-links": "Too many links",
  "suspect-word": "Word on the watch list",
  "banned-word": "Banned word",
  "name-like-moderator": "Name like a moderator’s",
  "name-like-reader": "Name like a signed-in reader’s",
  "unverified-known-email": "Known email without its proof",
  reported: "Readers’ reports",
  "citation-unresolved": "Citation without a source",
  "link-broken": "Broken cited link",
  "link-denied-domain": "Blocked domain",
  "link-unsafe": "Unsafe link",
  "links-unchecked": "Links not checked yet",
};

/** A flag code in words; an unknown code as its words ("some-rule" → "Some rule"). */
export function describeHoldReason(code: string): string {
  const known = HOLD_REASONS[code];
  if (known) return known;
  const words = code.replace(/[-_]+/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "45 s", "12 min", "3 h 20 min", "2 d 4 h". */
export function describeDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

/** The unit a chart of durations up to `maxSeconds` reads best in. */
export function durationUnit(maxSeconds: number): { name: string; short: string; seconds: number } {
  if (maxSeconds < 2 * 60) return { name: "seconds", short: "s", seconds: 1 };
  if (maxSeconds < 2 * 3600) return { name: "minutes", short: "m", seconds: 60 };
  if (maxSeconds < 3 * 86400) return { name: "hours", short: "h", seconds: 3600 };
  return { name: "days", short: "d", seconds: 86400 };
}
