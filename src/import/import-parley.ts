// Use case: import Parley's own export (export-parley.ts) into a site, keeping every id, so an export
// re-imported into an empty database exports again identically. Lines are read one at a time; comments
// are written in batches, each in one transaction with their threads' counts recomputed; ids already
// present are skipped, so a re-run (after a crash, or twice) adds nothing. A thread whose page (or
// article slug) the site already has receives the comments there instead.
import readline from "node:readline";
import { Readable } from "node:stream";
import { z } from "zod";
import { COMMENT_STATUSES } from "../domain/comment.ts";
import type { JsonValue, Tx } from "../store/client.ts";
import type { Deps } from "../deps.ts";
import { AppError } from "../domain/errors.ts";
import { moderatorIdsByEmail } from "../store/exports.ts";
import {
  createThreadAsExported,
  existingCommentIds,
  findThreadOfPage,
  inImportTransaction,
  insertImportedComments,
  readImportSite,
  readThreadsById,
  recountThreads,
  type ImportedCommentRow,
} from "../store/imports.ts";
import { PARLEY_EXPORT_FORMAT } from "./export-parley.ts";
import type { ImportInput, ImportOptions } from "./import-comments.ts";
import { addProblem, emptySummary, type ImportSummary } from "./import-summary.ts";
import { NotThisFormatError, UnreadableExportError, type Chunks } from "./records.ts";

const BATCH = 500;
const date = z.iso.datetime().transform((s) => new Date(s));
const json = z.custom<JsonValue>((v) => v !== undefined);

const ZHeader = z.object({ type: z.literal("header"), format: z.literal(PARLEY_EXPORT_FORMAT), version: z.literal(1) });
const ZThread = z.object({
  type: z.literal("thread"),
  id: z.string().min(1),
  pageKey: z.string().min(1),
  url: z.string().nullable(),
  title: z.string(),
  closed: z.boolean(),
  createdAt: date,
  importKey: z.string().nullable(),
  article: z
    .object({
      id: z.string().min(1),
      slug: z.string().min(1),
      title: z.string(),
      category: z.string().nullable(),
      dek: z.string().nullable(),
      authorName: z.string(),
      authorBio: z.string().nullable(),
      publishedAt: date.nullable(),
      bodyMarkdown: z.string(),
      bodyHtml: z.string(),
      closingLine: z.string().nullable(),
      settings: json,
      createdAt: date,
    })
    .nullable(),
});
const ZComment = z.object({
  type: z.literal("comment"),
  id: z.string().min(1),
  threadId: z.string().min(1),
  parentId: z.string().nullable(),
  depth: z.number().int().min(1),
  authorName: z.string(),
  authorEmail: z.string(),
  authorUrl: z.string().nullable(),
  ipHash: z.string(),
  moderatorEmail: z.string().nullable(),
  bodySource: z.string(),
  bodyHtml: z.string(),
  status: z.enum(COMMENT_STATUSES),
  revision: z.number().int().min(1),
  flags: json,
  metadata: json,
  reportCount: z.number().int().min(0),
  createdAt: date,
  editedAt: date.nullable(),
  publishedAt: date.nullable(),
  kind: z.string(),
  importKey: z.string().nullable(),
  revisions: z.array(
    z.object({ revision: z.number().int(), bodySource: z.string(), bodyHtml: z.string(), createdAt: date }),
  ),
  links: z.array(z.object({ url: z.string(), label: z.string().nullable() })),
});
type TThread = z.infer<typeof ZThread>;
type TComment = z.infer<typeof ZComment> & { line: number };

