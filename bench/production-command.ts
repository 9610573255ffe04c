// The command `npm start` runs (package.json: `exec node <flags> dist/main.js`), for benchmarks that
// measure the production build rather than the sources through tsx. buildServer() compiles dist/ first,
// so a run always measures the current sources.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");

/** The node flags of the start script, e.g. ["--max-semi-space-size=2", "--optimize-for-size"]. */
export function startFlags(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: { start: string } };
  const words = pkg.scripts.start.split(/\s+/);
  return words.slice(words.indexOf("node") + 1, words.indexOf("dist/main.js"));
}

/** [node, ...start flags, dist/main.js]: startServerProcess's `command` for the production server. */
export function productionCommand(): [string, ...string[]] {
  return [process.execPath, ...startFlags(), "dist/main.js"];
}

/** npm run build:server, quietly (its output only when it fails). */
export function buildServer(): void {
  execFileSync("npm", ["run", "--silent", "build:server"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
}
