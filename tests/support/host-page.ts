// A stand-in for another website: a tiny HTTP server on its own port (so its own origin) that serves
// one HTML page embedding Parley's script tag, under a strict CSP with no 'unsafe-inline', as a
// careful host site would.
import { listen } from "./listen.ts";

export type HostPageOptions = {
  parleyUrl: string;
  siteId: string;
  thread?: string;
  title?: string;
  theme?: string;
  extraBody?: string;
  /** More files on the same origin (a list page, a single-page app and its script), by path. */
  files?: Record<string, () => string>;
  /** More image origins the host's CSP allows (e.g. an identity provider's avatars). */
  imgSrc?: string[];
  /** More CSP directives (e.g. "worker-src blob:", which the widget's proof-of-work solver uses). */
  csp?: string[];
};

const TYPES: Record<string, string> = { html: "text/html; charset=utf-8", js: "text/javascript", css: "text/css" };

export async function serveHostPage(opts: HostPageOptions) {
  const parley = new URL(opts.parleyUrl);
  const csp = [
    "default-src 'self'",
    `script-src 'self' ${parley.origin}`,
    `connect-src 'self' ${parley.origin} ws://${parley.host}`,
    "style-src 'self'",
    ["img-src 'self' data:", ...(opts.imgSrc ?? [])].join(" "),
    ...(opts.csp ?? []),
  ].join("; ");
  const attr = (name: string, value: string | undefined) =>
    value ? ` ${name}="${value.replace(/"/g, "&quot;")}"` : "";
  // Rendered per request: the test registers the site (needing this server's origin) after listening.
  // `?dark` renders the page dark, as a site with a dark theme would.
  const embedAttrs =
    attr("data-parley-thread", opts.thread) +
    attr("data-parley-title", opts.title) +
    attr("data-parley-theme", opts.theme);
  const page = (dark: boolean) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A host blog post</title>
<link rel="stylesheet" href="/host.css"></head>
<body${dark ? ' class="dark"' : ""}><main><h1>A post on someone else's blog</h1><p>Some text before the comments.</p>
${opts.extraBody ?? ""}
<script src="${parley.origin}/embed.js" data-parley-site="${opts.siteId}"${embedAttrs} async></script>
</main></body></html>`;
  // Hostile global styles: none of them may reach into the widget.
  const css =
    "body.dark{background:#15171a;color:#e8e6e3}button{text-transform:uppercase;letter-spacing:.4em;background:hotpink}" +
    "li{list-style:square;color:red}p{text-align:justify}";
  return listen((req, res) => {
    if (req.url === "/host.css") return void res.writeHead(200, { "Content-Type": "text/css" }).end(css);
    if (req.url?.startsWith("/post"))
      return void res
        .writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Security-Policy": csp })
        .end(page(req.url.includes("dark")));
    const path = req.url?.split("?")[0] ?? "";
    const file = opts.files?.[path];
    if (file)
      return void res
        .writeHead(200, {
          "Content-Type": TYPES[path.split(".").pop() ?? ""] ?? TYPES.html,
          "Content-Security-Policy": csp,
        })
        .end(file());
    res.writeHead(404).end();
  });
}
