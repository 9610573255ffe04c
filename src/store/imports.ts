// Storage for imports (src/import/): finding and creating the threads an export's posts map to, reading
// which of a batch's comments an earlier run already wrote (by their source id, Comment.importKey), and
// writing a batch — comments, their first revisions and links — with the threads' counts recomputed,
// in the caller's transaction: on SQLite one prepared INSERT per row, straight to the connection
// (store/sqlite-direct.ts); on PostgreSQL one statement per table per batch, its rows as one JSON parameter.
import { bodyHashOf } from "../domain/body-hash.ts";
import { Prisma } from "../generated/sqlite/client.ts";
import { flagCodesOf, inTransaction, type Db, type DbProvider, type JsonValue, type Tx } from "./client.ts";
import type { NewArticle as ArticleFields } from "./articles.ts";
import { newRowId } from "./row-ids.ts";
import { directWithin, sqliteDirect, sqliteTime, type SqliteStatements } from "./sqlite-direct.ts";

type DbOrTx = Db | Tx;

/** A batch holds the write lock for its whole transaction: give it room. */
const IMPORT_TRANSACTION = { maxWait: 30_000, timeout: 120_000 };

/** Runs one import batch in a transaction with room for a big batch (it is written whole or not at all);
 *  on SQLite its rows go straight to the connection, each statement only while that transaction is open. */
export function inImportTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  return inTransaction(db, (tx) => directWithin(db, tx, () => work(tx)), IMPORT_TRANSACTION);
}

/** The site an import writes into (its settings say how imported comments show), or null. */
export async function readImportSite(db: DbOrTx, siteId: string) {
  return db.site.findUnique({ where: { id: siteId }, select: { id: true, name: true, settings: true } });
}

export type ImportThreadRef = { id: string; articleId: string | null };

export type ImportThreadCandidate = ImportThreadRef & { importKey: string | null; pageKey: string };

/** The site's threads with any of these source ids or page keys: a batch's threads looked up at once.
 *  The caller picks, per post, the thread an earlier import made for its source id, else one already on
 *  its page (the widget's, or another source's import of the same page). */
export async function findThreadsForImport(
  db: DbOrTx,
  siteId: string,
  importKeys: readonly string[],
  pageKeys: readonly string[],
): Promise<ImportThreadCandidate[]> {
  if (!importKeys.length && !pageKeys.length) return [];
  return db.thread.findMany({
    where: { siteId, OR: [{ importKey: { in: [...importKeys] } }, { pageKey: { in: [...pageKeys] } }] },
    select: { id: true, articleId: true, importKey: true, pageKey: true },
  });
}

export type NewPageThread = {
  siteId: string;
  pageKey: string;
  url: string | null;
  title: string;
  closed: boolean;
  createdAt: Date;
  importKey: string;
};

/** An embedded page's thread for an imported post, keyed by its page and its source id. */
export async function createImportedPageThread(tx: Tx, t: NewPageThread): Promise<ImportThreadRef> {
  return tx.thread.create({ data: { ...t, title: t.title.slice(0, 200) }, select: { id: true, articleId: true } });
}

export type NewArticle = {
  siteId: string;
  slug: string;
  title: string;
  category: string | null;
  authorName: string;
  publishedAt: Date | null;
  bodySource: string;
  bodyHtml: string;
  closed: boolean;
  importKey: string;
};

/** A hosted article and its thread (keyed by the slug, as every article's is). */
export async function createImportedArticle(tx: Tx, a: NewArticle): Promise<ImportThreadRef> {
  const article = await tx.article.create({
    data: {
      siteId: a.siteId,
      slug: a.slug,
      title: a.title,
      category: a.category,
      authorName: a.authorName,
      publishedAt: a.publishedAt,
      bodyMarkdown: a.bodySource,
      bodyHtml: a.bodyHtml,
      settings: {},
      thread: {
        create: {
          siteId: a.siteId,
          pageKey: a.slug,
          title: a.title.slice(0, 200),
          url: `/articles/${a.slug}`,
          closed: a.closed,
          importKey: a.importKey,
          createdAt: a.publishedAt ?? undefined,
        },
      },
    },
    select: { id: true, thread: { select: { id: true } } },
  });
  return { id: article.thread!.id, articleId: article.id };
}

/** Slugs among these that an article (or an article's thread on this site) already uses. */
export async function takenSlugs(db: DbOrTx, siteId: string, slugs: readonly string[]): Promise<Set<string>> {
  const [articles, threads] = await Promise.all([
    db.article.findMany({ where: { slug: { in: [...slugs] } }, select: { slug: true } }),
    db.thread.findMany({ where: { siteId, pageKey: { in: [...slugs] } }, select: { pageKey: true } }),
  ]);
  return new Set([...articles.map((a) => a.slug), ...threads.map((t) => t.pageKey)]);
}

