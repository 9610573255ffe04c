// The console's language: the one the server rendered the shell in (<html lang>, from the moderator's
// Accept-Language), so the script's words match the page's from the first paint. English is bundled;
// German and French come as js/moderate-de.js / -fr.js (i18n/load-catalog.ts), awaited here before any
// view runs. `t` is its catalog, `readerWords` the readers' catalog in the same language (a link's check
// state is said in the readers' words), `say` fills a sentence, `count` picks the plural form by
// Intl.PluralRules.
import { en as consoleEnglish } from "../i18n/console/en.ts";
import type { ConsoleMessages } from "../i18n/console/messages.ts";
import { en } from "../i18n/en.ts";
import { pickLang } from "../i18n/languages.ts";
import { loadCatalog } from "../i18n/load-catalog.ts";
import { fill, plural, type Messages, type PluralForms } from "../i18n/messages.ts";

export type ConsoleWords = { t: ConsoleMessages; readerWords: Messages };

export const lang = pickLang([document.documentElement.lang]);
const english: ConsoleWords = { t: consoleEnglish, readerWords: en };
const words = lang === "en" ? english : await loadCatalog(`/static/js/moderate-${lang}.js`, english);
export const t = words.t;
export const readerWords = words.readerWords;

export const say = (template: string, values: Record<string, string | number>): string => fill(template, values);
export const count = (forms: PluralForms, n: number): string => plural(t, forms, n);
