// The languages Parley's pages, widget and catalogs speak (src/client/i18n/ has one catalog each).
// Here, below every layer, so the site settings can offer them.
export const LANGS = ["en", "de", "fr"] as const;
export type Lang = (typeof LANGS)[number];
