// The console's French words as their own bundle (public/js/moderate-fr.js, i18n/load-catalog.ts): its
// catalog and the readers' words it quotes (a link's check state).
import { fr as consoleWords } from "../i18n/console/fr.ts";
import { fr as readerWords } from "../i18n/fr.ts";
import type { ConsoleWords } from "./lang.ts";

export const messages: ConsoleWords = { t: consoleWords, readerWords };
