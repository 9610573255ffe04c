// Prints the widget bundles' sizes, raw and gzipped, and fails when the script a host page loads
// first (embed.js) is over its budget. Run `npm run build:widget` first.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";

const PUBLIC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../public");
const BUDGETS: Record<string, number> = { "embed.js": 15 * 1024, "count.js": 2 * 1024 };
const FILES = [
  "embed.js",
  "count.js",
  "embed-de.js",
  "embed-fr.js",
  "embed-panels.js",
  "embed-post.js",
  "embed-pow.js",
  "embed-live.js",
];

const LOADED: Record<string, string> = {
  "embed-de.js": "loaded beside the thread (German)",
  "embed-fr.js": "loaded beside the thread (French)",
  "embed-panels.js": "loaded on the first edit / delete / report",
  "embed-post.js": "loaded when a reader types, or on Post",
  "embed-pow.js": "loaded when a reader types, on sites asking proof of work",
  "embed-live.js": "loaded after first paint",
};
const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;
let over = false;
console.log("file            raw        gzip       budget (gzip)");
for (const file of FILES) {
  const full = path.join(PUBLIC, file);
  if (!fs.existsSync(full)) {
    console.log(`${file.padEnd(15)} missing: run npm run build:widget`);
    over = true;
    continue;
  }
  const bytes = fs.readFileSync(full);
  const gzip = zlib.gzipSync(bytes, { level: 9 }).length;
  const budget = BUDGETS[file];
  const verdict = budget === undefined ? LOADED[file] : `${kb(budget)} ${gzip <= budget ? "ok" : "OVER"}`;
  if (budget !== undefined && gzip > budget) over = true;
  console.log(`${file.padEnd(15)} ${kb(bytes.length).padEnd(10)} ${kb(gzip).padEnd(10)} ${verdict}`);
}
process.exitCode = over ? 1 : 0;
