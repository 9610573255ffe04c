// The duplicate rule compares a comment's text as the poster meant it: Unicode-normalised (NFKC), trimmed,
// runs of white space as one space. Each comment stores the hash of that form (Comment.bodyHash), so the
// rule is one indexed look-up of the same hash instead of reading and normalising the poster's recent texts.
import crypto from "node:crypto";

/** The text the duplicate rule compares. */
export function normalizeBody(source: string): string {
  return source.normalize("NFKC").trim().replace(/\s+/g, " ");
}

/** The stored hash of the normalised text: SHA-256, first 128 bits, base64url (22 characters). A post
 *  hashes its text once (create-comment.ts) and hands the hash on. */
export function bodyHashOf(source: string): string {
  return crypto.createHash("sha256").update(normalizeBody(source)).digest("base64url").slice(0, 22);
}
