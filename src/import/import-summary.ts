// What an import tells its caller while it runs (progress) and when it ends (summary): counts, and
// every problem with the record's id or line (the first MAX_LISTED listed, all of them counted).
import type { ImportFormat, ImportProblem, ProblemCode } from "./records.ts";

export type ImportProgress = {
  itemsRead: number;
  threadsRead: number;
  commentsRead: number;
  commentsWritten: number;
  bytesRead: number;
  totalBytes: number | null;
  elapsedMs: number;
};

export type ImportSummary = {
  format: ImportFormat;
  siteId: string;
  as: "articles" | "pages";
  dryRun: boolean;
  threads: { read: number; created: number; existing: number };
  comments: {
    read: number;
    /** Written now (in a dry run: that would be written). */
    written: number;
    /** Already there from an earlier run of the same import: not written again. */
    alreadyImported: number;
    byStatus: Record<string, number>;
  };
  pingbacks: { imported: number; skipped: number };
  problems: { total: number; byCode: Partial<Record<ProblemCode, number>>; listed: ImportProblem[] };
  durationMs: number;
};

const MAX_LISTED = 1000;

export function emptySummary(
  format: ImportFormat,
  siteId: string,
  as: "articles" | "pages",
  dryRun: boolean,
): ImportSummary {
  return {
    format,
    siteId,
    as,
    dryRun,
    threads: { read: 0, created: 0, existing: 0 },
    comments: { read: 0, written: 0, alreadyImported: 0, byStatus: {} },
    pingbacks: { imported: 0, skipped: 0 },
    problems: { total: 0, byCode: {}, listed: [] },
    durationMs: 0,
  };
}

export function addProblem(summary: ImportSummary, problem: ImportProblem): void {
  summary.problems.total++;
  summary.problems.byCode[problem.code] = (summary.problems.byCode[problem.code] ?? 0) + 1;
  if (summary.problems.listed.length < MAX_LISTED) summary.problems.listed.push(problem);
}

/** The summary as the CLI prints it (and the console shows it). */
export function describeSummary(s: ImportSummary): string[] {
  const lines = [
    `${s.dryRun ? "Dry run (nothing written)" : "Import finished"}: ${s.format} → site ${s.siteId}, as ${s.as}, in ${(s.durationMs / 1000).toFixed(1)} s`,
    `threads: ${s.threads.read} read, ${s.threads.created} ${s.dryRun ? "to create" : "created"}, ${s.threads.existing} already there`,
    `comments: ${s.comments.read} read, ${s.comments.written} ${s.dryRun ? "to write" : "written"}, ${s.comments.alreadyImported} already imported` +
      (Object.keys(s.comments.byStatus).length
        ? ` (${Object.entries(s.comments.byStatus)
            .map(([k, v]) => `${k} ${v}`)
            .join(", ")})`
        : ""),
    `pingbacks and trackbacks: ${s.pingbacks.imported} imported, ${s.pingbacks.skipped} skipped`,
    `problems: ${s.problems.total}` +
      (s.problems.total
        ? ` (${Object.entries(s.problems.byCode)
            .map(([k, v]) => `${k} ${v}`)
            .join(", ")})`
        : ""),
  ];
  for (const p of s.problems.listed) {
    const where = [p.id ? `id ${p.id}` : null, p.line ? `line ${p.line}` : null].filter(Boolean).join(", ");
    lines.push(`  - ${p.code}${where ? ` (${where})` : ""}: ${p.message}`);
  }
  if (s.problems.total > s.problems.listed.length)
    lines.push(`  … and ${s.problems.total - s.problems.listed.length} more`);
  return lines;
}
