// The console's language, chosen once from the moderator's browser (src/client/i18n/console/): `t` is
// its catalog, `readerWords` the readers' catalog in the same language (a link's check state is said in
// the readers' words), `say` fills a sentence, `count` picks the plural form by Intl.PluralRules.
import { CATALOGS } from "../i18n/catalogs.ts";
import { CONSOLE_CATALOGS, consoleLang } from "../i18n/console/catalogs.ts";
import { fill, plural, type PluralForms } from "../i18n/messages.ts";

export const lang = consoleLang(navigator);
export const t = CONSOLE_CATALOGS[lang];
export const readerWords = CATALOGS[lang];

export const say = (template: string, values: Record<string, string | number>): string => fill(template, values);
export const count = (forms: PluralForms, n: number): string => plural(t, forms, n);
