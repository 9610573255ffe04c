// The key of an embedded page's thread when the host page names none: its canonical URL without the
// query or fragment — except WordPress's own page ids (`?p=123`, `?page_id=7`), which ARE the page on a
// blog with plain permalinks (dropping them would put every post in the home page's thread). Shared by
// the widget and the importer, so imported threads sit where the widget looks for them.
const PAGE_ID_PARAMS = ["p", "page_id"];

export function pageKeyOfUrl(href: string): string | null {
  let u: URL;
  try {
    u = new URL(href);
  } catch {
    return null;
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return null;
  const kept = PAGE_ID_PARAMS.map((name) => [name, u.searchParams.get(name)] as const).find(
    ([, value]) => value !== null && /^\d+$/.test(value),
  );
  u.search = kept ? `?${kept[0]}=${kept[1]}` : "";
  u.hash = "";
  return u.href;
}
