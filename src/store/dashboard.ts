// The moderation dashboard's figures (src/moderation/dashboard.ts): one query per chart, each over one
// site and a window of whole UTC days [since, until), counted by the database and returned already
// grouped, a few rows per day. Indexes (migration dashboard_indexes): Comment(threadId, createdAt,
// status) covers the per-day, busiest-thread and spam counts; ModerationAction(createdAt, moderatorId,
// fromStatus, commentId) the first decisions; Report(createdAt) the reports. The two dialects differ only in
// a few fragments: a day's name, a comment's flags as rows, the seconds between two times.
import { Prisma } from "../generated/sqlite/client.ts";
import type { Db, DbProvider } from "./client.ts";

export type DashboardWindow = { siteId: string; since: Date; until: Date };
export type DayCount = { day: string; key: string; count: number };
type Count = number | bigint;

type Dialect = {
  /** "2026-12-07" for a timestamp column. */
  day(column: string): Prisma.Sql;
  /** A FROM item turning comment c's flags into rows `f`, and the flag code of row f. */
  flags: Prisma.Sql;
  flagCode: Prisma.Sql;
  /** Comment c has at least one flag (cheap: skips parsing the many empty lists). */
  flagged: Prisma.Sql;
  /** Seconds from `from` to `to`. */
  seconds(from: string, to: string): Prisma.Sql;
};

// SQLite stores Prisma's DateTime as ISO text ("2026-12-07T06:57:25.827+00:00"): the first ten
// characters are the UTC day, and the text sorts in time order.
const SQLITE: Dialect = {
  day: (c) => Prisma.raw(`substr(${c}, 1, 10)`),
  flags: Prisma.raw(`json_each(c."flags") f`),
  flagCode: Prisma.raw(`json_extract(f.value, '$.code')`),
  flagged: Prisma.raw(`c."flags" <> '[]'`),
  seconds: (from, to) => Prisma.raw(`((julianday(${to}) - julianday(${from})) * 86400.0)`),
};
// PostgreSQL: timestamp(3) without time zone, holding UTC; flags are jsonb.
const POSTGRES: Dialect = {
  day: (c) => Prisma.raw(`to_char(${c}, 'YYYY-MM-DD')`),
  flags: Prisma.raw(`jsonb_array_elements(c."flags") f`),
  flagCode: Prisma.raw(`(f.value->>'code')`),
  flagged: Prisma.raw(`c."flags" <> '[]'::jsonb`),
  seconds: (from, to) => Prisma.raw(`EXTRACT(EPOCH FROM (${to} - ${from}))::float8`),
};
const dialectOf = (provider: DbProvider) => (provider === "postgres" ? POSTGRES : SQLITE);

/** The site's comments posted in the window (aliases c and t), the condition every comment chart shares. */
const postedInWindow = (w: DashboardWindow) =>
  Prisma.sql`t."siteId" = ${w.siteId} AND c."createdAt" >= ${w.since} AND c."createdAt" < ${w.until}`;

/** Comments posted per UTC day, by their status now (the outcome). */
export async function countCommentsPerDay(db: Db, provider: DbProvider, w: DashboardWindow): Promise<DayCount[]> {
  const d = dialectOf(provider);
  const rows = await db.$queryRaw<{ day: string; status: string; n: Count }[]>`
    SELECT ${d.day('c."createdAt"')} AS day, c."status" AS status, COUNT(*) AS n
    FROM "Comment" c JOIN "Thread" t ON t."id" = c."threadId"
    WHERE ${postedInWindow(w)}
    GROUP BY 1, 2`;
  return rows.map((r) => ({ day: r.day, key: String(r.status), count: Number(r.n) }));
}

/**
 * Why comments posted in the window were held: per flag code, how many comments carry it (each once,
 * however many flags of that code it has), by their status now (what moderators then decided).
 */
export async function countHoldReasons(
  db: Db,
  provider: DbProvider,
  w: DashboardWindow,
): Promise<{ code: string; status: string; count: number }[]> {
  const d = dialectOf(provider);
  const rows = await db.$queryRaw<{ code: string; status: string; n: Count }[]>`
    SELECT ${d.flagCode} AS code, c."status" AS status, COUNT(DISTINCT c."id") AS n
    FROM "Comment" c JOIN "Thread" t ON t."id" = c."threadId", ${d.flags}
    WHERE ${postedInWindow(w)} AND ${d.flagged}
    GROUP BY 1, 2`;
  return rows.map((r) => ({ code: String(r.code), status: String(r.status), count: Number(r.n) }));
}

export type SpamCatcher = "score" | "rules" | "reports" | "hand";

/**
 * The site's comments posted in the window that are spam now, by what caught them: the learned score
 * (flag spam-score), another rule (any other pipeline flag), readers' reports, or a moderator alone.
 */
