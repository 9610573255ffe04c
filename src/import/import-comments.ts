// Use case: import a WordPress (WXR) or Disqus export into a site. The parser streams records; comments
// are written in batches, each batch in ONE transaction with the threads it needs and their counts
// recomputed, so a crash (even SIGKILL) leaves whole batches only. A WordPress post's comments go in the
// same batch as each other (up to MAX_THREAD_BUFFER; a bigger post is written in parts). Every comment
// keeps its source id (Comment.importKey), so running the import again — after a crash, or twice by
// mistake — writes only what is missing. Memory holds one batch, the threads seen (small), a bounded
// cache of source id → row for parents, and replies waiting for a parent further on in the file.
import { describeSources } from "../citations/describe-sources.ts";
import { commentLinkRows } from "../citations/describe-sources.ts";
import { parseCitations } from "../citations/parse-citations.ts";
import type { Tx } from "../store/client.ts";
import type { Deps } from "../deps.ts";
import { placeReply } from "../domain/comment.ts";
import { AppError } from "../domain/errors.ts";
import { hashIp } from "../domain/ip-hash.ts";
import { pageKeyOfUrl } from "../domain/page-key.ts";
import { renderImportedArticle, renderImportedComment } from "../render/imported-html.ts";
import { newRowId } from "../store/row-ids.ts";
import {
  createImportedArticle,
  createImportedPageThread,
  findThreadsForImport,
  inImportTransaction,
  insertImportedComments,
  readImportedComments,
  readImportSite,
  recountThreads,
  takenSlugs,
  type ImportedCommentRef,
  type ImportedCommentRow,
  type ImportThreadCandidate,
  type ImportThreadRef,
} from "../store/imports.ts";
import { addProblem, emptySummary, type ImportProgress, type ImportSummary } from "./import-summary.ts";
import { parseDisqus } from "./parse-disqus.ts";
import { parseWxr } from "./parse-wxr.ts";
import type { ImportedComment, ImportedThread, ImportRecord, Chunks } from "./records.ts";

export type ImportInput = { chunks: Chunks; totalBytes?: number | null };

export type ImportOptions = {
  format: "wordpress" | "disqus";
  siteId: string;
  as?: "articles" | "pages";
  dryRun?: boolean;
  /** WordPress pingbacks and trackbacks: imported as such (shown per the site's setting) or skipped. */
  pingbacks?: "import" | "skip";
  onProgress?: (progress: ImportProgress) => void;
};

const BATCH = 500;
const MAX_THREAD_BUFFER = 2000;
const PARENT_CACHE = 200_000;
const PROGRESS_MS = 250;
const EMPTY_REPORT = parseCitations("");

type ThreadState = { rec: ImportedThread; ref: ImportThreadRef | null; importKey: string; comments: number };
type Placed = Pick<ImportedCommentRef, "id" | "depth" | "parentId">;

export async function importComments(deps: Deps, input: ImportInput, opts: ImportOptions): Promise<ImportSummary> {
  const site = await readImportSite(deps.db, opts.siteId);
  if (!site) throw new AppError("SITE_NOT_FOUND");
  const as = opts.as ?? (opts.format === "wordpress" && opts.siteId === "default" ? "articles" : "pages");
  const run = new ImportRun(deps, opts, as, input.totalBytes ?? null);
  return run.run(input.chunks);
}

