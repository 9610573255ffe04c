// A thread's comments as readers see them, built by the database as one JSON document: the thread row
// (with its article's slug), each comment read in the very shape the API sends (PublicComment: the
// listing keys in their order, dates as toISOString writes them), and the published ones whose
// sources are looked up. A comment readers are not shown (unpublished, or a pingback the site hides)
// comes as a "removed" placeholder, which the listing keeps only above a shown reply. The driver hands
// over one text value instead of a row per comment, and JavaScript does not build each comment again
// from its row (parse, dates, a new object). The whole thread here (the oracle the paged reads are
// checked against); one page of it in read-thread-page.ts, from the same fragments.
// SQLite answers straight from its connection (store/sqlite-direct.ts: no Prisma statement, no lock
// other than the adapter's); PostgreSQL through Prisma, building the same document.
import { Prisma } from "../generated/sqlite/client.ts";
import type { PublicComment } from "../domain/public-comment.ts";
import type { Db, DbProvider } from "./client.ts";
import { directRows } from "./sqlite-direct.ts";

export type ThreadRow = {
  id: string;
  title: string;
  url: string | null;
  closed: boolean;
  publishedCount: number;
  /** The pingbacks and trackbacks among publishedCount. */
  pingbackCount: number;
  articleSlug: string | null;
};

export type ThreadComments = {
  thread: ThreadRow;
  /** Every comment read, oldest first ((createdAt, id)): the shown ones whole (`references` still
   * empty), the others as placeholders (status "removed"). */
  comments: PublicComment[];
  /** The shown comments with sources to look up (CommentLink rows, or a summary in their metadata),
   * with that summary (metadata.citations.sources) as loadReferences reads it. */
  citing: { id: string; metadata: unknown }[];
};

/** The SQL of one database's JSON functions. */
export type JsonDialect = {
  object: string;
  array: string;
  /** A DateTime column as `Date.toISOString()` writes it ("2026-12-07T06:57:25.827Z"). */
  iso: (column: string) => string;
  bool: (condition: string) => string;
  /** Whether the metadata's value at a path (["signedIn", "label"]) is a string / an array. */
  isText: (c: string, path: string[]) => string;
  isArray: (c: string, path: string[]) => string;
  text: (c: string, path: string[]) => string;
  json: (c: string, path: string[]) => string;
  /** The array of `value` over the rows, in (createdAt, id) order or as found. */
  agg: (value: string, ordered: boolean) => string;
  /** How the document comes back as text. */
  doc: string;
};

export const SQLITE_JSON: JsonDialect = {
  object: "json_object",
  array: "json_array",
  // Prisma keeps DateTime as ISO text in UTC with an offset ("…25.827+00:00"): its first 23 characters
  // and "Z"; strftime (slower) for any other form.
  iso: (col) =>
    `CASE WHEN substr(${col}, 24) = '+00:00' THEN substr(${col}, 1, 23) || 'Z' ELSE strftime('%Y-%m-%dT%H:%M:%fZ', ${col}) END`,
  bool: (cond) => `json(CASE WHEN ${cond} THEN 'true' ELSE 'false' END)`,
  isText: (c, path) => `(json_type(${c}."metadata", '$.${path.join(".")}') = 'text')`,
  isArray: (c, path) => `(json_type(${c}."metadata", '$.${path.join(".")}') = 'array')`,
  text: (c, path) => `(${c}."metadata" ->> '$.${path.join(".")}')`,
  json: (c, path) => `(${c}."metadata" -> '$.${path.join(".")}')`,
  agg: (value, ordered) => `json_group_array(${value}${ordered ? ` ORDER BY c."createdAt" ASC, c."id" ASC` : ""})`,
  doc: "",
};

