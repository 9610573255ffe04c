// Small, shared clean-ups of what export files hold: names encoded as HTML by the source, emails with
// stray whitespace, websites that are not web addresses, and the dates each format writes.
import { decodeHTMLStrict } from "entities";

/** WordPress stores names and titles HTML-encoded (`&laquo;`, `&#8217;`): decoded exactly once. */
export function decodeOnce(text: string): string {
  return decodeHTMLStrict(text).trim();
}

export function cleanEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

/** An http(s) address, or null (WordPress keeps "http://" for an empty field). */
export function cleanWebsite(raw: string): string | null {
  const text = raw.trim();
  if (!text) return null;
  try {
    const url = new URL(text);
    if ((url.protocol !== "http:" && url.protocol !== "https:") || !url.hostname) return null;
    return url.href.slice(0, 2000);
  } catch {
    return null;
  }
}

const WP_DATE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** "2019-03-04 12:34:56" read as UTC; null for "0000-00-00 00:00:00", empty, or anything malformed. */
export function parseWordPressDate(raw: string): Date | null {
  const m = WP_DATE.exec(raw.trim());
  if (!m || m[1] === "0000") return null;
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
  return Number.isNaN(d.getTime()) || d.getUTCDate() !== Number(m[3]) ? null : d;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** Disqus writes ISO 8601 with a zone ("2013-01-01T12:00:00Z"); anything else is malformed. */
export function parseIsoDate(raw: string): Date | null {
  const text = raw.trim();
  if (!ISO_DATE.test(text)) return null;
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** An RFC 822 date as in RSS `<pubDate>`. */
export function parseRssDate(raw: string): Date | null {
  const text = raw.trim();
  if (!text) return null;
  const d = new Date(text);
  return Number.isNaN(d.getTime()) ? null : d;
}