class ImportRun {
  readonly summary: ImportSummary;
  private readonly threads = new Map<string, ThreadState>();
  /** The WordPress post being read: its comments so far. */
  private open: ImportedComment[] = [];
  private openThread: string | null = null;
  /** Whole threads' comments (and comment-less articles) ready to write together. */
  private ready: ImportedComment[] = [];
  private readyThreads = new Set<string>();
  /** Thread id → source id → the row, for replies; bounded (misses go to the database). A WordPress
   *  post's entries go once it is written: its replies are all inside it. */
  private readonly placed = new Map<string, Map<string, Placed>>();
  private placedCount = 0;
  /** Replies whose parent was not written yet, by the parent's source id (`${threadExternalId}\n${id}`). */
  private readonly waiting = new Map<string, ImportedComment[]>();
  /** WordPress posts read to their end: replies still waiting in them will never find their parent. */
  private readonly ended = new Set<string>();
  /** The batch being written (resolved when there is none). */
  private writing: Promise<void> = Promise.resolve();
  private readonly started = Date.now();
  private bytesRead = 0;
  private itemsRead = 0;
  private lastProgress = 0;
  private readonly prefix: string;

  constructor(
    private readonly deps: Deps,
    private readonly opts: ImportOptions,
    private readonly as: "articles" | "pages",
    private readonly totalBytes: number | null,
  ) {
    this.summary = emptySummary(opts.format, opts.siteId, as, Boolean(opts.dryRun));
    this.prefix = `${opts.format}:`;
  }

  async run(chunks: Chunks): Promise<ImportSummary> {
    const parse = this.opts.format === "wordpress" ? parseWxr : parseDisqus;
    for await (const rec of parse(this.counted(chunks))) {
      this.itemsRead++;
      await this.take(rec);
      this.progress(false);
    }
    // The file ended inside a post (broken XML): that post is not written half-way.
    if (this.openThread) this.dropOpenThread();
    await this.flush();
    await this.writing;
    for (const [, replies] of this.waiting) for (const c of replies) this.orphan(c);
    this.waiting.clear();
    this.summary.durationMs = Date.now() - this.started;
    this.progress(true);
    return this.summary;
  }

  private async *counted(chunks: Chunks) {
    for await (const chunk of chunks) {
      this.bytesRead += typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.length;
      yield chunk;
    }
  }

  private progress(final: boolean) {
    const now = Date.now();
    if (!this.opts.onProgress || (!final && now - this.lastProgress < PROGRESS_MS)) return;
    this.lastProgress = now;
    this.opts.onProgress({
      itemsRead: this.itemsRead,
      threadsRead: this.summary.threads.read,
      commentsRead: this.summary.comments.read,
      commentsWritten: this.summary.comments.written,
      bytesRead: this.bytesRead,
      totalBytes: this.totalBytes,
      elapsedMs: now - this.started,
    });
  }

  private async take(rec: ImportRecord) {
    switch (rec.type) {
      case "problem":
        addProblem(this.summary, rec);
        return;
      case "thread":
        this.summary.threads.read++;
        this.threads.set(rec.externalId, { rec, ref: null, importKey: this.prefix + rec.externalId, comments: 0 });
        if (this.opts.format === "wordpress") this.openThread = rec.externalId;
        return;
      case "comment": {
        this.summary.comments.read++;
        if (rec.kind !== "comment" && this.opts.pingbacks === "skip") {
          this.summary.pingbacks.skipped++;
          return;
        }
        if (this.opts.format === "disqus") {
          this.ready.push(rec);
          if (this.ready.length >= BATCH) await this.flush();
          return;
        }
        this.open.push(rec);
        const state = this.threads.get(rec.threadExternalId);
        if (state) state.comments++;
        // A huge post is written in parts (each resumable by source id) rather than held in memory.
        if (this.open.length >= MAX_THREAD_BUFFER) {
          this.ready.push(...this.open.splice(0));
          await this.flush();
        }
        return;
      }
      case "thread-end":
        this.ready.push(...this.open.splice(0));
        // Articles are written even without comments (the blog moves); a page thread only with some.
        if (this.as === "articles") this.readyThreads.add(rec.externalId);
        this.openThread = null;
        if (this.as === "pages" && !this.threads.get(rec.externalId)?.comments) this.threads.delete(rec.externalId);
        else this.ended.add(rec.externalId);
        if (this.ready.length >= BATCH || this.readyThreads.size >= BATCH) await this.flush();
        return;
    }
  }

