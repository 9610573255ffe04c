// Signed tokens for mail links and the email-proof cookie: base64url(JSON payload) + "." + HMAC-SHA256,
// keyed by MAIL_SIGNING_SECRET and bound to a purpose, so a token made for one use never serves another.
// Nothing is stored: a link works as long as the secret stays the same (and until `exp`, when set).
import crypto from "node:crypto";

export type TokenPurpose = "confirm" | "unsubscribe" | "email-proof" | "your-data";

function mac(secret: string, purpose: TokenPurpose, body: string): string {
  return crypto.createHmac("sha256", secret).update(`${purpose}\n${body}`).digest("base64url");
}

export function signToken(secret: string, purpose: TokenPurpose, payload: Record<string, unknown>): string {
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `${body}.${mac(secret, purpose, body)}`;
}

/** The payload, or null when the token is malformed, forged, made for another purpose or expired (`exp`, ms). */
export function verifyToken<T extends Record<string, unknown>>(
  secret: string,
  purpose: TokenPurpose,
  token: unknown,
  now: Date,
): T | null {
  if (typeof token !== "string" || token.length > 2000) return null;
  const [body, sig, extra] = token.split(".");
  if (!body || !sig || extra !== undefined) return null;
  const expected = Buffer.from(mac(secret, purpose, body));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
  try {
    const payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as T;
    if (!payload || typeof payload !== "object") return null;
    if (typeof payload.exp === "number" && payload.exp < now.getTime()) return null;
    return payload;
  } catch {
    return null;
  }
}
