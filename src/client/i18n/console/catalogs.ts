// The console's catalogs, all bundled (the console is one script for signed-in moderators), and the
// one it speaks: the moderator's browser language (navigator.language, then navigator.languages) when
// there is a catalog for it, English otherwise.
import { pickLang, type Lang } from "../languages.ts";
import { de } from "./de.ts";
import { en } from "./en.ts";
import { fr } from "./fr.ts";
import type { ConsoleMessages } from "./messages.ts";

export const CONSOLE_CATALOGS: Record<Lang, ConsoleMessages> = { en, de, fr };

export function consoleLang(nav: { language?: string; languages?: readonly string[] }): Lang {
  return pickLang([nav.language, ...(nav.languages ?? [])]);
}
