// The console's German words as their own bundle (public/js/moderate-de.js, i18n/load-catalog.ts): its
// catalog and the readers' words it quotes (a link's check state).
import { de as consoleWords } from "../i18n/console/de.ts";
import { de as readerWords } from "../i18n/de.ts";
import type { ConsoleWords } from "./lang.ts";

export const messages: ConsoleWords = { t: consoleWords, readerWords };
