// The shape of a console catalog: English (en.ts) defines it, German and French follow it key for key.
import type { en } from "./en.ts";

export type ConsoleMessages = typeof en;
