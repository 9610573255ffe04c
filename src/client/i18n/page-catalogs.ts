// The catalogs of Parley's own pages: the comment view's words and the pages' own (enPages, …), one
// object per language, for the server (which renders any language). The article page's script bundles
// English and loads another language's as js/article-<lang>.js (article/lang-*.ts, i18n/load-catalog.ts);
// the widget bundles only the comment view's part (widget/messages.ts), and English's `later` words
// only in the bundles that use them.
import { de, dePages } from "./de.ts";
import { en, enLater, enPages, type PageMessages } from "./en.ts";
import { fr, frPages } from "./fr.ts";
import type { Lang } from "./languages.ts";
import type { Messages } from "./messages.ts";

export type PageCatalog = Messages & PageMessages & { lang: Lang };

export const PAGE_CATALOGS: Record<Lang, PageCatalog> = {
  en: { ...en, later: enLater, ...enPages, lang: "en" },
  de: { ...de, ...dePages, lang: "de" },
  fr: { ...fr, ...frPages, lang: "fr" },
};
