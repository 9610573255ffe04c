// Exports a site's threads and comments:
//   npm run export -- --format parley|wxr --site ID [--file F]      (stdout without --file)
// parley: JSON Lines, lossless, re-importable with `npm run import -- --format parley`.
// wxr: WordPress eXtended RSS 1.2, for WordPress's importer. Streamed: memory stays flat on any site.
import fs from "node:fs";
import { once } from "node:events";
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config/config.ts";
import { isAppError } from "../src/domain/errors.ts";
import { exportParley } from "../src/import/export-parley.ts";
import { exportWxr } from "../src/import/export-wxr.ts";
import { closeDeps, createDeps } from "../src/compose.ts";

const { values } = parseArgs({
  options: {
    format: { type: "string", default: "parley" },
    site: { type: "string", default: "default" },
    file: { type: "string" },
  },
});
if (values.format !== "parley" && values.format !== "wxr") {
  console.error("usage: npm run export -- --format parley|wxr --site <id> [--file <path>]");
  process.exit(2);
}

const config = loadConfig();
const deps = await createDeps(config);
const out = values.file ? fs.createWriteStream(values.file) : process.stdout;
try {
  const lines = values.format === "parley" ? exportParley(deps, values.site) : exportWxr(deps, values.site);
  for await (const chunk of lines) if (!out.write(chunk)) await once(out, "drain");
  if (values.file) {
    out.end();
    await once(out, "finish");
    console.error(`exported site ${values.site} as ${values.format} to ${values.file}`);
  }
} catch (err) {
  console.error(isAppError(err) && err.code === "SITE_NOT_FOUND" ? `There is no site "${values.site}".` : err);
  process.exitCode = 1;
} finally {
  await closeDeps(deps);
}
