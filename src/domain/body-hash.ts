// The duplicate rule compares a comment's text as the poster meant it: Unicode-normalised (NFKC), trimmed,
// runs of white space as one space. Each comment stores the hash of that form (Comment.bodyHash), so the
// rule is one indexed look-up of the same hash instead of reading and normalising the poster's recent texts.
import crypto from "node:crypto";

/** The text the duplicate rule compares. */
export function normalizeBody(source: string): string {
  return source.normalize("NFKC").trim().replace(/\s+/g, " ");
}

/** A post hashes its text up to four times (its lock key, the duplicate phase, its count update's
 *  duplicate check, the insert), each from its own module: the last few, kept. */
const recent = new Map<string, string>();
const RECENT_MAX = 16;

/** The stored hash of the normalised text: SHA-256, first 128 bits, base64url (22 characters). */
export function bodyHashOf(source: string): string {
  let hash = recent.get(source);
  if (hash === undefined) {
    hash = crypto.createHash("sha256").update(normalizeBody(source)).digest("base64url").slice(0, 22);
    if (recent.size >= RECENT_MAX) recent.delete(recent.keys().next().value!);
    recent.set(source, hash);
  }
  return hash;
}
