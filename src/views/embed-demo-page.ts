// /embed-demo: a stand-in for a host site's article page, showing the embed tag in use (on the
// "default" site, so it works on a fresh install) and a comment-count link. It is served under
// Parley's own strict CSP, which also shows the widget needs no inline script or style.
import type { Lang } from "../client/i18n/languages.ts";
import { html } from "../render/html.ts";

export type DemoTheme = "auto" | "light" | "dark";

const DEMO_EMBED_ATTRS = html`data-parley-site="default" data-parley-thread="embed-demo" data-parley-title="Parley embed demo"`;

export function renderEmbedDemoPage(opts: { parleyOrigin: string; theme?: DemoTheme; lang?: Lang }): string {
  const theme = opts.theme ?? "auto";
  const snippet = `<div id="parley-thread"></div>
<script src="${opts.parleyOrigin}/embed.js" data-parley-site="SITE_ID" async></script>`;
  return html`<!doctype html>
<html lang="${opts.lang ?? "en"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Embedding Parley · demo host page</title>
<link rel="canonical" href="${opts.parleyOrigin}/embed-demo">
<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/static/css/embed-demo.css">
</head>
<body data-theme="${theme}">
<header class="demo-header"><span class="demo-logo">The Example Gazette</span>
  <nav><a href="?theme=light">Light</a> · <a href="?theme=dark">Dark</a> · <a href="?">Auto</a></nav></header>
<main class="demo-main">
  <article>
    <p class="demo-kicker">Demo host page</p>
    <h1>One script tag, a whole discussion</h1>
    <p class="demo-meta">This page stands in for any website · <a href="#parley-thread" data-parley-count="embed-demo">comments</a></p>
    <p>Parley's widget puts a moderated, threaded discussion under any page. It renders inside a Shadow DOM, so this
    page's styles cannot reach it, takes its colours from CSS custom properties, follows the reader's light or dark
    preference, and updates live when others comment.</p>
    <h2>Add it to your site</h2>
    <p>Register the site (its name and the origins allowed to embed it) in Parley's admin API, then paste:</p>
    <pre><code>${snippet}</code></pre>
    <p>Optional attributes: <code>data-parley-thread</code> (your page id; defaults to the canonical URL),
    <code>data-parley-title</code>, <code>data-parley-theme</code> (<code>light</code>, <code>dark</code>) and
    <code>data-parley-sort</code> (<code>newest</code>). On a list page, mark links with
    <code>data-parley-count="page id"</code> and load <code>/count.js</code> to show their comment counts.</p>
  </article>
  <section class="demo-comments" aria-label="Discussion">
    <div id="parley-thread"></div>
  </section>
</main>
<script src="/embed.js" ${DEMO_EMBED_ATTRS} data-parley-theme="${theme}" async></script>
</body>
</html>`.value;
}
