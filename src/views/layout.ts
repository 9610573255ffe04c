// The page frame shared by every server-rendered page. No inline script or style: the CSP forbids them.
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
}: LayoutOptions): string {
  return html`<!doctype html>
<html lang="en">
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
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
  <div class="wrap">
    <a class="site-title" href="/">Parley</a>
    <p class="site-tagline">Informed comments and corrections</p>
  </div>
</header>
<main id="main" class="wrap">
${body}
</main>
<footer class="site-footer"><div class="wrap">Comments powered by Parley · <a href="/">All articles</a> · <a href="/your-data">Your data</a></div></footer>
</body>
</html>`.value;
}

// Formatted by hand rather than with Intl.DateTimeFormat: its ICU calendar and time zone data cost the
// server ~8 MB of resident memory for two fixed English formats (README "Production start").
const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** "October 11, 2017" (UTC). */
export const formatDate = (d: Date): string => `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
/** WordPress style: "October 11, 2017 at 3:00 pm" (UTC). */
export const formatDateTime = (d: Date): string => {
  const hour = d.getUTCHours();
  const minutes = String(d.getUTCMinutes()).padStart(2, "0");
  return `${formatDate(d)} at ${hour % 12 || 12}:${minutes} ${hour < 12 ? "am" : "pm"}`;
};
