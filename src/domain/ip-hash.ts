import crypto from "node:crypto";

/** Keyed hash of an address: enough to ban or rate-limit a poster, useless if the database leaks.
 *  The one hash of IPs: requests (http/middleware.ts) and imported comments alike. */
export function hashIp(secret: string, ip: string): string {
  return crypto.createHmac("sha256", secret).update(ip).digest("hex").slice(0, 32);
}
