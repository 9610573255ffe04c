// Secrets Parley hands out (edit tokens) are stored only as their SHA-256: a database leak reveals none.
import crypto from "node:crypto";

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}
