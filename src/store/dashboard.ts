// The moderation dashboard's figures (src/moderation/dashboard.ts): one query per chart, each over one
// site and a window of whole UTC days [since, until), counted by the database and returned already
// grouped, a few rows per day. Every chart but the reports' reads an index, never the comments' rows (migration
// dashboard_rollup_columns; README "Moderation dashboard" has the plans and figures):
//   Comment(threadId, createdAt, status, flagCodes)              per day, hold reasons, busiest threads
//   Comment(threadId, status, createdAt, reportCount, flagCodes) spam by catcher (also the thread listing's)
//   Comment(decidedAt, threadId, createdAt)                      time to decision
//   Report(createdAt) + Comment's primary key                    reports (each reported comment's thread from
//                                                                its row: an index for it cost every post a write)
// Two columns exist for them: flagCodes (the flags' distinct codes, written beside the flags by the store)
// and decidedAt (a moderator's first decision on the waiting comment, written by change-status.ts).
// The two dialects differ only in a few fragments: a day's name, the codes as rows, the seconds between two times.
import { Prisma } from "../generated/sqlite/client.ts";
import type { Db, DbProvider } from "./client.ts";

export type DashboardWindow = { siteId: string; since: Date; until: Date };
export type DayCount = { day: string; key: string; count: number };
type Count = number | bigint;

type Dialect = {
  /** "2026-12-07" for a timestamp column. */
  day(column: string): Prisma.Sql;
  /** A FROM item turning comment c's flag codes into rows `f` with the code in f.value. */
  flagCodes: Prisma.Sql;
  /** Seconds from `from` to `to`. */
  seconds(from: string, to: string): Prisma.Sql;
};

// SQLite stores Prisma's DateTime as ISO text ("2026-12-07T06:57:25.827+00:00"): the first ten
// characters are the UTC day, and the text sorts in time order.
const SQLITE: Dialect = {
  day: (c) => Prisma.raw(`substr(${c}, 1, 10)`),
  flagCodes: Prisma.raw(`json_each(c."flagCodes") f`),
  seconds: (from, to) => Prisma.raw(`((julianday(${to}) - julianday(${from})) * 86400.0)`),
};
// PostgreSQL: timestamp(3) without time zone, holding UTC; flagCodes is JSON text.
const POSTGRES: Dialect = {
  day: (c) => Prisma.raw(`to_char(${c}, 'YYYY-MM-DD')`),
  flagCodes: Prisma.raw(`jsonb_array_elements_text(c."flagCodes"::jsonb) AS f(value)`),
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
 * however many flags of that code it has: flagCodes are distinct), by their status now (what
 * moderators then decided).
 */
export async function countHoldReasons(
  db: Db,
  provider: DbProvider,
  w: DashboardWindow,
): Promise<{ code: string; status: string; count: number }[]> {
  const d = dialectOf(provider);
  const rows = await db.$queryRaw<{ code: string; status: string; n: Count }[]>`
    SELECT f.value AS code, c."status" AS status, COUNT(*) AS n
    FROM "Comment" c JOIN "Thread" t ON t."id" = c."threadId", ${d.flagCodes}
    WHERE ${postedInWindow(w)} AND c."flagCodes" <> '[]'
    GROUP BY 1, 2`;
  return rows.map((r) => ({ code: String(r.code), status: String(r.status), count: Number(r.n) }));
}

export type SpamCatcher = "score" | "rules" | "reports" | "hand";

/**
 * The site's comments posted in the window that are spam now, by what caught them: the learned score
 * (flag spam-score), another rule (any other pipeline flag), readers' reports, or a moderator alone.
 * flagCodes is sorted JSON text, so these are plain text tests: no JSON is parsed.
 */
export async function countSpamByCatcher(
  db: Db,
  _provider: DbProvider,
  w: DashboardWindow,
): Promise<{ caughtBy: SpamCatcher; count: number }[]> {
  const rows = await db.$queryRaw<{ caughtBy: SpamCatcher; n: Count }[]>`
    SELECT CASE
        WHEN c."flagCodes" LIKE '%"spam-score"%' THEN 'score'
        WHEN c."flagCodes" NOT IN ('[]', '["reported"]') THEN 'rules'
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
 * window), the median seconds from posting to the first moderator's decision on the waiting (pending or
 * held) comment (Comment.decidedAt), and how many decisions that is. The medians are picked by the
 * database, so only a row per day comes back: per day with window functions, over the whole window by
 * ORDER BY … OFFSET (one sort, no window).
 */
export async function medianDecisionSeconds(
  db: Db,
  provider: DbProvider,
  w: DashboardWindow,
): Promise<{ day: string; decisions: number; medianSeconds: number }[]> {
  const d = dialectOf(provider);
  const rows = await db.$queryRaw<{ day: string; n: Count; median: number | string }[]>`
    WITH waits AS MATERIALIZED (
      SELECT ${d.day('c."decidedAt"')} AS day, ${d.seconds('c."createdAt"', 'c."decidedAt"')} AS wait
      FROM "Comment" c JOIN "Thread" t ON t."id" = c."threadId"
      WHERE t."siteId" = ${w.siteId} AND c."decidedAt" >= ${w.since} AND c."decidedAt" < ${w.until}
    ), ranked AS (
      SELECT day, wait, ROW_NUMBER() OVER (PARTITION BY day ORDER BY wait) AS rn, COUNT(*) OVER (PARTITION BY day) AS n
      FROM waits
    ), total AS (SELECT COUNT(*) AS n FROM waits)
    SELECT day, n, AVG(wait) AS median FROM ranked
    WHERE rn = (n + 1) / 2 OR rn = (n + 2) / 2
    GROUP BY day, n
    UNION ALL
    SELECT 'all', (SELECT n FROM total), AVG(wait) FROM (
      SELECT wait FROM waits ORDER BY wait
      LIMIT 2 - (SELECT n FROM total) % 2 OFFSET ((SELECT n FROM total) - 1) / 2
    ) m
    WHERE (SELECT n FROM total) > 0`;
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
