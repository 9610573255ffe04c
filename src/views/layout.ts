// The page frame shared by every server-rendered page. No inline script or style: the CSP forbids them.
import { PAGE_CATALOGS, type PageCatalog } from "../client/i18n/page-catalogs.ts";
import { html, type SafeHtml } from "../render/html.ts";

export type LayoutOptions = {
  title: string;
  description?: string;
  body: SafeHtml;
  scripts?: string[];
  /** Extra stylesheets after parley.css (the console adds its own). */
  styles?: string[];
  bodyClass?: string;
  /** Keep private tools (the moderation console) out of search engines. */
  noindex?: boolean;
  /** The page's one address (absolute), e.g. without ?replytocom or notices. */
  canonical?: string;
  /** The page's language (its words and <html lang>); English when not given (the console). */
  m?: PageCatalog;
};

export function layout({
  title,
  description,
  body,
  scripts = [],
  styles = [],
  bodyClass,
  noindex,
  canonical,
  m = PAGE_CATALOGS.en,
}: LayoutOptions): string {
  return html`<!doctype html>
<html lang="${m.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
${description ? html`<meta name="description" content="${description}">` : ""}
${noindex ? html`<meta name="robots" content="noindex, nofollow">` : ""}
${canonical ? html`<link rel="canonical" href="${canonical}">` : ""}
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/css/parley.css">
${styles.map((href) => html`<link rel="stylesheet" href="${href}">`)}
${scripts.map((src) => html`<script type="module" src="${src}"></script>`)}
</head>
<body class="${bodyClass ?? ""}">
<a class="skip-link" href="#main">${m.skipToContent}</a>
<header class="site-header">
  <div class="wrap">
    <a class="site-title" href="/">Parley</a>
    <p class="site-tagline">${m.tagline}</p>
  </div>
</header>
<main id="main" class="wrap">
${body}
</main>
<footer class="site-footer"><div class="wrap">${m.footerPoweredBy} · <a href="/">${m.allArticles}</a> · <a href="/your-data">${m.yourData}</a></div></footer>
</body>
</html>`.value;
}
