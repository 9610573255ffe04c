// The languages Parley speaks and how a reader's language is picked: the first of their preferred
// tags (data-parley-lang, the host page's lang, Accept-Language) that has a catalog, else English.
import { LANGS, type Lang } from "../../domain/languages.ts";

export { LANGS, type Lang };

export function pickLang(tags: readonly (string | null | undefined)[]): Lang {
  for (const tag of tags) {
    const base = (tag ?? "").trim().toLowerCase().split(/[-_]/)[0];
    if ((LANGS as readonly string[]).includes(base ?? "")) return base as Lang;
  }
  return "en";
}

/** Accept-Language's tags, most preferred first ("de-CH,de;q=0.9,en;q=0.5"). */
export function acceptLanguageTags(header: string | undefined): string[] {
  return (header ?? "")
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = Number(
        params
          .find((p) => p.trim().startsWith("q="))
          ?.trim()
          .slice(2) ?? 1,
      );
      return { tag: tag.trim(), q: Number.isFinite(q) ? q : 0 };
    })
    .filter((t) => t.tag && t.tag !== "*" && t.q > 0)
    .sort((a, b) => b.q - a.q)
    .map((t) => t.tag);
}
