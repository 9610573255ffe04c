// The Comment table: the one place a comment row is written (insertComment) and the reads use cases
// need by id. Status changes go through store/comment-status.ts; links are written with the row
// they belong to, revisions by an edit (revisions.ts).
import { sqltag as sql } from "@prisma/client/runtime/client";
import type { Comment } from "../generated/sqlite/client.ts";
import type { CommentFlag, CommentStatus } from "../domain/comment.ts";
import { flagCodesOf, type Db, type JsonObject, type Tx } from "./client.ts";
import type { CommentLinkWrite } from "./comment-links.ts";
import { newRowId } from "./row-ids.ts";
import { directRows, sqliteDate, sqliteDirect, type SqliteRow } from "./sqlite-direct.ts";
import { pgDirect } from "./pg-direct.ts";
import { lockArgument, lockKeys, type KeyLocks } from "./poster-locks.ts";
import type { BodyHash } from "../domain/body-hash.ts";

/** A comment row as stored. */
export type StoredComment = Comment;

/** These comments (any status, any thread), in no particular order; ids not found are absent. */
export function readComments(db: Db | Tx, ids: readonly string[]): Promise<StoredComment[]> {
  if (!ids.length) return Promise.resolve([]);
  return db.comment.findMany({ where: { id: { in: [...ids] } } });
}

/** These comments if they belong to the thread; others are absent. */
export function readThreadComments(db: Db | Tx, threadId: string, ids: readonly string[]): Promise<StoredComment[]> {
  if (!ids.length) return Promise.resolve([]);
  return db.comment.findMany({ where: { id: { in: [...ids] }, threadId } });
}

/** comment | pingback | trackback ("comment" when the row does not exist: it counts as nothing else). */
export async function readCommentKind(db: Db | Tx, id: string): Promise<string> {
  return (await db.comment.findUnique({ where: { id }, select: { kind: true } }))?.kind ?? "comment";
}

/** What a comment's publication mail needs: its parent and author email (null when it does not exist). */
export function readMailFields(
  db: Db | Tx,
  id: string,
): Promise<{ parentId: string | null; authorEmail: string } | null> {
  return db.comment.findUnique({ where: { id }, select: { parentId: true, authorEmail: true } });
}

/** The comment with its thread's site (null when it does not exist). */
export function readCommentWithSite(
  db: Db | Tx,
  id: string,
): Promise<(StoredComment & { thread: { siteId: string } }) | null> {
  return db.comment.findUnique({ where: { id }, include: { thread: { select: { siteId: true } } } });
}

/** Comments by this email on the site whose status is one of `statuses`, except one; in id order. */
export function listAuthorsComments(
  db: Db | Tx,
  q: { siteId: string; email: string; statuses: readonly CommentStatus[]; exceptId: string },
): Promise<{ id: string; threadId: string; revision: number; status: CommentStatus; publishedAt: Date | null }[]> {
  return db.comment.findMany({
    where: {
      authorEmail: q.email,
      thread: { siteId: q.siteId },
      status: { in: [...q.statuses] },
      id: { not: q.exceptId },
    },
    select: { id: true, threadId: true, revision: true, status: true, publishedAt: true },
    orderBy: { id: "asc" }, // one order for row locks
  });
}

/** How many comments by this email on the site have each of `statuses`, except one. */
export async function countAuthorsComments(
  db: Db | Tx,
  q: { siteId: string; email: string; statuses: readonly CommentStatus[]; exceptId: string },
): Promise<Map<CommentStatus, number>> {
  const groups = await db.comment.groupBy({
    by: ["status"],
    where: {
      authorEmail: q.email,
      thread: { siteId: q.siteId },
      id: { not: q.exceptId },
      status: { in: [...q.statuses] },
    },
    _count: { _all: true },
  });
  return new Map(groups.map((g) => [g.status, g._count._all]));
}

/** One comment by id (null when it does not exist). */
export function readComment(db: Db | Tx, id: string): Promise<StoredComment | null> {
  return db.comment.findUnique({ where: { id } });
}

/** A new comment as written: the row and the links that go with it. */
export type NewComment = {
  threadId: string;
  parentId: string | null;
  depth: number;
  authorName: string;
  authorEmail: string;
  authorUrl: string | null;
  moderatorId: string | null;
  readerAccountId: string | null;
  ipHash: string;
  bodySource: string;
  /** bodyHashOf(bodySource) (domain/body-hash.ts): the post has it for its duplicate look-ups. */
  bodyHash: BodyHash;
  bodyHtml: string;
  status: CommentStatus;
  flags: CommentFlag[];
  metadata: Record<string, unknown>;
  editTokenHash: string | null;
  createdAt: Date;
  publishedAt: Date | null;
  links: readonly CommentLinkWrite[];
};

/** Writes a new comment: its row and its links (its text as posted is its revision 1 until an edit:
 * revisions.ts). The one place a comment row is created. `locks`: taken first, before the row (a post's
 * poster locks, moderation/poster-lock.ts postLocks); on PostgreSQL in the INSERT's own statement. */