export type ImportedCommentRef = {
  id: string;
  threadId: string;
  importKey: string;
  depth: number;
  parentId: string | null;
};

/** Which of these source ids are already comments of these threads (a previous run, or an earlier batch).
 *  The lists go as two JSON parameters: Prisma's query compiler (WebAssembly, whose memory never shrinks)
 *  grew by tens of MiB compiling an IN list of a batch's thousand keys. */
export async function readImportedComments(
  db: DbOrTx,
  provider: DbProvider,
  threadIds: readonly string[],
  importKeys: readonly string[],
): Promise<ImportedCommentRef[]> {
  if (!threadIds.length || !importKeys.length) return [];
  const list = (n: number) =>
    provider === "sqlite" ? `SELECT value FROM json_each(?)` : `SELECT jsonb_array_elements_text($${n}::jsonb)`;
  const rows = await db.$queryRawUnsafe<
    { id: string; threadId: string; importKey: string; depth: number | bigint; parentId: string | null }[]
  >(
    `SELECT "id", "threadId", "importKey", "depth", "parentId" FROM "Comment"
      WHERE "threadId" IN (${list(1)}) AND "importKey" IN (${list(2)})`,
    JSON.stringify(threadIds),
    JSON.stringify(importKeys),
  );
  return rows.map((r) => ({ ...r, depth: Number(r.depth) }));
}

export type ImportedCommentRow = {
  id: string;
  threadId: string;
  parentId: string | null;
  depth: number;
  authorName: string;
  authorEmail: string;
  authorUrl: string | null;
  ipHash: string;
  bodySource: string;
  bodyHtml: string;
  status: "published" | "pending" | "spam" | "deleted" | "held" | "rejected";
  kind: string;
  importKey: string | null;
  flags: JsonValue;
  metadata: JsonValue;
  createdAt: Date;
  publishedAt: Date | null;
  editedAt?: Date | null;
  moderatorId?: string | null;
  revision?: number;
  reportCount?: number;
  revisions: { revision: number; bodySource: string; bodyHtml: string; createdAt: Date }[];
  links: { url: string; label: string | null }[];
};

/** Comments with their revisions and links, in the caller's transaction (`tx`, opened on `db`).
 *  SQLite: one prepared INSERT per table, reused for every row of every batch, run on the connection
 *  the transaction holds (better-sqlite3 runs it in-process: no round trip to save). PostgreSQL: one
 *  INSERT per table for the whole batch, its rows handed over as ONE JSON parameter that the database
 *  unpacks (jsonb_array_elements). Prisma's query compiler spent more time (and far more memory) on a
 *  500-row createMany than the database took to store it, and a multi-row VALUES list with 10,000
 *  parameters still cost a conversion per parameter (bench/import-bench.ts). */
export async function insertImportedComments(
  tx: Tx,
  provider: DbProvider,
  rows: readonly ImportedCommentRow[],
): Promise<void> {
  if (!rows.length) return;
  const insert = (table: string, columns: Column[], values: unknown[][]) =>
    sqliteDirect(tx, (sql) => insertEachRow(sql, table, columns, values)) ??
    insertJsonRows(tx, provider, table, columns, values);
  await insert(
    "Comment",
    COMMENT_COLUMNS,
    rows.map((c) => [
      c.id,
      c.threadId,
      c.parentId,
      c.depth,
      c.authorName,
      c.authorEmail,
      c.authorUrl,
      c.moderatorId ?? null,
      c.ipHash,
      c.bodySource,
      bodyHashOf(c.bodySource),
      c.bodyHtml,
      c.status,
      c.revision ?? 1,
      c.flags,
      flagCodesOf(c.flags),
      c.metadata,
      c.reportCount ?? 0,
      dateParam(provider, c.createdAt),
      dateParam(provider, c.editedAt ?? null),
      dateParam(provider, c.publishedAt),
      c.kind,
      c.importKey,
    ]),
  );
  const revisions: unknown[][] = [];
  for (const c of rows)
    for (const r of c.revisions)
      revisions.push([newRowId(), c.id, r.revision, r.bodySource, r.bodyHtml, dateParam(provider, r.createdAt)]);
  await insert("CommentRevision", REVISION_COLUMNS, revisions);
  const links: unknown[][] = [];
  for (const c of rows) for (const l of c.links) links.push([c.id, l.url, l.label]);
  await insert("CommentLink", LINK_COLUMNS, links);
}

