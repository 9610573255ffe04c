// Bundles the embeddable widget (src/widget/) into public/ with esbuild:
//   embed.js       the script host pages load first (classic script, IIFE) — size-budgeted
//   count.js       comment counts for list pages
//   embed-live.js  live updates with the socket.io client (ES module, imported after first paint)
// Run by `npm run build` (and so by npm install / npm ci); `npm run build:widget` alone rebuilds it.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build, type BuildOptions } from "esbuild";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const src = (file: string) => path.join(ROOT, "src/widget", file);
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
  const bundles: [BuildOptions, string][] = [
    [{ entryPoints: [src("embed.ts")], outfile: out("embed.js"), format: "iife" }, "embed.js"],
    [{ entryPoints: [src("count-entry.ts")], outfile: out("count.js"), format: "iife" }, "count.js"],
    [{ entryPoints: [src("live.ts")], outfile: out("embed-live.js"), format: "esm" }, "embed-live.js"],
  ];
  await Promise.all(bundles.map(([options]) => build({ ...common, ...options })));
  return bundles.map(([, name]) => name);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const built = await buildWidget();
  console.log(`widget built: ${built.map((f) => `public/${f}`).join(", ")}`);
}
