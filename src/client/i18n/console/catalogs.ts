// The console's catalogs: the server renders the console's shell with them in the moderator's language
// (Accept-Language), and the console's script speaks the same one (client/console/lang.ts).
import type { Lang } from "../languages.ts";
import { de } from "./de.ts";
import { en } from "./en.ts";
import { fr } from "./fr.ts";
import type { ConsoleMessages } from "./messages.ts";

export const CONSOLE_CATALOGS: Record<Lang, ConsoleMessages> = { en, de, fr };
