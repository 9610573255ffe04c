// Every catalog, for the server (which renders any language). The widget bundles English only and
// loads another language's catalog (embed-de.js, embed-fr.js) alongside the thread.
import { de } from "./de.ts";
import { en } from "./en.ts";
import { fr } from "./fr.ts";
import type { Lang } from "./languages.ts";
import type { Messages } from "./messages.ts";

export const CATALOGS: Record<Lang, Messages> = { en, de, fr };
