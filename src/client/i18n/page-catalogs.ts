// The catalogs of Parley's own pages: the comment view's words and the pages' own (enPages, …), one
// object per language. The server renders any language with them; the article page's script takes
// the page's <html lang>. (The widget bundles only the comment view's part: see widget/messages.ts.)
import { de, dePages } from "./de.ts";
import { en, enPages, type PageMessages } from "./en.ts";
import { fr, frPages } from "./fr.ts";
import { pickLang, type Lang } from "./languages.ts";
import type { Messages } from "./messages.ts";

export type PageCatalog = Messages & PageMessages & { lang: Lang };

export const PAGE_CATALOGS: Record<Lang, PageCatalog> = {
  en: { ...en, ...enPages, lang: "en" },
  de: { ...de, ...dePages, lang: "de" },
  fr: { ...fr, ...frPages, lang: "fr" },
};

/** The catalog of a page whose <html lang> is `tag` (English when Parley does not speak it). */
export function catalogForTag(tag: string | null | undefined): PageCatalog {
  return PAGE_CATALOGS[pickLang([tag])];
}