export async function insertComment(tx: Tx, c: NewComment, locks?: KeyLocks): Promise<StoredComment> {
  const { links, flags, metadata, ...row } = c;
  const flagCodes = flagCodesOf(flags);
  const values = () => [
    newRowId(),
    ...COLUMNS.map((k) => row[k]),
    flagCodes,
    JSON.stringify(flags),
    JSON.stringify(metadata),
  ];
  // SQLite needs no lock (its one writer: store/poster-locks.ts).
  const direct = sqliteDirect(tx, (sql) => {
    const stored = commentOf(sql.get(INSERT_COMMENT_SQLITE, values())!, sqliteDate, (v) => JSON.parse(v as string));
    for (const l of links) sql.run(INSERT_LINK_SQLITE, [stored.id, l.url, l.label]);
    return stored;
  });
  if (direct) return direct;
  const pg = pgDirect(tx);
  if (pg) {
    // One statement: the locks (in their order, before the row is made), the row, its links.
    const lockNumbers = (locks && lockArgument(locks)) ?? [];
    const linkColumns = [links.map((l) => l.url), links.map((l) => l.label)];
    const [stored] = await pg.rows(INSERT_COMMENT_POSTGRES, [lockNumbers, ...values(), ...linkColumns]);
    return commentOf(
      stored!,
      (v) => v as Date | null,
      (v) => v,
    );
  }
  if (locks) await lockKeys(tx, locks.provider, locks.keys);
  // Flat inserts, not one nested create: Prisma reads a nested create's row back with an extra SELECT.
  const created = await tx.comment.create({
    data: { ...row, flags, flagCodes, metadata: metadata as JsonObject },
  });
  if (links.length) await tx.commentLink.createMany({ data: links.map((l) => ({ commentId: created.id, ...l })) });
  return created;
}

// The INSERT as sent straight to SQLite (store/sqlite-direct.ts) or PostgreSQL (store/pg-direct.ts): the row
// comes back as Prisma returns it.
// Where each NewComment field goes: its own column, or written apart (JSON text; the CommentLink rows).
// `satisfies` makes tsc name a field added to NewComment and not placed here, which SQLite would drop
// without a word (Prisma's create, on PostgreSQL, would write it).
const DIRECT_FIELDS = {
  threadId: "column",
  parentId: "column",
  depth: "column",
  authorName: "column",
  authorEmail: "column",
  authorUrl: "column",
  moderatorId: "column",
  readerAccountId: "column",
  ipHash: "column",
  bodySource: "column",
  bodyHash: "column",
  bodyHtml: "column",
  status: "column",
  editTokenHash: "column",
  createdAt: "column",
  publishedAt: "column",
  flags: "json",
  metadata: "json",
  links: "links",
} as const satisfies Record<keyof NewComment, "column" | "json" | "links">;
type ColumnField = {
  [K in keyof typeof DIRECT_FIELDS]: (typeof DIRECT_FIELDS)[K] extends "column" ? K : never;
}[keyof typeof DIRECT_FIELDS];
const COLUMNS = (Object.keys(DIRECT_FIELDS) as (keyof NewComment)[]).filter(
  (k): k is ColumnField => DIRECT_FIELDS[k] === "column",
);
const INSERT_COMMENT_SQLITE = `INSERT INTO "Comment" (${["id", ...COLUMNS, "flagCodes", "flags", "metadata"]
  .map((k) => `"${k}"`)
  .join(", ")}) VALUES (?, ${COLUMNS.map(() => "?").join(", ")}, ?, ?, ?) RETURNING *`;
const INSERT_LINK_SQLITE = `INSERT INTO "CommentLink" ("commentId", "url", "label") VALUES (?, ?, ?)`;
// PostgreSQL: the poster locks first ($1, lock numbers in their order: the aggregate takes them all before
// the row is made, as store/poster-locks.ts lockKeys would), then the row, then its links (the last two
// parameters, url and label arrays), all in one statement; the links' foreign key is checked at its end.
// The row comes back by named columns, never `*`: a prepared statement's result columns are fixed when it is
// prepared, so a column another instance's migration adds would make it fail ("cached plan must not change
// result type"). `satisfies` makes tsc name a StoredComment field not read back.
const INSERTED_COLUMNS = ["id", ...COLUMNS, "flagCodes", "flags", "metadata"];
const RETURNED = {
  id: 1,
  threadId: 1,
  parentId: 1,
  depth: 1,
  authorName: 1,
  authorEmail: 1,
  authorUrl: 1,
  moderatorId: 1,
  readerAccountId: 1,
  ipHash: 1,
  bodySource: 1,
  bodyHtml: 1,
  bodyHash: 1,
  status: 1,
  revision: 1,
  flags: 1,
  flagCodes: 1,
  metadata: 1,
  reportCount: 1,
  editTokenHash: 1,
  createdAt: 1,
  editedAt: 1,
  publishedAt: 1,
  decidedAt: 1,
  kind: 1,
  importKey: 1,
} as const satisfies Record<keyof StoredComment, 1>;
const RETURNED_COLUMNS = Object.keys(RETURNED)
  .map((k) => `"${k}"`)
  .join(", ");
