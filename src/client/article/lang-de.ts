// The article page's German words as their own bundle (public/js/article-de.js, i18n/load-catalog.ts).
import { de, dePages } from "../i18n/de.ts";
import type { PageCatalog } from "../i18n/page-catalogs.ts";

export const messages: PageCatalog = { ...de, ...dePages, lang: "de" };
