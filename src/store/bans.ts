// Ban: who may not comment on a site, by email, IP hash or signed-in reader account.
import { join, sqltag as sql, type Sql } from "@prisma/client/runtime/client";
import type { Db, DbProvider, Tx } from "./client.ts";
import { sqliteTime } from "./sqlite-direct.ts";

export type BanKind = "email" | "ip" | "account";
/** One identity of a poster: a lower-cased email, an IP hash or a reader account id. */
export type BanSubject = { kind: BanKind; value: string };

/** The one ban rule, as a condition on a `"Ban"` row: on this site, matching one of the subjects, not
 * expired at `now`. hasActiveBan asks it alone; a post folds it into its thread's count update
 * (threads.ts addPostedCount), so a post's ban look-up costs no statement of its own. */
export function activeBanMatch(provider: DbProvider, siteId: string, subjects: readonly BanSubject[], now: Date): Sql {
  if (!subjects.length) return sql`1 = 0`;
  // SQLite keeps Prisma's DateTime as ISO text and compares it as text (read-thread-page.ts).
  const at = provider === "sqlite" ? sqliteTime(now) : now;
  const any = join(
    subjects.map((s) => sql`("Ban"."kind" = ${s.kind} AND "Ban"."value" = ${s.value})`),
    " OR ",
  );
  return sql`"Ban"."siteId" = ${siteId} AND (${any}) AND ("Ban"."expiresAt" IS NULL OR "Ban"."expiresAt" > ${at})`;
}

/** Whether an unexpired ban on the site matches any of the subjects. */
export async function hasActiveBan(
  db: Db | Tx,
  provider: DbProvider,
  siteId: string,
  subjects: readonly BanSubject[],
  now: Date,
): Promise<boolean> {
  if (!subjects.length) return false;
  const rows = await db.$queryRaw<unknown[]>`
    SELECT 1 AS "one" FROM "Ban" WHERE ${activeBanMatch(provider, siteId, subjects, now)} LIMIT 1`;
  return rows.length > 0;
}

/** Bans the subject on the site for good (an existing ban is renewed with this reason and moderator). */
export async function upsertBan(
  tx: Tx,
  ban: BanSubject & { siteId: string; reason: string | null; moderatorId: string; now: Date },
): Promise<void> {
  const { siteId, kind, value, reason, moderatorId } = ban;
  await tx.ban.upsert({
    where: { siteId_kind_value: { siteId, kind, value } },
    update: { reason, moderatorId, expiresAt: null },
    create: { siteId, kind, value, reason, moderatorId, createdAt: ban.now },
  });
}

/** Lifts every ban on the site matching any of the subjects; returns how many. */
export async function deleteBans(tx: Tx, siteId: string, subjects: readonly BanSubject[]): Promise<number> {
  if (!subjects.length) return 0;
  const { count } = await tx.ban.deleteMany({
    where: { siteId, OR: subjects.map((s) => ({ kind: s.kind, value: s.value })) },
  });
  return count;
}
