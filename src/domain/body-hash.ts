// The duplicate rule compares a comment's text as the poster meant it: Unicode-normalised (NFKC), trimmed,
// runs of white space as one space. Each comment stores the hash of that form (Comment.bodyHash), so the
// rule is one indexed look-up of the same hash instead of reading and normalising the poster's recent texts.
import crypto from "node:crypto";

/** The text the duplicate rule compares. */
export function normalizeBody(source: string): string {
  return source.normalize("NFKC").trim().replace(/\s+/g, " ");
}

declare const madeByBodyHashOf: unique symbol;
/** A body's hash as bodyHashOf made it, and nothing else: a post hashes its text once and hands the hash
 *  on (to the comment it stores, its lock keys, its duplicate look-up), so the type keeps a string made
 *  some other way (a hash of another normal form, an id) from standing in for it. */
export type BodyHash = string & { readonly [madeByBodyHashOf]: true };

/** The stored hash of the normalised text: SHA-256, first 128 bits, base64url (22 characters). A post
 *  hashes its text once (create-comment.ts) and hands the hash on. */
export function bodyHashOf(source: string): BodyHash {
  return crypto.createHash("sha256").update(normalizeBody(source)).digest("base64url").slice(0, 22) as BodyHash;
}