export async function countSpamByCatcher(
  db: Db,
  provider: DbProvider,
  w: DashboardWindow,
): Promise<{ caughtBy: SpamCatcher; count: number }[]> {
  const d = dialectOf(provider);
  const has = (condition: Prisma.Sql) => Prisma.sql`EXISTS (SELECT 1 FROM ${d.flags} WHERE ${condition})`;
  const rows = await db.$queryRaw<{ caughtBy: SpamCatcher; n: Count }[]>`
    SELECT CASE
        WHEN ${has(Prisma.sql`${d.flagCode} = 'spam-score'`)} THEN 'score'
        WHEN ${has(Prisma.sql`${d.flagCode} NOT IN ('spam-score', 'reported')`)} THEN 'rules'
        WHEN c."reportCount" > 0 THEN 'reports'
        ELSE 'hand' END AS "caughtBy",
      COUNT(*) AS n
    FROM "Comment" c JOIN "Thread" t ON t."id" = c."threadId"
    WHERE ${postedInWindow(w)} AND c."status" = 'spam'
    GROUP BY 1`;
  return rows.map((r) => ({ caughtBy: r.caughtBy, count: Number(r.n) }));
}

/**
 * How long comments waited for a moderator: per UTC day of the decision (and "all" for the whole
 * window), the median seconds from posting to the first moderator's decision on a waiting (pending or
 * held) comment, and how many decisions that is. The median is picked by the database (window
 * functions), so only a row per day comes back. MATERIALIZED keeps the plan "the window's first
 * decisions (an index range), then their comments by id" rather than every comment of the site.
 */
export async function medianDecisionSeconds(
  db: Db,
  provider: DbProvider,
  w: DashboardWindow,
): Promise<{ day: string; decisions: number; medianSeconds: number }[]> {
  const d = dialectOf(provider);
  const rows = await db.$queryRaw<{ day: string; n: Count; median: number | string }[]>`
    WITH firsts AS MATERIALIZED (
      SELECT a."commentId" AS id, MIN(a."createdAt") AS "decidedAt"
      FROM "ModerationAction" a
      WHERE a."createdAt" >= ${w.since} AND a."createdAt" < ${w.until}
        AND a."moderatorId" IS NOT NULL AND a."fromStatus" IN ('pending', 'held')
      GROUP BY a."commentId"
    ), waits AS MATERIALIZED (
      SELECT ${d.day('f."decidedAt"')} AS day, ${d.seconds('c."createdAt"', 'f."decidedAt"')} AS wait
      FROM firsts f JOIN "Comment" c ON c."id" = f.id JOIN "Thread" t ON t."id" = c."threadId"
      WHERE t."siteId" = ${w.siteId}
    ), ranked AS (
      SELECT day, wait, ROW_NUMBER() OVER (PARTITION BY day ORDER BY wait) AS rn, COUNT(*) OVER (PARTITION BY day) AS n
      FROM waits
      UNION ALL
      SELECT 'all', wait, ROW_NUMBER() OVER (ORDER BY wait), COUNT(*) OVER () FROM waits
    )
    SELECT day, n, AVG(wait) AS median FROM ranked
    WHERE rn = (n + 1) / 2 OR rn = (n + 2) / 2
    GROUP BY day, n`;
  return rows.map((r) => ({ day: r.day, decisions: Number(r.n), medianSeconds: Math.max(0, Number(r.median)) }));
}

export type BusyThread = {
  threadId: string;
  title: string;
  articleSlug: string | null;
  url: string | null;
  comments: number;
  published: number;
};

/** The site's threads that received the most comments in the window (any status), busiest first. */
export async function busiestThreads(db: Db, w: DashboardWindow, limit: number): Promise<BusyThread[]> {
  const rows = await db.$queryRaw<
    { id: string; title: string; slug: string | null; url: string | null; n: Count; published: Count }[]
  >`
    SELECT t."id" AS id, t."title" AS title, a."slug" AS slug, t."url" AS url, b.n AS n, b.published AS published
    FROM (
      SELECT c."threadId" AS "threadId", COUNT(*) AS n,
        SUM(CASE WHEN c."status" = 'published' THEN 1 ELSE 0 END) AS published
      FROM "Comment" c JOIN "Thread" t ON t."id" = c."threadId"
      WHERE ${postedInWindow(w)}
      GROUP BY c."threadId"
      ORDER BY n DESC, c."threadId"
      LIMIT ${limit}
    ) b
    JOIN "Thread" t ON t."id" = b."threadId"
    LEFT JOIN "Article" a ON a."id" = t."articleId"
    ORDER BY b.n DESC, t."id"`;
  return rows.map((r) => ({
    threadId: r.id,
    title: r.title,
    articleSlug: r.slug,
    url: r.url,
    comments: Number(r.n),
    published: Number(r.published),
  }));
}

/** Readers' reports made in the window on the site's comments, per UTC day and reason. */
export async function countReportsPerDay(db: Db, provider: DbProvider, w: DashboardWindow): Promise<DayCount[]> {
  const d = dialectOf(provider);
  const rows = await db.$queryRaw<{ day: string; reason: string; n: Count }[]>`
    SELECT ${d.day('r."createdAt"')} AS day, r."reason" AS reason, COUNT(*) AS n
    FROM "Report" r JOIN "Comment" c ON c."id" = r."commentId" JOIN "Thread" t ON t."id" = c."threadId"
    WHERE t."siteId" = ${w.siteId} AND r."createdAt" >= ${w.since} AND r."createdAt" < ${w.until}
    GROUP BY 1, 2`;
  return rows.map((r) => ({ day: r.day, key: r.reason, count: Number(r.n) }));
}

/** Every site, for the dashboard's site picker (oldest first: the hosted blog's own site leads). */
export async function listDashboardSites(db: Db): Promise<{ id: string; name: string }[]> {
  return db.site.findMany({ select: { id: true, name: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}
