// The moderation console's reads: queue pages (comments with their thread, parent, open reports and
// reader account; their links come from citations/comment-references.ts), the authors' track records
// and the tabs' counts. A fixed number of queries per page whatever its size; parents and accounts
// are read only when a row on the page has one.
import type { Comment, Prisma } from "../generated/sqlite/client.ts";
import type { CommentStatus, QueueName } from "../domain/comment.ts";
import type { Cursor } from "../domain/cursor.ts";
import type { Db, DbProvider, Tx } from "./client.ts";
import { afterCursor } from "./paging.ts";

/** A comment as a queue card is built from. */
export type QueueRow = Comment & {
  thread: { id: string; title: string; url: string | null; article: { slug: string; title: string } | null };
  parent: { id: string; authorName: string; bodySource: string } | null;
  reports: { reason: string; note: string | null; createdAt: Date }[];
  readerAccount: { provider: string; subject: string; displayName: string } | null;
  /** The author's comments counted by status (this one included), when known with the row; read otherwise. */
  authorRecord?: { status: CommentStatus; count: number }[];
};

const QUEUE_ROW_INCLUDE = {
  thread: { select: { id: true, title: true, url: true, article: { select: { slug: true, title: true } } } },
  reports: {
    where: { resolvedAt: null },
    orderBy: { createdAt: "asc" },
    select: { reason: true, note: true, createdAt: true },
  },
} as const;

type Loaded = Comment & Pick<QueueRow, "thread" | "reports">;

/** Adds each row's parent and reader account, reading each kind only if some row has one. */
async function withParentsAndAccounts(db: Db | Tx, rows: Loaded[]): Promise<QueueRow[]> {
  const parentIds = [...new Set(rows.flatMap((r) => (r.parentId ? [r.parentId] : [])))];
  const accountIds = [...new Set(rows.flatMap((r) => (r.readerAccountId ? [r.readerAccountId] : [])))];
  const [parents, accounts] = await Promise.all([
    parentIds.length
      ? db.comment.findMany({
          where: { id: { in: parentIds } },
          select: { id: true, authorName: true, bodySource: true },
        })
      : [],
    accountIds.length
      ? db.readerAccount.findMany({
          where: { id: { in: accountIds } },
          select: { id: true, provider: true, subject: true, displayName: true },
        })
      : [],
  ]);
  const parentById = new Map(parents.map((p) => [p.id, p]));
  const accountById = new Map(accounts.map(({ id, ...a }) => [id, a]));
  return rows.map((r) => ({
    ...r,
    parent: (r.parentId && parentById.get(r.parentId)) || null,
    readerAccount: (r.readerAccountId && accountById.get(r.readerAccountId)) || null,
  }));
}

/** Which comments each queue holds. `reported` = still published, with unresolved reader reports. */
function queueWhere(queue: QueueName): Prisma.CommentWhereInput {
  switch (queue) {
    case "reported":
      return { status: "published", reportCount: { gt: 0 } };
    case "all":
      return { status: { not: "deleted" } };
    default:
      return { status: queue };
  }
}

export type QueuePageQuery = {
  queue: QueueName;
  /** An article's slug. */
  article?: string;
  /** Text, author name or email, case-insensitive on both databases. */
  q?: string;
  comment?: string;
  direction: "asc" | "desc";
  after: Cursor | null;
  take: number;
};

/** A page of one queue in (createdAt, id) order after the cursor, at most `take` rows. */
export async function listQueueRows(db: Db, provider: DbProvider, query: QueuePageQuery): Promise<QueueRow[]> {
  const { direction } = query;
  const rows = await db.comment.findMany({
    where: {
      AND: [
        queueWhere(query.queue),
        query.article ? { thread: { article: { slug: query.article } } } : {},
        query.q ? searchWhere(provider, query.q) : {},
        query.comment ? { id: query.comment } : {},
        afterCursor(query.after, direction),
      ],
    },
    orderBy: [{ createdAt: direction }, { id: direction }],
    take: query.take,
    include: QUEUE_ROW_INCLUDE,
  });
  return withParentsAndAccounts(db, rows);
}

/** These comments as queue cards are built from (any status), in no particular order. */
export async function readQueueRows(db: Db | Tx, ids: readonly string[]): Promise<QueueRow[]> {
  if (!ids.length) return [];
  const rows = await db.comment.findMany({ where: { id: { in: [...ids] } }, include: QUEUE_ROW_INCLUDE });
  return withParentsAndAccounts(db, rows);
}

/** How many comments each of these emails wrote, by status. */
export async function countByAuthorAndStatus(
  db: Db | Tx,
  emails: readonly string[],
): Promise<{ authorEmail: string; status: CommentStatus; count: number }[]> {
  const groups = await db.comment.groupBy({
    by: ["authorEmail", "status"],
    where: { authorEmail: { in: [...emails] } },
    _count: { _all: true },
  });
  return groups.map((g) => ({ authorEmail: g.authorEmail, status: g.status, count: g._count._all }));
}

/** Case-insensitive on both databases (SQLite's LIKE already is for ASCII; PostgreSQL needs ILIKE). */
function searchWhere(provider: DbProvider, q: string): Prisma.CommentWhereInput {
  const contains = (value: string) =>
    (provider === "postgres" ? { contains: value, mode: "insensitive" } : { contains: value }) as Prisma.StringFilter;
  return { OR: [{ bodySource: contains(q) }, { authorName: contains(q) }, { authorEmail: contains(q.toLowerCase()) }] };
}
