// A thread and all its comments in one round trip: the thread row (with its article's slug) and every
// comment of the thread, in display order. Only published comments bring their author and body; the
// others bring just what a "removed" placeholder needs (id, parent, depth, date), so the caller can
// keep a reply's removed ancestors without a query per level. PostgreSQL joins the thread to its
// comments (one row per comment); SQLite builds the same thing as one JSON document, which its driver
// hands over about three times faster than the rows (bench/read-json-vs-rows.ts).
import type { Db, DbProvider } from "./client.ts";

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
export type CommentRow = {
  id: string;
  parentId: string | null;
  depth: number;
  status: string;
  /** comment | pingback | trackback */
  kind: string;
  createdAt: Date;
  /** null unless the comment is published */
  authorName: string | null;
  authorUrl: string | null;
  /** Written by a signed-in moderator; false unless published. */
  byModerator: boolean;
  bodyHtml: string | null;
  editedAt: Date | null;
  /** The pipeline's metadata (its citations summary feeds the Sources list); null unless published. A
   * page read (read-thread-page.ts) brings only signedIn and citations.sources of it. */
  metadata: unknown;
  /** Whether it has CommentLink rows (its sources when its metadata has none); unset when the read did not say. */
  hasLinks?: boolean;
};

export type JoinedRow = {
  t_id: string;
  t_title: string;
  t_url: string | null;
  t_closed: boolean | number;
  t_count: number | bigint;
  t_pingbacks: number | bigint;
  a_slug: string | null;
  id: string | null;
  parentId: string | null;
  depth: number | bigint | null;
  status: string | null;
  kind: string | null;
  createdAt: Date | string | null;
  authorName: string | null;
  authorUrl: string | null;
  byModerator: boolean | null;
  bodyHtml: string | null;
  editedAt: Date | string | null;
  metadata: unknown;
  hasLinks?: boolean | null;
};

export async function readThreadWithComments(
  db: Db,
  threadId: string,
  provider: DbProvider,
): Promise<{ thread: ThreadRow; comments: CommentRow[] } | null> {
  if (provider === "sqlite") return readAsJson(db, threadId);
  const rows = await db.$queryRaw<JoinedRow[]>`
    SELECT t."id" AS t_id, t."title" AS t_title, t."url" AS t_url, t."closed" AS t_closed, t."publishedCount" AS t_count, t."pingbackCount" AS t_pingbacks,
      a."slug" AS a_slug, c."id" AS "id", c."parentId" AS "parentId", c."depth" AS "depth", c."status" AS "status", c."kind" AS "kind",
      c."createdAt" AS "createdAt",
      CASE WHEN c."status" = 'published' THEN c."authorName" END AS "authorName",
      CASE WHEN c."status" = 'published' THEN c."authorUrl" END AS "authorUrl",
      (c."status" = 'published' AND c."moderatorId" IS NOT NULL) AS "byModerator",
      CASE WHEN c."status" = 'published' THEN c."bodyHtml" END AS "bodyHtml",
      CASE WHEN c."status" = 'published' THEN c."editedAt" END AS "editedAt",
      CASE WHEN c."status" = 'published' THEN c."metadata" END AS "metadata"
    FROM "Thread" t
    LEFT JOIN "Article" a ON a."id" = t."articleId"
    LEFT JOIN "Comment" c ON c."threadId" = t."id"
    WHERE t."id" = ${threadId}
    ORDER BY c."createdAt" ASC, c."id" ASC`;
  return rows[0] ? threadAndComments(rows) : null;
}

