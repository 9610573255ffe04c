// Bundles all browser code (src/client/, src/widget/) into public/ with esbuild:
//   embed.js       the widget: the script host pages load first (classic script, IIFE) — size-budgeted
//   count.js       comment counts for list pages
//   embed-panels.js  the widget's edit / delete / report panels (ES module, loaded on the first click)
//   embed-post.js  the widget's posting: field errors, the call, placing the new comment (ES module, loaded
//                  when a reader starts typing, or on Post)
//   embed-pow.js   the widget's proof-of-work solver (ES module, loaded when a reader starts typing, on sites asking it)
//   embed-de.js, embed-fr.js  the widget's German and French catalogs (ES modules, loaded beside the thread)
//   js/article-de.js, js/article-fr.js, js/moderate-de.js, js/moderate-fr.js  the article page's and the
//                  console's German and French words, the same way (src/client/i18n/load-catalog.ts)
//   embed-live.js  the widget's live updates with the socket.io client (ES module, imported after first paint)
//   js/article.js  the article page's script (ES module; live updates load js/socket-client.js)
//   js/socket-client.js  the socket.io client for the article page and the console (ES module, loaded on demand)
//   js/proof-of-work-worker.js  the solver's Web Worker (the page loads it by URL; embed-pow.js inlines it)
//   js/sign-in-popup.js  the sign-in popup's last page
//   js/moderate.js  the moderation console (ES module)
// Run by `npm run build` (and so by npm install / npm ci); `npm run build:widget` alone rebuilds them.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build, type BuildOptions } from "esbuild";
import { LANGS } from "../src/domain/languages.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const src = (file: string) => path.join(ROOT, "src/widget", file);
const client = (file: string) => path.join(ROOT, "src/client", file);
const out = (file: string) => path.join(ROOT, "public", file);

const common: BuildOptions = {
  bundle: true,
  minify: true,
  sourcemap: "linked",
  target: ["chrome100", "firefox100", "safari15"],
  platform: "browser",
  legalComments: "none",
  logLevel: "warning",
};

export async function buildWidget(): Promise<string[]> {
  // The worker first: embed-pow.js carries its text, to start it from a blob: URL on other origins.
  const worker: BuildOptions = {
    entryPoints: [client("proof-of-work/solver-worker.ts")],
    outfile: out("js/proof-of-work-worker.js"),
    format: "iife",
  };
  await build({ ...common, ...worker });
  const workerSource = fs
    .readFileSync(out("js/proof-of-work-worker.js"), "utf8")
    .replace(/\n\/\/# sourceMappingURL=.*\n?$/, "\n");
  const bundles: [BuildOptions, string][] = [
    [{ entryPoints: [src("embed.ts")], outfile: out("embed.js"), format: "iife" }, "embed.js"],
    [{ entryPoints: [src("count-entry.ts")], outfile: out("count.js"), format: "iife" }, "count.js"],
    [{ entryPoints: [src("live.ts")], outfile: out("embed-live.js"), format: "esm" }, "embed-live.js"],
    [{ entryPoints: [src("comment-panels.ts")], outfile: out("embed-panels.js"), format: "esm" }, "embed-panels.js"],
    [{ entryPoints: [src("post-comment.ts")], outfile: out("embed-post.js"), format: "esm" }, "embed-post.js"],
    // Each language but English as its own bundle per script (English is in the script itself).
    ...LANGS.filter((lang) => lang !== "en").flatMap((lang): [BuildOptions, string][] => [
      [{ entryPoints: [src(`lang-${lang}.ts`)], outfile: out(`embed-${lang}.js`), format: "esm" }, `embed-${lang}.js`],
      [
        { entryPoints: [client(`article/lang-${lang}.ts`)], outfile: out(`js/article-${lang}.js`), format: "esm" },
        `js/article-${lang}.js`,
      ],
      [
        { entryPoints: [client(`console/lang-${lang}.ts`)], outfile: out(`js/moderate-${lang}.js`), format: "esm" },
        `js/moderate-${lang}.js`,
      ],
    ]),
    [{ entryPoints: [client("article/main.ts")], outfile: out("js/article.js"), format: "esm" }, "js/article.js"],
    [
      { entryPoints: [client("live/socket-client-entry.ts")], outfile: out("js/socket-client.js"), format: "esm" },
      "js/socket-client.js",
    ],
    [
      {
        entryPoints: [src("proof-of-work.ts")],
        outfile: out("embed-pow.js"),
        format: "esm",
        define: { POW_WORKER_SOURCE: JSON.stringify(workerSource) },
      },
      "embed-pow.js",
    ],
    [
      { entryPoints: [client("article/sign-in-popup.ts")], outfile: out("js/sign-in-popup.js"), format: "esm" },
      "js/sign-in-popup.js",
    ],
    [{ entryPoints: [client("console/main.ts")], outfile: out("js/moderate.js"), format: "esm" }, "js/moderate.js"],
  ];
  await Promise.all(bundles.map(([options]) => build({ ...common, ...options })));
  return ["js/proof-of-work-worker.js", ...bundles.map(([, name]) => name)];
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const built = await buildWidget();
  console.log(`widget built: ${built.map((f) => `public/${f}`).join(", ")}`);
}