  private dropOpenThread() {
    const id = this.openThread!;
    addProblem(this.summary, {
      type: "problem",
      code: "broken-xml",
      id,
      line: this.threads.get(id)?.rec.line ?? null,
      message: `Post ${id} was cut off by the broken XML; none of its ${this.open.length} comment(s) read so far were written.`,
    });
    this.open = [];
    this.openThread = null;
  }

  private orphan(c: ImportedComment) {
    addProblem(this.summary, {
      type: "problem",
      code: "orphan-reply",
      id: c.externalId,
      line: c.line,
      message: `Comment ${c.externalId} replies to ${c.parentExternalId}, which is not in the file (or was skipped); skipped.`,
    });
    // Its own replies are orphans too.
    const children = this.waiting.get(`${c.threadExternalId}\n${c.externalId}`);
    if (children) {
      this.waiting.delete(`${c.threadExternalId}\n${c.externalId}`);
      for (const child of children) this.orphan(child);
    }
  }

  /** Writes the ready comments (and ready comment-less articles) in one transaction. */
  /** Starts writing the ready comments (and ready comment-less articles) in one transaction, once the
   *  batch before them is committed: the file is read on while the database writes (PostgreSQL works in
   *  its own process), and memory holds at most the batch being written and the one being read. */
  private async flush() {
    const comments = this.ready.splice(0);
    const threadIds = new Set([...this.readyThreads, ...comments.map((c) => c.threadExternalId)]);
    this.readyThreads.clear();
    if (!threadIds.size) return;
    await this.writing;
    const write = this.opts.dryRun
      ? this.writeBatch(null, comments, threadIds)
      : inImportTransaction(this.deps.db, (tx) => this.writeBatch(tx, comments, threadIds));
    // Awaited by the next flush or at the end; a failure surfaces there and stops the import.
    this.writing = write;
    write.catch(() => {});
  }

  private async writeBatch(tx: Tx | null, comments: ImportedComment[], threadExternalIds: Set<string>) {
    const db = tx ?? this.deps.db;
    await this.ensureThreads(tx, threadExternalIds);
    const refOf = (c: ImportedComment) => this.threads.get(c.threadExternalId)?.ref ?? null;

    // What earlier runs (or earlier batches) wrote: the batch's own keys and the parents it names.
    const realThreadIds = [...threadExternalIds]
      .map((e) => this.threads.get(e)?.ref?.id)
      .filter((id): id is string => !!id && !id.startsWith("dry:"));
    const wanted = new Set<string>();
    for (const c of comments) {
      const ref = refOf(c);
      if (!ref) continue;
      if (!this.placedRow(ref.id, this.prefix + c.externalId)) wanted.add(this.prefix + c.externalId);
      if (c.parentExternalId && !this.placedRow(ref.id, this.prefix + c.parentExternalId))
        wanted.add(this.prefix + c.parentExternalId);
    }
    for (const row of await readImportedComments(db, this.deps.dbProvider, realThreadIds, [...wanted])) {
      this.remember(row.threadId, row.importKey, row);
    }

    const rows: ImportedCommentRow[] = [];
    const queue = [...comments];
    while (queue.length) {
      const c = queue.shift()!;
      const ref = refOf(c);
      if (!ref) {
        addProblem(this.summary, {
          type: "problem",
          code: "unknown-thread",
          id: c.externalId,
          line: c.line,
          message: `Comment ${c.externalId} has no thread; skipped.`,
        });
        continue;
      }
      if (this.placedRow(ref.id, this.prefix + c.externalId)) {
        this.summary.comments.alreadyImported++;
      } else {
        let placement: { parentId: string | null; depth: number } = { parentId: null, depth: 1 };
        if (c.parentExternalId) {
          const parent = this.placedRow(ref.id, this.prefix + c.parentExternalId);
          if (!parent) {
            const waitKey = `${c.threadExternalId}\n${c.parentExternalId}`;
            const list = this.waiting.get(waitKey);
            if (list) list.push(c);
            else this.waiting.set(waitKey, [c]);
            continue;
          }
          placement = placeReply(parent, this.deps.config.COMMENT_MAX_DEPTH);
        }
        const row = this.rowOf(c, ref.id, placement);
        rows.push(row);
        this.remember(ref.id, this.prefix + c.externalId, row);
        this.summary.comments.written++;
        this.summary.comments.byStatus[row.status] = (this.summary.comments.byStatus[row.status] ?? 0) + 1;
        if (c.kind !== "comment") this.summary.pingbacks.imported++;
      }
      // Replies that were waiting for this comment can go now.
      const waitKey = `${c.threadExternalId}\n${c.externalId}`;
      const children = this.waiting.get(waitKey);
      if (children) {
        this.waiting.delete(waitKey);
        queue.unshift(...children);
      }
    }
    const done: string[] = [];
    for (const ext of threadExternalIds) {
      if (!this.ended.delete(ext)) continue;
      done.push(ext);
      for (const [key, replies] of this.waiting) {
        if (!key.startsWith(`${ext}\n`)) continue;
        this.waiting.delete(key);
        for (const c of replies) this.orphan(c);
      }
    }
    if (tx) {
      await insertImportedComments(tx, this.deps.dbProvider, rows);
      await recountThreads(tx, new Set(rows.map((r) => r.threadId)));
    }
    // A WordPress post read to its end and written: nothing later in the file refers to it.
    for (const ext of done) {
      const id = this.threads.get(ext)?.ref?.id;
      if (id) this.forgetThread(id);
      this.threads.delete(ext);
    }
  }

