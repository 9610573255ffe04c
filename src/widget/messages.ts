// The widget's catalog: English is in embed.js; another language's is a small bundle of its own
// (embed-de.js, embed-fr.js: src/widget/lang-*.ts), imported beside the thread so embed.js stays
// within its size budget. Offline or missing: English.
import { en } from "../client/i18n/en.ts";
import type { Lang } from "../client/i18n/languages.ts";
import type { Messages } from "../client/i18n/messages.ts";

export async function loadMessages(base: string, lang: Lang): Promise<Messages> {
  if (lang === "en") return en;
  try {
    return ((await import(`${base}/embed-${lang}.js`)) as { messages: Messages }).messages;
  } catch {
    return en;
  }
}
