// Ban: who may not comment on a site, by email, IP hash or signed-in reader account.
import type { Db, Tx } from "./client.ts";

export type BanKind = "email" | "ip" | "account";
/** One identity of a poster: a lower-cased email, an IP hash or a reader account id. */
export type BanSubject = { kind: BanKind; value: string };

/** The first unexpired ban on the site matching any of the subjects (kind and reason), or null. */
export async function findActiveBan(
  db: Db | Tx,
  siteId: string,
  subjects: readonly BanSubject[],
  now: Date,
): Promise<{ kind: string; reason: string | null } | null> {
  if (!subjects.length) return null;
  return db.ban.findFirst({
    where: {
      siteId,
      OR: subjects.map((s) => ({ kind: s.kind, value: s.value })),
      AND: [{ OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] }],
    },
    select: { kind: true, reason: true },
  });
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