/** A column and, where the JSON value needs one, its type: `json` (kept as JSON), or PostgreSQL's cast. */
type Column = { name: string; pg?: string; json?: true };
const COMMENT_COLUMNS: Column[] = [
  { name: "id" },
  { name: "threadId" },
  { name: "parentId" },
  { name: "depth", pg: "integer" },
  { name: "authorName" },
  { name: "authorEmail" },
  { name: "authorUrl" },
  { name: "moderatorId" },
  { name: "ipHash" },
  { name: "bodySource" },
  { name: "bodyHash" },
  { name: "bodyHtml" },
  { name: "status", pg: '"CommentStatus"' },
  { name: "revision", pg: "integer" },
  { name: "flags", json: true },
  { name: "flagCodes" },
  { name: "metadata", json: true },
  { name: "reportCount", pg: "integer" },
  { name: "createdAt", pg: "timestamp(3)" },
  { name: "editedAt", pg: "timestamp(3)" },
  { name: "publishedAt", pg: "timestamp(3)" },
  { name: "kind" },
  { name: "importKey" },
];
const REVISION_COLUMNS: Column[] = [
  { name: "id" },
  { name: "commentId" },
  { name: "revision", pg: "integer" },
  { name: "bodySource" },
  { name: "bodyHtml" },
  { name: "createdAt", pg: "timestamp(3)" },
];
const LINK_COLUMNS: Column[] = [{ name: "commentId" }, { name: "url" }, { name: "label" }];

/** Dates as Prisma stores them: ISO text with "+00:00" on SQLite, a UTC timestamp on PostgreSQL. */
function dateParam(provider: DbProvider, d: Date | null): string | null {
  if (!d) return null;
  return provider === "sqlite" ? sqliteTime(d) : d.toISOString();
}

/** The same text for every batch of a table, so the database can keep its plan. */
const jsonInsertSql = new Map<string, string>();

function jsonInsert(provider: DbProvider, table: string, columns: Column[]): string {
  const key = `${provider}:${table}`;
  let sql = jsonInsertSql.get(key);
  if (sql) return sql;
  const names = columns.map((c) => `"${c.name}"`).join(", ");
  const values = columns
    .map((c, i) => {
      if (provider === "sqlite") return c.json ? `r.value -> '$[${i}]'` : `r.value ->> ${i}`;
      return c.json ? `r.e -> ${i}` : `(r.e ->> ${i})${c.pg ? `::${c.pg}` : ""}`;
    })
    .join(", ");
  sql =
    provider === "sqlite"
      ? `INSERT INTO "${table}" (${names}) SELECT ${values} FROM json_each(?) r`
      : `INSERT INTO "${table}" (${names}) SELECT ${values} FROM jsonb_array_elements($1::jsonb) AS r(e)`;
  jsonInsertSql.set(key, sql);
  return sql;
}

/** One INSERT text per table, so the connection keeps it prepared (store/sqlite-direct.ts). */
const rowInserts = new Map<string, string>();

function insertEachRow(sql: SqliteStatements, table: string, columns: Column[], rows: unknown[][]) {
  let insert = rowInserts.get(table);
  if (!insert) {
    const names = columns.map((c) => `"${c.name}"`).join(", ");
    insert = `INSERT INTO "${table}" (${names}) VALUES (${columns.map(() => "?").join(", ")})`;
    rowInserts.set(table, insert);
  }
  const json = columns.flatMap((c, i) => (c.json ? [i] : []));
  for (const row of rows) for (const i of json) row[i] = JSON.stringify(row[i]);
  sql.runEach(insert, rows);
}

/** Up to this many characters of JSON per statement (a batch is one statement unless its texts are huge). */
const MAX_JSON_CHARS = 16 * 1024 * 1024;

async function insertJsonRows(tx: Tx, provider: DbProvider, table: string, columns: Column[], rows: unknown[][]) {
  if (!rows.length) return;
  const json = JSON.stringify(rows);
  if (json.length <= MAX_JSON_CHARS) {
    await tx.$executeRawUnsafe(jsonInsert(provider, table, columns), json);
    return;
  }
  const half = Math.ceil(rows.length / 2);
  await insertJsonRows(tx, provider, table, columns, rows.slice(0, half));
  await insertJsonRows(tx, provider, table, columns, rows.slice(half));
}

/** Threads' published counts (and the pingbacks and trackbacks among them) and last comment dates, from
 *  their rows: exact whatever was there before. One statement for all of them. */
export async function recountThreads(tx: Tx, threadIds: Iterable<string>): Promise<void> {
  const ids = [...new Set(threadIds)];
  if (!ids.length) return;
  await tx.$executeRaw`
    UPDATE "Thread" SET
      "publishedCount" = (SELECT COUNT(*) FROM "Comment" c WHERE c."threadId" = "Thread"."id" AND c."status" = 'published'),
      "pingbackCount" = (SELECT COUNT(*) FROM "Comment" c
        WHERE c."threadId" = "Thread"."id" AND c."status" = 'published' AND c."kind" <> 'comment'),
      "lastCommentAt" = (SELECT MAX(c."createdAt") FROM "Comment" c
        WHERE c."threadId" = "Thread"."id" AND c."status" = 'published')
    WHERE "id" IN (${Prisma.join(ids)})`;
}