const INSERT_COMMENT_POSTGRES = `
  WITH l AS (SELECT count(pg_advisory_xact_lock(k)) AS "n" FROM unnest($1::bigint[]) AS k),
  c AS (
    INSERT INTO "Comment" (${INSERTED_COLUMNS.map((k) => `"${k}"`).join(", ")})
    SELECT ${INSERTED_COLUMNS.map((_, i) => `$${i + 2}`).join(", ")} FROM l
    RETURNING ${RETURNED_COLUMNS}
  ),
  k AS (
    INSERT INTO "CommentLink" ("commentId", "url", "label")
    SELECT c."id", x."url", x."label" FROM c,
      unnest($${INSERTED_COLUMNS.length + 2}::text[], $${INSERTED_COLUMNS.length + 3}::text[]) AS x("url", "label")
  )
  SELECT ${RETURNED_COLUMNS} FROM c`;

/** A Comment row as the driver hands it back, as Prisma returns it: dates as Dates, JSON parsed, in the
 *  model's order (SQLite: text to convert; PostgreSQL: Dates and parsed JSON already, in the table's order). */
function commentOf(r: SqliteRow, date: (v: unknown) => Date | null, json: (v: unknown) => unknown): StoredComment {
  const text = (k: keyof StoredComment) => r[k] as string;
  const maybe = (k: keyof StoredComment) => r[k] as string | null;
  return {
    id: text("id"),
    threadId: text("threadId"),
    parentId: maybe("parentId"),
    depth: r.depth as number,
    authorName: text("authorName"),
    authorEmail: text("authorEmail"),
    authorUrl: maybe("authorUrl"),
    moderatorId: maybe("moderatorId"),
    readerAccountId: maybe("readerAccountId"),
    ipHash: text("ipHash"),
    bodySource: text("bodySource"),
    bodyHtml: text("bodyHtml"),
    bodyHash: maybe("bodyHash"),
    status: r.status as CommentStatus,
    revision: r.revision as number,
    flags: json(r.flags) as StoredComment["flags"],
    flagCodes: text("flagCodes"),
    metadata: json(r.metadata) as StoredComment["metadata"],
    reportCount: r.reportCount as number,
    editTokenHash: maybe("editTokenHash"),
    createdAt: date(r.createdAt)!,
    editedAt: date(r.editedAt),
    publishedAt: date(r.publishedAt),
    decidedAt: date(r.decidedAt),
    kind: text("kind"),
    importKey: maybe("importKey"),
  };
}

type ReplyParent = {
  id: string;
  threadId: string;
  parentId: string | null;
  depth: number;
  status: CommentStatus;
  authorName: string;
  bodySource: string;
};

/** The place in a thread a reply goes under: the parent's thread, parent, depth and status, and its author
 * and text as the reply's queue card quotes them (null: no such comment). One text for both stores. */
export async function readReplyParent(db: Db | Tx, id: string): Promise<ReplyParent | null> {
  const [parent] = await directRows<ReplyParent>(
    db,
    sql`SELECT "id", "threadId", "parentId", "depth", "status", "authorName", "bodySource" FROM "Comment" WHERE "id" = ${id}`,
  );
  return parent ?? null;
}

/** How many replies to the comment are still visible to someone (not deleted, rejected or spam). */
export function countLiveReplies(db: Db | Tx, id: string): Promise<number> {
  return db.comment.count({ where: { parentId: id, status: { notIn: [...GONE] } } });
}

/** Which of these comments have a reply still visible to someone. */
export async function withLiveReplies(db: Db | Tx, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const groups = await db.comment.groupBy({
    by: ["parentId"],
    where: { parentId: { in: [...ids] }, status: { notIn: [...GONE] } },
  });
  return new Set(groups.flatMap((g) => (g.parentId ? [g.parentId] : [])));
}

/** The thread's comments written with these edit-token hashes and still shown to their author (pending, held, published), oldest first. */
export function listCommentsByTokenHashes(
  db: Db | Tx,
  threadId: string,
  hashes: readonly string[],
): Promise<StoredComment[]> {
  if (!hashes.length) return Promise.resolve([]);
  return db.comment.findMany({
    where: { threadId, editTokenHash: { in: [...hashes] }, status: { in: ["pending", "held", "published"] } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}

/** Sets the comment's open-report count and returns the row as it is now. */
export function writeReportCount(tx: Tx, id: string, reportCount: number): Promise<StoredComment> {
  return tx.comment.update({ where: { id }, data: { reportCount } });
}

/** Statuses in which a comment no longer counts as a reply: nobody sees it. */
const GONE: readonly CommentStatus[] = ["deleted", "rejected", "spam"];
