// The console's language: the one the server rendered the shell in (<html lang>, from the moderator's
// Accept-Language), so the script's words match the page's from the first paint. `t` is
// its catalog, `readerWords` the readers' catalog in the same language (a link's check state is said in
// the readers' words), `say` fills a sentence, `count` picks the plural form by Intl.PluralRules.
import { CATALOGS } from "../i18n/catalogs.ts";
import { CONSOLE_CATALOGS } from "../i18n/console/catalogs.ts";
import { pickLang } from "../i18n/languages.ts";
import { fill, plural, type PluralForms } from "../i18n/messages.ts";

export const lang = pickLang([document.documentElement.lang]);
export const t = CONSOLE_CATALOGS[lang];
export const readerWords = CATALOGS[lang];

export const say = (template: string, values: Record<string, string | number>): string => fill(template, values);
export const count = (forms: PluralForms, n: number): string => plural(t, forms, n);