/** Published comments (and pingbacks among them) in the database, and what the threads' counts add up to
 *  (equal when exact). */
export async function publishedCounts(
  db: Db,
): Promise<{ comments: number; threadsSay: number; pingbacks: number; threadsSayPingbacks: number }> {
  const comments = await db.comment.count({ where: { status: "published" } });
  const pingbacks = await db.comment.count({ where: { status: "published", kind: { not: "comment" } } });
  const sum = await db.thread.aggregate({ _sum: { publishedCount: true, pingbackCount: true } });
  return {
    comments,
    threadsSay: sum._sum.publishedCount ?? 0,
    pingbacks,
    threadsSayPingbacks: sum._sum.pingbackCount ?? 0,
  };
}

/** Threads by id, for a Parley re-import that keeps ids. */
export async function readThreadsById(db: DbOrTx, ids: readonly string[]) {
  if (!ids.length) return [];
  return db.thread.findMany({ where: { id: { in: [...ids] } }, select: { id: true, siteId: true } });
}

/** Which of these comment ids exist (a Parley re-import keeps ids: a second run skips them). */
export async function existingCommentIds(db: DbOrTx, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db.comment.findMany({ where: { id: { in: [...ids] } }, select: { id: true } });
  return new Set(rows.map((r) => r.id));
}

export type ParleyThreadRow = {
  id: string;
  siteId: string;
  pageKey: string;
  url: string | null;
  title: string;
  closed: boolean;
  createdAt: Date;
  importKey: string | null;
  /** The article as stored: its own fields (`ArticleFields` less the site, which is the thread's), id and settings. */
  article: (Omit<ArticleFields, "siteId"> & { id: string; settings: JsonValue; createdAt: Date }) | null;
};

/** A thread (and its article) exactly as exported, ids included. */
export async function createThreadAsExported(tx: Tx, t: ParleyThreadRow): Promise<void> {
  const { article, ...thread } = t;
  if (article) await tx.article.create({ data: { ...article, siteId: t.siteId } });
  await tx.thread.create({ data: { ...thread, articleId: article?.id ?? null } });
}

/** The thread already holding this page (or this article slug) on the site, if any. */
export async function findThreadOfPage(db: DbOrTx, siteId: string, pageKey: string, slug: string | null) {
  const byPage = await db.thread.findUnique({ where: { siteId_pageKey: { siteId, pageKey } }, select: { id: true } });
  if (byPage || !slug) return byPage;
  const article = await db.article.findUnique({ where: { slug }, select: { thread: { select: { id: true } } } });
  return article?.thread ?? null;
}

// ---- import jobs started from the console (src/import/import-jobs.ts) ------------------------------

export type ImportJobRow = {
  id: string;
  siteId: string;
  fileName: string;
  format: string;
  dryRun: boolean;
  status: string;
  startedAt: Date;
  finishedAt: Date | null;
  heartbeatAt: Date;
  progress: JsonValue | null;
  summary: JsonValue | null;
  report: JsonValue;
  error: string | null;
};

/** Records a job as running. */
export async function createImportJob(
  db: Db,
  job: Omit<ImportJobRow, "finishedAt" | "progress" | "summary" | "report" | "error">,
): Promise<void> {
  await db.importJob.create({ data: { ...job, report: [] } });
}

/** A running job's latest progress (and proof that its instance is alive). */
export async function recordImportJobProgress(db: Db, id: string, progress: JsonValue | null, at: Date): Promise<void> {
  await db.importJob.updateMany({
    where: { id, status: "running" },
    data: progress === null ? { heartbeatAt: at } : { progress: progress as never, heartbeatAt: at },
  });
}

/** A job's end: done with its summary, or failed with the reason. */
export async function finishImportJob(
  db: Db,
  id: string,
  end: {
    status: "done" | "failed";
    progress: JsonValue | null;
    summary: JsonValue | null;
    report: string[];
    error: string | null;
    at: Date;
  },
): Promise<void> {
  await db.importJob.update({
    where: { id },
    data: {
      status: end.status,
      progress: (end.progress ?? undefined) as never,
      summary: (end.summary ?? undefined) as never,
      report: end.report,
      error: end.error,
      finishedAt: end.at,
      heartbeatAt: end.at,
    },
  });
}

export async function readImportJob(db: Db, id: string): Promise<ImportJobRow | null> {
  return db.importJob.findUnique({ where: { id } }) as Promise<ImportJobRow | null>;
}

/** The newest jobs first, at most `take`. */
export async function listImportJobs(db: Db, take: number): Promise<ImportJobRow[]> {
  return db.importJob.findMany({ orderBy: { startedAt: "desc" }, take }) as Promise<ImportJobRow[]>;
}
