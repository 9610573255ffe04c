// The duplicate rule compares a comment's text as the poster meant it: Unicode-normalised (NFKC), trimmed,
// runs of white space as one space. Each comment stores the hash of that form (Comment.bodyHash), so the
// rule is one indexed look-up of the same hash instead of reading and normalising the poster's recent texts.
import crypto from "node:crypto";
import { rememberRecent } from "./recent-results.ts";

/** The text the duplicate rule compares. */
export function normalizeBody(source: string): string {
  return source.normalize("NFKC").trim().replace(/\s+/g, " ");
}

/** The stored hash of the normalised text: SHA-256, first 128 bits, base64url (22 characters). A post
 *  hashes its text up to four times (its lock key, the duplicate phase, its count update's duplicate
 *  check, the insert), each from its own module: the last 16 are kept. */
export const bodyHashOf: (source: string) => string = rememberRecent(
  16,
  (source: string) => source,
  (source: string) => crypto.createHash("sha256").update(normalizeBody(source)).digest("base64url").slice(0, 22),
);
