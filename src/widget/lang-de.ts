// The German catalog as its own bundle (public/embed-de.js), loaded by the widget when it speaks German.
export { de as messages } from "../client/i18n/de.ts";
