// One import in its own process, for bench/import-bench.ts: prints the summary's counts, the time
// and this process's peak RSS as one JSON line. argv: <database url> <file> [--gc]
import fs from "node:fs";
import pino from "pino";
import { loadConfig } from "../src/config/config.ts";
import { runImport } from "../src/import/run-import.ts";
import { publishedCounts } from "../src/store/imports.ts";
import { ensureDefaultSite } from "../src/sites/ensure-default-site.ts";
import { closeDeps, createDeps } from "../src/compose.ts";

const [url, file] = process.argv.slice(2) as [string, string];
const deps = await createDeps(loadConfig({ DATABASE_URL: url, LOG_LEVEL: "silent", LINK_CHECK_ENABLED: "false" }), {
  log: pino({ level: "silent" }),
});
await ensureDefaultSite(deps);
const started = process.hrtime.bigint();
const cpuBefore = process.cpuUsage();
const summary = await runImport(
  deps,
  { chunks: fs.createReadStream(file, { highWaterMark: 256 * 1024 }) },
  { format: "wordpress", siteId: "default", as: "pages" },
);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const cpu = process.cpuUsage(cpuBefore);
const written = summary.comments.written;
const counts = await publishedCounts(deps.db);
await closeDeps(deps);
console.log(
  JSON.stringify({
    written,
    alreadyImported: summary.comments.alreadyImported,
    problems: summary.problems.total,
    seconds,
    perSecond: written / seconds,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    countsExact: counts.comments === counts.threadsSay && counts.pingbacks === counts.threadsSayPingbacks,
  }),
);
