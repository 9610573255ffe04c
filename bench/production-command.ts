// The command `npm start` runs (package.json: `<NAME=value …> exec node <flags> dist/main.js`), for
// benchmarks that measure the production build rather than the sources through tsx. buildServer()
// compiles dist/ first, so a run always measures the current sources.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");

function startWords(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: { start: string } };
  return pkg.scripts.start.split(/\s+/).filter(Boolean);
}

/** The environment the start script sets for node, e.g. ["MALLOC_ARENA_MAX=2"] (glibc reads it at exec). */
export function startEnv(): string[] {
  const words = startWords();
  return words.slice(0, words.indexOf("node")).filter((w) => /^[A-Z_]+=/.test(w));
}

/** The node flags of the start script, e.g. ["--max-semi-space-size=4", "--heap-growing-percent=20"]. */
export function startFlags(): string[] {
  const words = startWords();
  return words.slice(words.indexOf("node") + 1, words.indexOf("dist/main.js"));
}

/** env <start env> node <start flags> dist/main.js: startServerProcess's `command` for the production server
 * (env execs node, so the child's pid is the server's, as under npm start). */
export function productionCommand(): [string, ...string[]] {
  return ["env", ...startEnv(), process.execPath, ...startFlags(), "dist/main.js"];
}

/** npm run build:server, quietly (its output only when it fails). */
export function buildServer(): void {
  execFileSync("npm", ["run", "--silent", "build:server"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
}
