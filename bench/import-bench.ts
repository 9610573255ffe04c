// npm run bench:import: imports generated WordPress exports (bench/generate-wxr.ts) into fresh SQLite and
// PostgreSQL databases, each import in its own process, and prints comments/s and the process's peak
// RSS. Two sizes show that memory does not grow with the file. A second run of the same file shows
// that it adds nothing. Goals (issue #17): ≥ 2,000 comments/s on SQLite, peak RSS < 250 MiB.
// Options: --sizes 20000,100000  --only sqlite|postgres
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createTestDatabase } from "../tests/support/test-db.ts";
import { generateWxr } from "./generate-wxr.ts";

const { values } = parseArgs({
  options: { sizes: { type: "string", default: "20000,100000" }, only: { type: "string" } },
});
process.env.PARLEY_TEST_PG ||= process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const sizes = values.sizes.split(",").map(Number);
const providers = (["sqlite", "postgres"] as const).filter((p) => !values.only || values.only === p);
// The same limits as `npm run import` (package.json): a small young generation and an old space well
// above the import's live heap (~50 MiB) make V8 collect before it grows, not after; two malloc arenas
// instead of one per thread (V8's compiler and GC threads left ~35 MiB of freed memory in theirs).
const IMPORT_NODE_FLAGS = ["--max-semi-space-size=2", "--max-old-space-size=192"];
const IMPORT_ENV = { ...process.env, MALLOC_ARENA_MAX: "2" };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-bench-import-"));

type Run = {
  written: number;
  alreadyImported: number;
  problems: number;
  seconds: number;
  perSecond: number;
  peakRssMiB: number;
  cpuSeconds: number;
  countsExact: boolean;
};
const run = (url: string, file: string): Run =>
  JSON.parse(
    execFileSync(
      process.execPath,
      [...IMPORT_NODE_FLAGS, "--import", "tsx", path.join(import.meta.dirname, "import-run.ts"), url, file],
      { encoding: "utf8", env: IMPORT_ENV },
    )
      .trim()
      .split("\n")
      .at(-1)!,
  ) as Run;

// The machine may be shared: the load average says how much, and CPU seconds (the import's own, which
// load hardly moves) sit beside the wall-clock rate.
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
console.log(`load average ${load()}, ${os.cpus().length} cores, node ${process.version}`);
console.log("| database | comments | file | comments/s | time | CPU | peak RSS | second run | counts exact |");
console.log("|---|--:|--:|--:|--:|--:|--:|--:|---|");
try {
  for (const size of sizes) {
    const file = path.join(dir, `wxr-${size}.xml`);
    await generateWxr(file, size);
    const mib = fs.statSync(file).size / 1048576;
    for (const provider of providers) {
      const db = await createTestDatabase(provider);
      try {
        const first = run(db.url, file);
        const second = run(db.url, file);
        console.log(
          `| ${provider} | ${first.written.toLocaleString("en-US")} | ${mib.toFixed(0)} MiB | ` +
            `${Math.round(first.perSecond).toLocaleString("en-US")} | ${first.seconds.toFixed(1)} s | ` +
            `${first.cpuSeconds.toFixed(1)} s | ${first.peakRssMiB.toFixed(0)} MiB | ` +
            `+${second.written} (${second.alreadyImported.toLocaleString("en-US")} already there, ` +
            `${second.seconds.toFixed(1)} s, ${second.peakRssMiB.toFixed(0)} MiB) | ${first.countsExact && second.countsExact ? "yes" : "NO"} |`,
        );
      } finally {
        await db.drop();
      }
    }
  }
  console.log(`load average at the end ${load()}`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
