// The French catalog as its own bundle (public/embed-fr.js), loaded by the widget when it speaks French.
export { fr as messages } from "../client/i18n/fr.ts";
