// URL normalisation on the WHATWG parser (the one browsers use, so we see the host a click would reach):
// it lower-cases the host, turns IDNs into punycode, drops default ports, reads IPv4 in any spelling.

export function parseUrl(raw: string): URL | null {
  try {
    return new URL(raw.trim());
  } catch {
    return null; // relative or malformed
  }
}

/** The URL as a browser would request it, fragment kept; null when it does not parse. */
export function normalizeUrl(raw: string): string | null {
  const url = parseUrl(raw);
  if (!url) return null;
  // "example.com." names the same host as "example.com".
  if (url.hostname.endsWith(".")) url.hostname = url.hostname.slice(0, -1);
  // A bare "?" or "#" carries nothing.
  if (url.search === "") url.search = "";
  if (url.hash === "") url.hash = "";
  return url.href;
}

/**
 * The key a link check is cached under: the normalised URL without its fragment, since
 * `page#a` and `page#b` fetch the same document (the fragment stays in normalizeUrl's result).
 */
export function urlCacheKey(raw: string): string | null {
  const normalized = normalizeUrl(raw);
  if (normalized === null) return null;
  const url = new URL(normalized);
  url.hash = "";
  return url.href;
}
