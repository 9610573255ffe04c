// Imports started from the console: the uploaded file is saved to a temporary file first (so the
// upload's answer never waits for the import), then imported in the background by the same use case
// as the CLI, its progress kept here for the console to poll. Jobs live in this instance's memory
// (the last MAX_JOBS); with several instances behind a balancer, the console polls with the job id
// and an instance that does not know it answers 404 until the client reaches the right one.
import crypto from "node:crypto";
import fs from "node:fs";
import type { Deps } from "../deps.ts";
import { isAppError } from "../domain/errors.ts";
import { describeSummary, type ImportProgress, type ImportSummary } from "./import-summary.ts";
import { NotThisFormatError, UnreadableExportError } from "./records.ts";
import { runImport, type RunImportOptions } from "./run-import.ts";

export type ImportJob = {
  id: string;
  fileName: string;
  format: RunImportOptions["format"];
  siteId: string;
  dryRun: boolean;
  status: "running" | "done" | "failed";
  startedAt: string;
  finishedAt: string | null;
  progress: ImportProgress | null;
  summary: ImportSummary | null;
  /** The summary as the CLI prints it, line by line. */
  report: string[];
  error: string | null;
};

export type ImportJobs = {
  start(file: string, fileName: string, opts: Omit<RunImportOptions, "onProgress">): ImportJob;
  get(id: string): ImportJob | null;
  list(): ImportJob[];
  /** Resolves when no import is running (tests, shutdown). */
  idle(): Promise<void>;
};

const MAX_JOBS = 20;

export function createImportJobs(deps: Deps): ImportJobs {
  const jobs = new Map<string, ImportJob>();
  const running = new Set<Promise<void>>();

  async function run(job: ImportJob, file: string, opts: Omit<RunImportOptions, "onProgress">) {
    try {
      const size = fs.statSync(file).size;
      const summary = await runImport(
        deps,
        { chunks: fs.createReadStream(file, { highWaterMark: 256 * 1024 }), totalBytes: size },
        { ...opts, onProgress: (p) => (job.progress = p) },
      );
      job.summary = summary;
      job.report = describeSummary(summary);
      job.status = "done";
    } catch (err) {
      job.status = "failed";
      if (err instanceof NotThisFormatError || err instanceof UnreadableExportError) {
        job.error = `${err.message} Nothing was written.`;
      } else if (isAppError(err)) {
        job.error = err.message;
      } else {
        deps.log.error({ err, job: job.id }, "import failed");
        job.error =
          "The import stopped on an unexpected error; what was written is whole, and running it again finishes it.";
      }
    } finally {
      job.finishedAt = deps.clock.now().toISOString();
      fs.rm(file, { force: true }, () => undefined);
    }
  }

  return {
    start(file, fileName, opts) {
      const job: ImportJob = {
        id: crypto.randomBytes(9).toString("base64url"),
        fileName,
        format: opts.format,
        siteId: opts.siteId,
        dryRun: Boolean(opts.dryRun),
        status: "running",
        startedAt: deps.clock.now().toISOString(),
        finishedAt: null,
        progress: null,
        summary: null,
        report: [],
        error: null,
      };
      jobs.set(job.id, job);
      while (jobs.size > MAX_JOBS) jobs.delete(jobs.keys().next().value!);
      const work = run(job, file, opts);
      running.add(work);
      void work.finally(() => running.delete(work));
      return job;
    },
    get: (id) => jobs.get(id) ?? null,
    list: () => [...jobs.values()].reverse(),
    async idle() {
      while (running.size) await Promise.allSettled([...running]);
    },
  };
}
