// Session tokens: the cookie carries 32 random bytes; the database only ever sees their SHA-256.
import crypto from "node:crypto";

export const SESSION_COOKIE = "parley_session";

export function newSessionToken(): string {
  return crypto.randomBytes(32).toString("base64url");
}

export function sessionIdOf(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export function newCsrfToken(): string {
  return crypto.randomBytes(24).toString("base64url");
}