export const POSTGRES_JSON: JsonDialect = {
  object: "json_build_object",
  array: "json_build_array",
  // timestamp(3) without time zone, kept in UTC.
  iso: (col) => `to_char(${col}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
  bool: (cond) => `(${cond})`,
  isText: (c, path) => `(jsonb_typeof(${c}."metadata" #> '{${path.join(",")}}') = 'string')`,
  isArray: (c, path) => `(jsonb_typeof(${c}."metadata" #> '{${path.join(",")}}') = 'array')`,
  text: (c, path) => `(${c}."metadata" #>> '{${path.join(",")}}')`,
  json: (c, path) => `(${c}."metadata" #> '{${path.join(",")}}')`,
  agg: (value, ordered) =>
    `COALESCE(json_agg(${value}${ordered ? ` ORDER BY c."createdAt" ASC, c."id" COLLATE "C" ASC` : ""}), '[]'::json)`,
  doc: "::text",
};

/** The test of a comment shown to readers: published, and of a kind the site shows. */
export function shownTest(c: string, showPingbacks: boolean): string {
  return showPingbacks ? `(${c}."status" = 'published')` : `(${c}."status" = 'published' AND ${c}."kind" = 'comment')`;
}

/**
 * Comment `c` as readers get it (toPublicComment's keys, in its order; toPlaceholder's when not shown).
 * `shown`: shownTest's SQL for `c`.
 */
function publicComment(d: JsonDialect, shown: string): string {
  const ifShown = (value: string, otherwise = "NULL") => `CASE WHEN ${shown} THEN ${value} ELSE ${otherwise} END`;
  const signedIn = `${d.isText("c", ["signedIn", "label"])} AND ${d.isText("c", ["signedIn", "provider"])}`;
  return `${d.object}('id', c."id", 'threadId', c."threadId", 'parentId', c."parentId", 'depth', c."depth",
    'authorName', ${ifShown(`COALESCE(c."authorName", '')`, "''")},
    'authorUrl', ${ifShown(`c."authorUrl"`)},
    'byModerator', ${d.bool(`${shown} AND c."moderatorId" IS NOT NULL`)},
    'bodyHtml', ${ifShown(`COALESCE(c."bodyHtml", '')`, "''")},
    'status', ${ifShown("'published'", "'removed'")},
    'createdAt', ${d.iso(`c."createdAt"`)},
    'editedAt', ${ifShown(d.iso(`c."editedAt"`))},
    'references', ${d.array}(),
    'verified', CASE WHEN ${shown} AND ${signedIn} THEN ${d.object}('provider', ${d.text("c", ["signedIn", "label"])}) END)`;
}

/**
 * The document of thread `t` (joined to its article `a`) and the comments `rows` selects (a FROM item
 * named c: `"Comment" c WHERE …`), with `extra` fields (`'key', value, ` each) first. Each comment
 * comes as [its public shape, what loadReferences reads of its metadata or null when it cites nothing],
 * in one pass over the rows; `ordered`: oldest first (else as found: a page's caller sorts its tree).
 */
export function threadDocument(
  d: JsonDialect,
  showPingbacks: boolean,
  rows: Prisma.Sql,
  opts: { extra?: Prisma.Sql; ordered: boolean },
): Prisma.Sql {
  const shown = shownTest("c", showPingbacks);
  const cites = `${shown} AND (${d.isArray("c", ["citations", "sources"])}
    OR EXISTS (SELECT 1 FROM "CommentLink" l WHERE l."commentId" = c."id"))`;
  const sources = `${d.object}('citations', ${d.object}('sources', ${d.json("c", ["citations", "sources"])}))`;
  const pair = `${d.array}(${publicComment(d, shown)}, CASE WHEN ${cites} THEN ${sources} END)`;
  return Prisma.sql`${Prisma.raw(d.object)}(${opts.extra ?? Prisma.empty}
    'id', t."id", 'title', t."title", 'url', t."url", 'closed', t."closed", 'publishedCount', t."publishedCount",
    'pingbackCount', t."pingbackCount", 'articleSlug', a."slug",
    'comments', (SELECT ${Prisma.raw(d.agg(pair, opts.ordered))} FROM ${rows}))${Prisma.raw(d.doc)}`;
}

/** Runs a statement answering one row with the document in `doc` (null: no row, the thread is unknown). */
export async function readDocument<T>(db: Db, query: Prisma.Sql): Promise<T | null> {
  const [row] = await directRows<{ doc: string }>(db, query); // on SQLite past Prisma, under the lock
  return row ? (JSON.parse(row.doc) as T) : null;
}

export type ThreadJson = Omit<ThreadRow, "closed"> & {
  closed: boolean | number;
  comments: [PublicComment, { citations: { sources: unknown } } | null][];
};

/** The thread and its comments from the document (its other fields are the caller's). */
export function threadComments(doc: ThreadJson): ThreadComments {
  const comments: PublicComment[] = [];
  const citing: ThreadComments["citing"] = [];
  for (const [c, metadata] of doc.comments) {
    comments.push(c);
    if (metadata) citing.push({ id: c.id, metadata });
  }
  return {
    thread: {
      id: doc.id,
      title: doc.title,
      url: doc.url,
      closed: Boolean(doc.closed),
      publishedCount: doc.publishedCount,
      pingbackCount: doc.pingbackCount,
      articleSlug: doc.articleSlug,
    },
    comments,
    citing,
  };
}

/** The whole thread; null when there is no such thread. */
export async function readThreadWithComments(
  db: Db,
  provider: DbProvider,
  threadId: string,
  showPingbacks: boolean,
): Promise<ThreadComments | null> {
  const d = provider === "postgres" ? POSTGRES_JSON : SQLITE_JSON;
  const doc = await readDocument<ThreadJson>(
    db,
    Prisma.sql`SELECT ${threadDocument(d, showPingbacks, Prisma.sql`"Comment" c WHERE c."threadId" = t."id"`, { ordered: true })} AS doc
      FROM "Thread" t
      LEFT JOIN "Article" a ON a."id" = t."articleId"
      WHERE t."id" = ${threadId}`,
  );
  return doc ? threadComments(doc) : null;
}