  private remember(threadId: string, importKey: string, row: Placed) {
    if (this.placedCount >= PARENT_CACHE) this.forgetThread(this.placed.keys().next().value!);
    let rows = this.placed.get(threadId);
    if (!rows) this.placed.set(threadId, (rows = new Map<string, Placed>()));
    if (!rows.has(importKey)) this.placedCount++;
    rows.set(importKey, { id: row.id, depth: row.depth, parentId: row.parentId });
  }

  private placedRow(threadId: string, importKey: string): Placed | undefined {
    return this.placed.get(threadId)?.get(importKey);
  }

  private forgetThread(threadId: string) {
    this.placedCount -= this.placed.get(threadId)?.size ?? 0;
    this.placed.delete(threadId);
  }

  /** The batch's threads not yet known: looked up in one query, then each found or created in turn
   *  (a thread created here is a candidate for the next, e.g. Disqus's two forms of one page). */
  private async ensureThreads(tx: Tx | null, exts: Iterable<string>) {
    const todo = [...exts].flatMap((ext) => {
      const state = this.threads.get(ext);
      if (!state || state.ref) return [];
      const pageKey = this.as === "pages" ? pageKeyOf(state.rec, state.importKey) : null;
      const { identifier } = state.rec;
      const lookup = pageKey
        ? [...new Set([pageKey, identifier, identifier && pageKeyOfUrl(identifier)])].filter((k): k is string => !!k)
        : [];
      return [{ ext, state, pageKey, lookup }];
    });
    if (!todo.length) return;
    const candidates = await findThreadsForImport(
      tx ?? this.deps.db,
      this.opts.siteId,
      todo.map((t) => t.state.importKey),
      todo.flatMap((t) => t.lookup),
    );
    for (const t of todo) await this.ensureThread(tx, t, candidates);
  }

