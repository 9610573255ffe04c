// Why the pipeline held a comment, in a moderator's words. Details come as free text ("3 links, limit 2",
// "words: foo, bar"); known codes get a phrase, unknown ones still show their code and detail.
import type { CommentFlag } from "../../domain/comment.ts";
import { plural } from "./time.ts";

type Phrase = (detail: string | undefined) => string;

const numberAfter = (detail: string | undefined, key: string): number | undefined => {
  const m = typeof detail === "string" ? detail.match(new RegExp(`${key}\\D*(\\d+)`)) : null;
  return m?.[1] !== undefined ? Number(m[1]) : undefined;
};
const colon = (d: string | undefined) => (d ? `: ${d}` : "");
const paren = (d: string | undefined) => (d ? ` (${d})` : "");

const FLAG_TEXT: Record<string, Phrase> = {
  "too-many-links": (d) => {
    const count = numberAfter(d, "") ?? numberAfter(d, "count");
    const limit = numberAfter(d, "limit") ?? numberAfter(d, "max");
    if (count === undefined) return `Too many links${paren(d)}`;
    return limit !== undefined
      ? `${plural(count, "link")} (held at ${limit} or more)`
      : `${plural(count, "link")}, at or over the link limit`;
  },
  "name-like-moderator": (d) => `Name looks like a moderator’s${paren(d)}`,
  "unverified-known-email": () =>
    "Uses a confirmed email address without its owner's proof (posted from a browser that never confirmed it): " +
    "maybe someone imitating a regular. Banning bans the sender's address, not the email",
  "suspect-word": (d) => `Contains a word on the watch list${colon(d)}`,
  "suspect-words": (d) => `Contains words on the watch list${colon(d)}`,
  "banned-word": (d) => `Contains a banned word${colon(d)}`,
  "banned-words": (d) => `Contains banned words${colon(d)}`,
  "first-time-commenter": (d) => `First-time commenter${paren(d)}`,
  "pre-moderate-all": () => "Every comment on this site waits for a moderator",
  "pre-moderation": (d) => `Pre-moderation${colon(d)}`,
  "hold-all": () => "Every comment is held for moderation",
  reported: (d) => `Reported by readers${paren(d)}`,
  "report-threshold": (d) => `Reported by readers${paren(d)}`,
  edited: (d) => `Edited after posting${paren(d)}`,
  "broken-link": (d) => `Cites a broken link${colon(d)}`,
  "broken-citation": (d) => `Cites a broken link${colon(d)}`,
  "unchecked-links": (d) => `Links not checked yet${paren(d)}`,
  "spam-score": (d) => `Looks like spam to the learned model (score ${String(d ?? "").split(":")[0]})`,
  // The citation checks' codes (src/citations/citation-verdict.ts).
  "citation-unresolved": (d) => `A citation has no source${colon(d)}`,
  "link-broken": (d) => `Cites a broken link${colon(d)}`,
  "link-denied-domain": (d) => `Links to a blocked domain${colon(d)}`,
  "link-unsafe": (d) => `Unsafe link${colon(d)}`,
  "links-unchecked": (d) => `Links not checked yet${paren(d)}`,
};

export function describeFlag(flag: CommentFlag): string {
  const text = FLAG_TEXT[flag.code];
  if (text) return text(flag.detail);
  const words = flag.code.replace(/[-_]+/g, " ");
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}${colon(flag.detail)}`;
}
