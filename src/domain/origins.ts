// Web origins as a site's embed allow-list holds them: exactly scheme://host[:port], the form a
// browser sends in its Origin header, so that checking a request is a plain string comparison.

export const MAX_ALLOWED_ORIGINS = 50;

export type OriginCheck = { ok: true; origin: string } | { ok: false; reason: string };

/**
 * Accepts "https://blog.example.com" or "http://localhost:8080" (one trailing "/" is forgiven) and
 * returns the canonical origin (lower-case host, punycode, default port dropped). Refuses paths,
 * queries, fragments, credentials, wildcards and every scheme but http and https.
 */
export function parseOrigin(input: string): OriginCheck {
  const text = input.trim();
  const shape = /^(https?):\/\/([^/?#\\@\s*]+)\/?$/i.exec(text);
  if (!shape) {
    if (/^https?:\/\/[^/?#]+[/?#]./i.test(text))
      return { ok: false, reason: "An origin has no path, query or fragment: use scheme://host[:port]." };
    if (text.includes("*")) return { ok: false, reason: "Wildcards are not allowed: list each origin." };
    return { ok: false, reason: "Use scheme://host[:port] with http or https, e.g. https://blog.example.com." };
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: "This is not a valid web origin." };
  }
  if (!url.hostname || url.origin === "null") return { ok: false, reason: "This is not a valid web origin." };
  return { ok: true, origin: url.origin };
}

/** Whether `origin` (a request's Origin header) is on the list. Both sides are canonical origins. */
export function originAllowed(allowed: unknown, origin: string): boolean {
  return Array.isArray(allowed) && allowed.includes(origin);
}

/** The origins stored on a Site row (a JSON column), as strings. */
export function storedOrigins(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/**
 * Whether a browser connection (a socket handshake) may read a site's thread: no Origin header (not a
 * browser page), Parley's own host, or an origin on the site's allow-list.
 */
export function connectionMayRead(origin: string | undefined, host: string | undefined, allowed: unknown): boolean {
  if (!origin) return true;
  try {
    if (new URL(origin).host === host) return true;
  } catch {
    return false; // "null" (sandboxed frames, file:) or garbage
  }
  return originAllowed(allowed, origin);
}
