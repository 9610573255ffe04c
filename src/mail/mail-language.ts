// The catalog a mail is written with: the language kept in the mail's data (the reader's page language
// when they asked for it or subscribed), English when none or an unknown one is kept.
import { LANGS, type Lang } from "../domain/languages.ts";
import { mailMessagesDe } from "./messages-de.ts";
import { mailMessagesFr } from "./messages-fr.ts";
import { mailMessages, type MailMessages, type ReaderMailMessages } from "./messages.ts";

const READER_CATALOGS: Record<Exclude<Lang, "en">, ReaderMailMessages> = { de: mailMessagesDe, fr: mailMessagesFr };

export function mailLanguage(lang: unknown): Lang {
  return (LANGS as readonly unknown[]).includes(lang) ? (lang as Lang) : "en";
}

/** The mail catalog in `lang` (moderators' strings stay English in every language). */
export function mailMessagesIn(lang: Lang): MailMessages {
  return lang === "en" ? mailMessages : { ...mailMessages, ...READER_CATALOGS[lang] };
}
