import crypto from "node:crypto";

/** Addresses hashed lately: a poster's requests come from one address, and an HMAC per request is the
 *  costliest part of the HTTP edge for a small post. Bounded: cleared when full. */
const recent = new Map<string, string>();
const RECENT_MAX = 4096;

/** Keyed hash of an address: enough to ban or rate-limit a poster, useless if the database leaks.
 *  The one hash of IPs: requests (http/middleware.ts) and imported comments alike. */
export function hashIp(secret: string, ip: string): string {
  const key = `${secret}\n${ip}`;
  let hash = recent.get(key);
  if (hash === undefined) {
    hash = crypto.createHmac("sha256", secret).update(ip).digest("hex").slice(0, 32);
    if (recent.size >= RECENT_MAX) recent.clear();
    recent.set(key, hash);
  }
  return hash;
}
