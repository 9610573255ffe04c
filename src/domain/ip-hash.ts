import crypto from "node:crypto";
import { rememberRecent } from "./recent-results.ts";

/** Keyed hash of an address: enough to ban or rate-limit a poster, useless if the database leaks.
 *  The one hash of IPs: requests (http/middleware.ts) and imported comments alike. The last 4,096 are
 *  kept: a poster's requests come from one address, and an HMAC per request is the costliest part of
 *  the HTTP edge for a small post. */
export const hashIp: (secret: string, ip: string) => string = rememberRecent(
  4096,
  (secret: string, ip: string) => `${secret}\n${ip}`,
  (secret: string, ip: string) => crypto.createHmac("sha256", secret).update(ip).digest("hex").slice(0, 32),
);
