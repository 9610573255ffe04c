// The one entry point of every import (CLI and console): picks the reader for the format. Parley's own
// export (JSON Lines) goes through import-parley.ts; WordPress and Disqus through import-comments.ts.
import type { Deps } from "../deps.ts";
import { importComments, type ImportInput, type ImportOptions } from "./import-comments.ts";
import type { ImportSummary } from "./import-summary.ts";
import { importParley } from "./import-parley.ts";

export type RunImportOptions = Omit<ImportOptions, "format"> & { format: "wordpress" | "disqus" | "parley" };

export function runImport(deps: Deps, input: ImportInput, opts: RunImportOptions): Promise<ImportSummary> {
  if (opts.format === "parley") return importParley(deps, input, opts);
  return importComments(deps, input, { ...opts, format: opts.format });
}
