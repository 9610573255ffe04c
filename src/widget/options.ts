// What a host page may pass (data attributes or Parley.init options), checked before use. Every
// value is used as text or as a URL query parameter, never as markup, and malformed ones are refused
// with a console message rather than sent on.
import { pickLang, type Lang } from "../client/i18n/languages.ts";
import { pageKeyOfUrl } from "../domain/page-key.ts";

export type Theme = "auto" | "light" | "dark";
export type Sort = "oldest" | "newest";

export type WidgetOptions = {
  site: string;
  page: string;
  title: string;
  url: string;
  theme: Theme;
  sort: Sort;
  /** The reader's language: data-parley-lang, else the host page's <html lang>, else English. */
  lang: Lang;
};

export type RawOptions = {
  site?: unknown;
  thread?: unknown;
  title?: unknown;
  theme?: unknown;
  sort?: unknown;
  lang?: unknown;
};

export const SITE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function checkOptions(raw: RawOptions, doc: Document): WidgetOptions | { error: string } {
  const site = typeof raw.site === "string" ? raw.site.trim() : "";
  if (!SITE_ID.test(site))
    return { error: "data-parley-site (or the site option) must be the site id Parley gave you." };
  const url = canonicalUrl(doc);
  const page = typeof raw.thread === "string" && raw.thread.trim() ? raw.thread.trim() : url;
  if (page.length > 500 || /[\u0000-\u001f\u007f]/.test(page))
    return { error: "data-parley-thread must be at most 500 printable characters." };
  const title = (typeof raw.title === "string" && raw.title.trim() ? raw.title : doc.title).trim().slice(0, 200);
  const theme = raw.theme === "light" || raw.theme === "dark" ? raw.theme : "auto";
  const sort = raw.sort === "newest" ? "newest" : "oldest";
  const lang = pickLang([typeof raw.lang === "string" ? raw.lang : null, doc.documentElement.lang]);
  return { site, page, title, url, theme, sort, lang };
}

/** The page's canonical URL (<link rel=canonical>, else the location) without query or fragment. */
export function canonicalUrl(doc: Document): string {
  const link = doc.querySelector<HTMLLinkElement>('link[rel="canonical"]');
  return pageIdOf(link?.href || doc.location.href) ?? pageIdOf(doc.location.href) ?? "";
}

/** An http(s) URL without query or fragment (WordPress's `?p=N` kept: domain/page-key.ts), or null. */
export function pageIdOf(href: string): string | null {
  return pageKeyOfUrl(href);
}
