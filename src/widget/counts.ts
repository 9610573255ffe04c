// Fills every `data-parley-count` element on a page (a blog's index, say) with its page's comment
// count, in ONE request. The attribute holds the page id; when empty, the element's link (without
// query or fragment) is the id, as for the widget's default.
import { createApi } from "./api.ts";
import { pageIdOf } from "./options.ts";

export async function fillCounts(base: string, site: string, root: ParentNode = document): Promise<void> {
  const targets = new Map<string, Element[]>();
  for (const el of root.querySelectorAll("[data-parley-count]")) {
    const explicit = el.getAttribute("data-parley-count")?.trim();
    const key = explicit || pageIdOf((el as HTMLAnchorElement).href ?? "");
    if (!key || key.length > 500) continue;
    targets.set(key, [...(targets.get(key) ?? []), el]);
  }
  const pages = [...targets.keys()].slice(0, 100);
  if (!pages.length) return;
  try {
    const { counts } = await createApi(base).get<{ counts: Record<string, number> }>("/api/embed/counts", {
      site,
      page: pages,
    });
    for (const [key, els] of targets) {
      const n = counts[key];
      if (typeof n !== "number") continue;
      for (const el of els) el.textContent = n === 1 ? "1 comment" : `${n} comments`;
    }
  } catch (e) {
    console.warn("Parley: comment counts could not be loaded.", e);
  }
}
