// Imports started from the console: the uploaded file is saved to a temporary file first (so the
// upload's answer never waits for the import), then imported in the background by the same use case
// as the CLI. The job — status, progress, summary, error — is kept in the database (ImportJob), so any
// instance behind a balancer shows it. The instance running a job refreshes its heartbeat; a job whose
// heartbeat stopped (that instance crashed or restarted) is shown as interrupted, and uploading the same
// file again finishes it with nothing written twice (imports are safe to repeat).
import crypto from "node:crypto";
import fs from "node:fs";
import type { Deps } from "../deps.ts";
import { isAppError } from "../domain/errors.ts";
import {
  createImportJob,
  finishImportJob,
  listImportJobs,
  readImportJob,
  recordImportJobProgress,
  type ImportJobRow,
} from "../store/imports.ts";
import { describeSummary, type ImportProgress, type ImportSummary } from "./import-summary.ts";
import { NotThisFormatError, UnreadableExportError } from "./records.ts";
import { runImport, type RunImportOptions } from "./run-import.ts";

export type ImportJob = {
  id: string;
  fileName: string;
  format: RunImportOptions["format"];
  siteId: string;
  dryRun: boolean;
  status: "running" | "done" | "failed" | "interrupted";
  startedAt: string;
  finishedAt: string | null;
  progress: ImportProgress | null;
  summary: ImportSummary | null;
  /** The summary as the CLI prints it, line by line. */
  report: string[];
  error: string | null;
};

export type ImportJobs = {
  start(file: string, fileName: string, opts: Omit<RunImportOptions, "onProgress">): Promise<ImportJob>;
  get(id: string): Promise<ImportJob | null>;
  list(): Promise<ImportJob[]>;
  /** Resolves when no import started by this instance is running (tests, shutdown). */
  idle(): Promise<void>;
};

const LISTED_JOBS = 20;
/** Progress is written at most this often; the heartbeat at least this often while a job runs. */
const PROGRESS_EVERY_MS = 1_000;
const HEARTBEAT_EVERY_MS = 5_000;
/** A running job whose heartbeat is older than this has lost its instance. */
export const IMPORT_JOB_STALE_MS = 30_000;

export const INTERRUPTED_MESSAGE =
  "The import stopped when the server running it did. What was written is whole: upload the same file again to finish it (nothing is written twice).";

export function createImportJobs(deps: Deps): ImportJobs {
  const running = new Set<Promise<void>>();

  async function run(id: string, file: string, opts: Omit<RunImportOptions, "onProgress">) {
    // One write at a time, in order; a failed progress write is logged and never stops the import.
    let writes: Promise<void> = Promise.resolve();
    const write = (work: () => Promise<void>) =>
      (writes = writes.then(work).catch((err) => deps.log.warn({ err, job: id }, "import job write failed")));
    let latest: ImportProgress | null = null;
    let lastWrite = 0;
    const heartbeat = setInterval(
      () => void write(() => recordImportJobProgress(deps.db, id, latest, deps.clock.now())),
      HEARTBEAT_EVERY_MS,
    );
    heartbeat.unref();
    const end = {
      status: "failed" as "done" | "failed",
      summary: null as ImportSummary | null,
      error: null as string | null,
    };
    try {
      const size = fs.statSync(file).size;
      end.summary = await runImport(
        deps,
        { chunks: fs.createReadStream(file, { highWaterMark: 256 * 1024 }), totalBytes: size },
        {
          ...opts,
          onProgress(p) {
            latest = p;
            const now = Date.now();
            if (now - lastWrite < PROGRESS_EVERY_MS) return;
            lastWrite = now;
            const snapshot = { ...p };
            void write(() => recordImportJobProgress(deps.db, id, snapshot, deps.clock.now())); // never rejects
          },
        },
      );
      end.status = "done";
    } catch (err) {
      if (err instanceof NotThisFormatError || err instanceof UnreadableExportError) {
        end.error = `${err.message} Nothing was written.`;
      } else if (isAppError(err)) {
        end.error = err.message;
      } else {
        deps.log.error({ err, job: id }, "import failed");
        end.error =
          "The import stopped on an unexpected error; what was written is whole, and running it again finishes it.";
      }
    } finally {
      clearInterval(heartbeat);
      fs.rm(file, { force: true }, () => undefined);
    }
    await writes;
    const report = end.summary ? describeSummary(end.summary) : [];
    const at = deps.clock.now();
    await finishImportJob(deps.db, id, { ...end, progress: latest, report, at }).catch((err) =>
      deps.log.error({ err, job: id }, "import job end not recorded"),
    );
  }

  return {
    async start(file, fileName, opts) {
      const now = deps.clock.now();
      const row = {
        id: crypto.randomBytes(9).toString("base64url"),
        siteId: opts.siteId,
        fileName,
        format: opts.format,
        dryRun: Boolean(opts.dryRun),
        status: "running",
        startedAt: now,
        heartbeatAt: now,
      };
      await createImportJob(deps.db, row);
      const work = run(row.id, file, opts);
      running.add(work);
      void work.finally(() => running.delete(work));
      return toJob({ ...row, finishedAt: null, progress: null, summary: null, report: [], error: null }, now);
    },
    async get(id) {
      const row = await readImportJob(deps.db, id);
      return row && toJob(row, deps.clock.now());
    },
    async list() {
      const now = deps.clock.now();
      return (await listImportJobs(deps.db, LISTED_JOBS)).map((r) => toJob(r, now));
    },
    async idle() {
      while (running.size) await Promise.allSettled([...running]);
    },
  };
}

/** The job as the API shows it; a running job whose instance went silent is interrupted. */
function toJob(row: ImportJobRow, now: Date): ImportJob {
  const lost = row.status === "running" && now.getTime() - row.heartbeatAt.getTime() > IMPORT_JOB_STALE_MS;
  return {
    id: row.id,
    fileName: row.fileName,
    format: row.format as ImportJob["format"],
    siteId: row.siteId,
    dryRun: row.dryRun,
    status: lost ? "interrupted" : (row.status as ImportJob["status"]),
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    progress: row.progress as ImportProgress | null,
    summary: row.summary as ImportSummary | null,
    report: (row.report as string[] | null) ?? [],
    error: lost ? INTERRUPTED_MESSAGE : row.error,
  };
}
