// Does a link's #fragment exist on the page? The cache holds one row per page (URL without fragment)
// with the anchors the page offered, so each comment's own fragment is checked here, at read time.
// Pure. Follows the HTML "indicated part of the document" steps: the fragment as written, then
// percent-decoded, against ids and <a name>; "top" is the top of any HTML page.

export type FragmentStatus = "found" | "missing" | "unknown";
/** `fragment` is for display: percent-decoded when that works. */
export type FragmentCheck = { fragment: string; status: FragmentStatus };

const TEXT_DIRECTIVE = ":~:";

/**
 * null when the URL has no fragment to check (none, or "#"). "unknown" when the page's anchors were
 * not recorded (not HTML, not fetched, an older row), when the list is incomplete and lacks the id,
 * and for text fragments (#:~:text=…), which this does not check.
 */
export function checkFragment(url: string, anchors: unknown): FragmentCheck | null {
  const hash = url.indexOf("#");
  if (hash < 0) return null;
  const written = url.slice(hash + 1);
  const directive = written.indexOf(TEXT_DIRECTIVE);
  const raw = directive < 0 ? written : written.slice(0, directive); // "#sec:~:text=x" still scrolls to #sec
  if (raw === "") return directive < 0 ? null : { fragment: written, status: "unknown" };

  const decoded = percentDecode(raw);
  const fragment = decoded ?? raw;
  const recorded = asAnchors(anchors);
  if (!recorded) return { fragment, status: "unknown" };
  const ids = new Set(recorded.ids);
  if (ids.has(raw) || (decoded !== null && ids.has(decoded))) return { fragment, status: "found" };
  if ((decoded ?? raw).toLowerCase() === "top") return { fragment, status: "found" };
  return { fragment, status: recorded.complete ? "missing" : "unknown" };
}

/** The stored LinkCheck.anchors value when it has the expected shape, else null (treated as not recorded). */
export function asAnchors(value: unknown): { ids: string[]; complete: boolean } | null {
  if (typeof value === "string") return asAnchors(parseJson(value)); // SQLite raw queries hand JSON back as text
  if (!value || typeof value !== "object") return null;
  const { ids, complete } = value as { ids?: unknown; complete?: unknown };
  if (!Array.isArray(ids) || typeof complete !== "boolean") return null;
  return { ids: ids.filter((id): id is string => typeof id === "string"), complete };
}

function percentDecode(text: string): string | null {
  if (!text.includes("%")) return null;
  try {
    return decodeURIComponent(text);
  } catch {
    return null; // malformed escapes: only the fragment as written can match
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
