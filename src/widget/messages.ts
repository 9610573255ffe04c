// The widget's catalog: English is in embed.js; another language's is a small bundle of its own
// (embed-de.js, embed-fr.js: src/widget/lang-*.ts), imported beside the thread so embed.js stays
// within its size budget (i18n/load-catalog.ts). Offline or missing: English.
import { en } from "../client/i18n/en.ts";
import type { Lang } from "../client/i18n/languages.ts";
import { loadCatalog } from "../client/i18n/load-catalog.ts";
import type { Messages } from "../client/i18n/messages.ts";

export async function loadMessages(base: string, lang: Lang): Promise<Messages> {
  return lang === "en" ? en : loadCatalog(`${base}/embed-${lang}.js`, en);
}