/** The thread and its comments from joined rows (the first row's thread; none of its comments when it has none). */
export function threadAndComments(rows: JoinedRow[]): { thread: ThreadRow; comments: CommentRow[] } {
  const first = rows[0]!;
  const thread: ThreadRow = {
    id: first.t_id,
    title: first.t_title,
    url: first.t_url,
    closed: Boolean(first.t_closed),
    publishedCount: Number(first.t_count),
    pingbackCount: Number(first.t_pingbacks),
    articleSlug: first.a_slug,
  };
  const comments: CommentRow[] = [];
  for (const r of rows) {
    if (r.id === null || r.status === null || r.createdAt === null) continue; // the thread has no comments
    comments.push({
      id: r.id,
      parentId: r.parentId,
      depth: Number(r.depth),
      status: r.status,
      kind: r.kind ?? "comment",
      createdAt: toDate(r.createdAt),
      authorName: r.authorName,
      authorUrl: r.authorUrl,
      byModerator: r.byModerator === true,
      bodyHtml: r.bodyHtml,
      editedAt: r.editedAt === null ? null : toDate(r.editedAt),
      metadata: r.metadata,
      ...(r.hasLinks === undefined || r.hasLinks === null ? {} : { hasLinks: r.hasLinks }),
    });
  }
  return { thread, comments };
}

/** Raw queries return dates as Date on PostgreSQL; on SQLite a CASE expression loses the column type. */
function toDate(v: Date | string): Date {
  return v instanceof Date ? v : new Date(v);
}

type CommentJson = Omit<CommentRow, "createdAt" | "editedAt"> & { createdAt: string; editedAt: string | null };

/**
 * SQLite: the same read, built by SQLite as one JSON document (json_group_array of json_object), so
 * the driver hands over one text value instead of converting a row of eleven cells per comment.
 */
async function readAsJson(db: Db, threadId: string): Promise<{ thread: ThreadRow; comments: CommentRow[] } | null> {
  const [row] = await db.$queryRaw<{ doc: string }[]>`
    SELECT json_object(
      'id', t."id", 'title', t."title", 'url', t."url", 'closed', t."closed", 'publishedCount', t."publishedCount",
      'pingbackCount', t."pingbackCount", 'articleSlug', a."slug",
      'comments', (
        SELECT json_group_array(json_object(
          'id', c."id", 'parentId', c."parentId", 'depth', c."depth", 'status', c."status", 'kind', c."kind",
          'createdAt', c."createdAt",
          'authorName', CASE WHEN c."status" = 'published' THEN c."authorName" END,
          'authorUrl', CASE WHEN c."status" = 'published' THEN c."authorUrl" END,
          'byModerator', json(CASE WHEN c."status" = 'published' AND c."moderatorId" IS NOT NULL THEN 'true' ELSE 'false' END),
          'bodyHtml', CASE WHEN c."status" = 'published' THEN c."bodyHtml" END,
          'editedAt', CASE WHEN c."status" = 'published' THEN c."editedAt" END,
          'metadata', CASE WHEN c."status" = 'published' THEN json(c."metadata") END))
        FROM (SELECT * FROM "Comment" WHERE "threadId" = t."id" ORDER BY "createdAt" ASC, "id" ASC) c)
    ) AS doc
    FROM "Thread" t
    LEFT JOIN "Article" a ON a."id" = t."articleId"
    WHERE t."id" = ${threadId}`;
  if (!row) return null;
  return fromJson(JSON.parse(row.doc) as ThreadJson);
}

export type ThreadJson = Omit<ThreadRow, "closed"> & { closed: number; comments: CommentJson[] };

/** The thread and its comments from SQLite's JSON document. */
export function fromJson(doc: ThreadJson): { thread: ThreadRow; comments: CommentRow[] } {
  const { comments, ...thread } = doc;
  // The parsed objects become the rows in place (their dates turned into Dates): a page of a big thread
  // is hundreds of them, and a copy each is garbage the collector then has to sweep.
  for (const c of comments as (CommentJson | CommentRow)[]) {
    c.createdAt = new Date(c.createdAt);
    if (c.editedAt !== null) c.editedAt = new Date(c.editedAt);
  }
  return { thread: { ...thread, closed: Boolean(thread.closed) }, comments: comments as unknown as CommentRow[] };
}
