// Imports a WordPress (WXR), Disqus or Parley export into a site:
//   npm run import -- --format wordpress|disqus|parley --file F [--site ID] [--as articles|pages]
//                     [--pingbacks import|skip] [--dry-run] [--json]
// Prints a progress line while it runs (items read, comments written, rate, time left) and a summary
// at the end, every problem with its id or line. Safe to run again: what is there is not written twice.
// Exit code: 0 done (problems or not), 1 refused (not such an export, unknown site), 2 bad arguments.
import fs from "node:fs";
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config/config.ts";
import { isAppError } from "../src/domain/errors.ts";
import { describeSummary } from "../src/import/import-summary.ts";
import { progressLine } from "../src/import/progress-line.ts";
import { NotThisFormatError, UnreadableExportError } from "../src/import/records.ts";
import { runImport } from "../src/import/run-import.ts";
import { ensureDefaultSite } from "../src/sites/ensure-default-site.ts";
import { closeDeps, createDeps } from "../src/compose.ts";

const USAGE =
  "usage: npm run import -- --format wordpress|disqus|parley --file <export> [--site <id>] [--as articles|pages] " +
  "[--pingbacks import|skip] [--dry-run] [--json]";

const { values } = parseArgs({
  options: {
    format: { type: "string" },
    file: { type: "string" },
    site: { type: "string", default: "default" },
    as: { type: "string" },
    pingbacks: { type: "string", default: "import" },
    "dry-run": { type: "boolean", default: false },
    json: { type: "boolean", default: false },
  },
});
const format = values.format;
if (format !== "wordpress" && format !== "disqus" && format !== "parley") fail(USAGE);
if (!values.file) fail(USAGE);
if (values.as !== undefined && values.as !== "articles" && values.as !== "pages") fail("--as is articles or pages");
if (values.pingbacks !== "import" && values.pingbacks !== "skip") fail("--pingbacks is import or skip");
let size: number;
try {
  size = fs.statSync(values.file).size;
} catch {
  fail(`cannot read ${values.file}`);
}

const config = loadConfig();
const deps = await createDeps(config);
await ensureDefaultSite(deps);
const tty = process.stderr.isTTY;
let lastPrinted = 0;
try {
  const summary = await runImport(
    deps,
    { chunks: fs.createReadStream(values.file, { highWaterMark: 256 * 1024 }), totalBytes: size },
    {
      format,
      siteId: values.site,
      as: values.as,
      dryRun: values["dry-run"],
      pingbacks: values.pingbacks,
      onProgress(p) {
        // A live line on a terminal; a line every 5 s in a log.
        if (tty) process.stderr.write(`\r\x1b[2K${progressLine(p)}`);
        else if (p.elapsedMs - lastPrinted >= 5000) {
          lastPrinted = p.elapsedMs;
          process.stderr.write(`${progressLine(p)}\n`);
        }
      },
    },
  );
  if (tty) process.stderr.write("\n");
  if (values.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  else process.stdout.write(`${describeSummary(summary).join("\n")}\n`);
} catch (err) {
  if (tty) process.stderr.write("\n");
  if (err instanceof NotThisFormatError || err instanceof UnreadableExportError) {
    console.error(`${err.message} Nothing was written.`);
  } else if (isAppError(err) && err.code === "SITE_NOT_FOUND") {
    console.error(`There is no site "${values.site}". Nothing was written.`);
  } else {
    console.error(err);
  }
  process.exitCode = 1;
} finally {
  await closeDeps(deps);
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