export async function importParley(
  deps: Deps,
  input: ImportInput,
  opts: Omit<ImportOptions, "format">,
): Promise<ImportSummary> {
  const site = await readImportSite(deps.db, opts.siteId);
  if (!site) throw new AppError("SITE_NOT_FOUND");
  const summary = emptySummary("parley", opts.siteId, "pages", Boolean(opts.dryRun));
  const started = Date.now();
  /** Exported thread id → the thread its comments go to here (null: skipped). */
  const threadIds = new Map<string, string | null>();
  let threads: { rec: TThread; line: number }[] = [];
  let comments: TComment[] = [];
  let bytesRead = 0;
  let lineNo = 0;
  let lastProgress = 0;

  const flush = async () => {
    const [t, c] = [threads, comments];
    [threads, comments] = [[], []];
    if (!t.length && !c.length) return;
    const work = async (tx: Tx | null) => {
      const db = tx ?? deps.db;
      const known = new Set(
        (
          await readThreadsById(
            db,
            t.map((x) => x.rec.id),
          )
        ).map((r) => r.id),
      );
      for (const { rec } of t) {
        if (known.has(rec.id)) {
          threadIds.set(rec.id, rec.id);
          summary.threads.existing++;
          continue;
        }
        const other = await findThreadOfPage(db, opts.siteId, rec.pageKey, rec.article?.slug ?? null);
        if (other) {
          threadIds.set(rec.id, other.id);
          summary.threads.existing++;
          continue;
        }
        summary.threads.created++;
        threadIds.set(rec.id, rec.id);
        if (tx) {
          const { type: _type, ...fields } = rec;
          await createThreadAsExported(tx, { ...fields, siteId: opts.siteId });
        }
      }
      const present = await existingCommentIds(db, [
        ...c.map((x) => x.id),
        ...c.flatMap((x) => (x.parentId ? [x.parentId] : [])),
      ]);
      const moderators = await moderatorIdsByEmail(db, [
        ...new Set(c.flatMap((x) => (x.moderatorEmail ? [x.moderatorEmail] : []))),
      ]);
      const rows: ImportedCommentRow[] = [];
      for (const x of c) {
        const threadId = threadIds.get(x.threadId);
        if (!threadId) {
          addProblem(summary, {
            type: "problem",
            code: "unknown-thread",
            id: x.id,
            line: x.line,
            message: `Comment ${x.id} names thread ${x.threadId}, which is not before it in the file; skipped.`,
          });
          continue;
        }
        if (present.has(x.id)) {
          summary.comments.alreadyImported++;
          continue;
        }
        if (x.parentId && !present.has(x.parentId)) {
          addProblem(summary, {
            type: "problem",
            code: "orphan-reply",
            id: x.id,
            line: x.line,
            message: `Comment ${x.id} replies to ${x.parentId}, which is not in the file; skipped.`,
          });
          continue;
        }
        present.add(x.id);
        const { type: _t, line: _l, moderatorEmail, ...fields } = x;
        rows.push({
          ...fields,
          threadId,
          moderatorId: moderatorEmail ? (moderators.get(moderatorEmail) ?? null) : null,
        });
        summary.comments.written++;
        summary.comments.byStatus[x.status] = (summary.comments.byStatus[x.status] ?? 0) + 1;
      }
      if (tx) {
        await insertImportedComments(tx, deps.dbProvider, rows);
        await recountThreads(tx, new Set(rows.map((r) => r.threadId)));
      }
    };
    if (opts.dryRun) await work(null);
    else await inImportTransaction(deps.db, work);
  };

  const stream = Readable.from(counted(input.chunks, (n) => (bytesRead += n)));
  const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });
  for await (const text of lines) {
    lineNo++;
    if (lineNo === 1) {
      let header: unknown;
      try {
        header = JSON.parse(text.replace(/^\uFEFF/, ""));
      } catch {
        throw new UnreadableExportError("This file is not a Parley export (its first line is not JSON).");
      }
      if (!ZHeader.safeParse(header).success) throw new NotThisFormatError("parley", { name: "json", attrs: {} });
      continue;
    }
    if (!text.trim()) continue;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      addProblem(summary, {
        type: "problem",
        code: "bad-record",
        id: null,
        line: lineNo,
        message: `Line ${lineNo} is not JSON; skipped.`,
      });
      continue;
    }
    const kind = (raw as { type?: unknown }).type;
    const parsed = kind === "thread" ? ZThread.safeParse(raw) : ZComment.safeParse(raw);
    if (!parsed.success) {
      const id = typeof (raw as { id?: unknown }).id === "string" ? (raw as { id: string }).id : null;
      addProblem(summary, {
        type: "problem",
        code: "bad-record",
        id,
        line: lineNo,
        message: `Line ${lineNo}: ${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message}; skipped.`,
      });
      continue;
    }
    if (parsed.data.type === "thread") {
      summary.threads.read++;
      threads.push({ rec: parsed.data, line: lineNo });
    } else {
      summary.comments.read++;
      comments.push({ ...parsed.data, line: lineNo });
    }
    if (comments.length >= BATCH || threads.length >= BATCH) await flush();
    if (opts.onProgress && Date.now() - lastProgress > 250) {
      lastProgress = Date.now();
      opts.onProgress({
        itemsRead: lineNo,
        threadsRead: summary.threads.read,
        commentsRead: summary.comments.read,
        commentsWritten: summary.comments.written,
        bytesRead,
        totalBytes: input.totalBytes ?? null,
        elapsedMs: Date.now() - started,
      });
    }
  }
  if (lineNo === 0) throw new UnreadableExportError("This file is empty: it is not a Parley export.");
  await flush();
  summary.durationMs = Date.now() - started;
  return summary;
}

async function* counted(chunks: Chunks, add: (n: number) => void) {
  for await (const chunk of chunks) {
    add(typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.length);
    yield chunk;
  }
}
