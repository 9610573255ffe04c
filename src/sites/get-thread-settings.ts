// Use case: a thread with the settings that govern it (defaults ← site ← article), as the pipeline,
// the edit window and the report threshold need them. One query (Prisma would send three: the thread,
// its site, its article); both providers run this SQL as written.
import { resolveSettings } from "../config/site-settings.ts";
import { AppError } from "../domain/errors.ts";
import type { Deps } from "../deps.ts";
import type { GovernedThread } from "../domain/thread.ts";

type Row = {
  id: string;
  siteId: string;
  closed: boolean | number | bigint;
  articleId: string | null;
  createdAt: Date | string;
  siteSettings: unknown;
  articleSlug: string | null;
  articleSettings: unknown;
  publishedAt: Date | string | null;
};

export async function getThreadSettings(deps: Deps, threadId: string): Promise<GovernedThread> {
  const [thread] = await deps.db.$queryRaw<Row[]>`
    SELECT t."id", t."siteId", t."closed", t."articleId", t."createdAt", s."settings" AS "siteSettings",
      a."slug" AS "articleSlug", a."settings" AS "articleSettings", a."publishedAt"
    FROM "Thread" t
    JOIN "Site" s ON s."id" = t."siteId"
    LEFT JOIN "Article" a ON a."id" = t."articleId"
    WHERE t."id" = ${threadId}`;
  if (!thread) throw new AppError("THREAD_NOT_FOUND");
  const settings = resolveSettings(
    json(thread.siteSettings),
    thread.articleId ? json(thread.articleSettings) : undefined,
    (key) => deps.log.warn({ threadId, key }, "ignoring an invalid stored setting"),
  );
  return {
    id: thread.id,
    siteId: thread.siteId,
    closed: Boolean(Number(thread.closed)),
    articleId: thread.articleId,
    articleSlug: thread.articleSlug,
    startedAt: toDate(thread.publishedAt ?? thread.createdAt),
    settings,
  };
}

/** Raw queries hand JSON columns back as text on SQLite, parsed on PostgreSQL. */
function json(v: unknown): unknown {
  if (typeof v !== "string") return v;
  try {
    return JSON.parse(v);
  } catch {
    return null;
  }
}

function toDate(v: Date | string): Date {
  return v instanceof Date ? v : new Date(v);
}