  private async ensureThread(
    tx: Tx | null,
    { ext, state, pageKey, lookup }: { ext: string; state: ThreadState; pageKey: string | null; lookup: string[] },
    candidates: ImportThreadCandidate[],
  ) {
    const { rec } = state;
    const pick = ({ id, articleId }: ImportThreadCandidate) => ({ id, articleId });
    const byKey = candidates.find((c) => c.importKey === state.importKey);
    const byPage = lookup.map((k) => candidates.find((c) => c.pageKey === k)).find((c) => c);
    const found = byKey ? pick(byKey) : byPage ? pick(byPage) : null;
    if (found) {
      state.ref = found;
      this.summary.threads.existing++;
      return;
    }
    this.summary.threads.created++;
    if (!tx) {
      state.ref = { id: `dry:${ext}`, articleId: null };
      if (pageKey) candidates.push({ ...state.ref, importKey: state.importKey, pageKey });
      return;
    }
    const createdAt = rec.createdAt ?? this.deps.clock.now();
    if (pageKey) {
      state.ref = await createImportedPageThread(tx, {
        siteId: this.opts.siteId,
        pageKey,
        url: rec.url && /^https?:\/\//.test(rec.url) ? rec.url.slice(0, 2000) : null,
        title: rec.title,
        closed: rec.closed,
        createdAt,
        importKey: state.importKey,
      });
      candidates.push({ ...state.ref, importKey: state.importKey, pageKey });
    } else {
      state.ref = await createImportedArticle(tx, {
        siteId: this.opts.siteId,
        slug: await this.freeSlug(tx, rec),
        title: rec.title,
        category: rec.category,
        authorName: rec.authorName ?? "Unknown",
        publishedAt: rec.createdAt,
        bodySource: rec.body ?? "",
        bodyHtml: renderImportedArticle(rec.body ?? ""),
        closed: rec.closed,
        importKey: state.importKey,
      });
    }
  }

  private async freeSlug(tx: Tx, rec: ImportedThread): Promise<string> {
    const base = slugify(rec.slug || rec.title) || `post-${rec.externalId}`;
    const candidates = [base, `${base}-${rec.externalId}`, `${base}-${this.opts.format}-${rec.externalId}`];
    const taken = await takenSlugs(tx, this.opts.siteId, candidates);
    return candidates.find((s) => !taken.has(s)) ?? `${base}-${newRowId()}`;
  }

  private rowOf(
    c: ImportedComment,
    threadId: string,
    placement: { parentId: string | null; depth: number },
  ): ImportedCommentRow {
    const { html, hrefs } = renderImportedComment(c.body);
    const sources = describeSources(EMPTY_REPORT, hrefs);
    const citations = { citations: [], problems: [], sources, linkFlags: [], notes: [], linkCount: hrefs.length };
    return {
      id: newRowId(),
      threadId,
      parentId: placement.parentId,
      depth: placement.depth,
      authorName: c.authorName.slice(0, 200),
      authorEmail: c.authorEmail.slice(0, 320),
      authorUrl: c.authorUrl,
      ipHash: c.authorIp ? hashIp(this.deps.config.IP_HASH_SECRET, c.authorIp) : "",
      bodySource: c.body,
      bodyHtml: html,
      status: c.status,
      kind: c.kind,
      importKey: this.prefix + c.externalId,
      flags: [],
      metadata: {
        imported: { format: this.opts.format, id: c.externalId },
        links: hrefs,
        linkCount: hrefs.length,
        citations,
      },
      createdAt: c.createdAt,
      publishedAt: c.status === "published" ? c.createdAt : null,
      revisions: [{ revision: 1, bodySource: c.body, bodyHtml: html, createdAt: c.createdAt }],
      links: commentLinkRows(sources),
    };
  }
}

/** Where the widget will look for this page's thread: its URL (as a page key), else the source's id for it. */
function pageKeyOf(rec: ImportedThread, importKey: string): string {
  return (
    (rec.url && pageKeyOfUrl(rec.url)) ||
    (rec.identifier && pageKeyOfUrl(rec.identifier)) ||
    rec.identifier?.slice(0, 500) ||
    importKey
  );
}

export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80);
}
