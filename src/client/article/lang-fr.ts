// The article page's French words as their own bundle (public/js/article-fr.js, i18n/load-catalog.ts).
import { fr, frPages } from "../i18n/fr.ts";
import type { PageCatalog } from "../i18n/page-catalogs.ts";

export const messages: PageCatalog = { ...fr, ...frPages, lang: "fr" };
