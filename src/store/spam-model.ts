// The learned spam model's storage (src/spam/): per site, one SpamModel row (version and the number
// of spam / ham comments learned), one SpamToken row per feature (its spam / ham counts) and one
// SpamLabel row per comment learned (what it taught, so it can be unlearned).
import { Prisma } from "../generated/sqlite/client.ts";
import type { Db, Tx } from "./client.ts";
import type { SpamModelData, TokenCounts } from "../spam/naive-bayes.ts";

export type SpamLabelName = "spam" | "ham";
export type StoredSpamLabel = { label: SpamLabelName; features: string[] };

/** The model's version, or 0 for a site that has learned nothing (one indexed read). */
export async function readSpamModelVersion(db: Db, siteId: string): Promise<number> {
  const row = await db.spamModel.findUnique({ where: { siteId }, select: { version: true } });
  return row?.version ?? 0;
}

/** The whole model of a site, for the in-memory cache. */
export async function readSpamModel(db: Db, siteId: string): Promise<SpamModelData> {
  const head = await db.spamModel.findUnique({ where: { siteId } });
  if (!head) return { version: 0, spamDocs: 0, hamDocs: 0, tokens: new Map() };
  const rows = await db.spamToken.findMany({ where: { siteId }, select: { token: true, spam: true, ham: true } });
  const tokens = new Map<string, TokenCounts>();
  for (const r of rows) if (r.spam > 0 || r.ham > 0) tokens.set(r.token, { spam: r.spam, ham: r.ham });
  return { version: head.version, spamDocs: head.spamDocs, hamDocs: head.hamDocs, tokens };
}

/** What a comment taught the model last (its label and features), or null if nothing. */
export async function readSpamLabel(tx: Tx, commentId: string): Promise<StoredSpamLabel | null> {
  const row = await tx.spamLabel.findUnique({ where: { commentId } });
  if (!row) return null;
  return { label: row.label as SpamLabelName, features: row.features as string[] };
}

/**
 * Counts one comment in (sign +1) or out (sign −1) of the site's model and bumps its version. The
 * SpamModel row is written first: concurrent training steps of one site then take turns on it, and
 * the token rows after it are always written in the same (sorted) order.
 */
export async function countSpamLesson(
  tx: Tx,
  lesson: { siteId: string; label: SpamLabelName; features: readonly string[]; sign: 1 | -1; now: Date },
): Promise<void> {
  const { siteId, label, sign, now } = lesson;
  const docs = label === "spam" ? "spamDocs" : "hamDocs";
  await tx.spamModel.upsert({
    where: { siteId },
    create: { siteId, version: 1, spamDocs: 0, hamDocs: 0, [docs]: Math.max(0, sign), updatedAt: now },
    update: { version: { increment: 1 }, [docs]: { increment: sign }, updatedAt: now },
  });
  const tokens = [...new Set(lesson.features)].sort();
  const spam = label === "spam" ? sign : 0;
  const ham = label === "ham" ? sign : 0;
  // One multi-row upsert per 500 features (the same SQL on SQLite and PostgreSQL).
  for (let i = 0; i < tokens.length; i += 500) {
    const rows = tokens.slice(i, i + 500).map((t) => Prisma.sql`(${siteId}, ${t}, ${spam}, ${ham})`);
    await tx.$executeRaw`
      INSERT INTO "SpamToken" ("siteId", "token", "spam", "ham") VALUES ${Prisma.join(rows)}
      ON CONFLICT ("siteId", "token") DO UPDATE
      SET "spam" = "SpamToken"."spam" + excluded."spam", "ham" = "SpamToken"."ham" + excluded."ham"`;
  }
}

/** Records what a comment taught, replacing its earlier lesson (so it can be unlearned later). */
export async function writeSpamLabel(
  tx: Tx,
  row: { commentId: string; siteId: string; label: SpamLabelName; features: string[]; now: Date },
): Promise<void> {
  const data = { siteId: row.siteId, label: row.label, features: row.features, createdAt: row.now };
  await tx.spamLabel.upsert({
    where: { commentId: row.commentId },
    create: { commentId: row.commentId, ...data },
    update: data,
  });
}

/** What the model needs to know about a comment to learn it. */
export async function readCommentForLesson(tx: Tx, commentId: string) {
  return tx.comment.findUnique({
    where: { id: commentId },
    select: {
      id: true,
      bodySource: true,
      authorName: true,
      authorEmail: true,
      authorUrl: true,
      metadata: true,
      thread: { select: { siteId: true } },
    },
  });
}

/** Forgets everything a site learned (the retrain command starts from here). The version keeps
 *  counting up, never restarts: an instance holding an older copy must never see its number again. */
export async function clearSpamModel(tx: Tx, siteId: string, now: Date): Promise<void> {
  await tx.spamToken.deleteMany({ where: { siteId } });
  await tx.spamLabel.deleteMany({ where: { siteId } });
  await tx.spamModel.updateMany({
    where: { siteId },
    data: { spamDocs: 0, hamDocs: 0, version: { increment: 1 }, updatedAt: now },
  });
}

/**
 * The latest moderator decision that teaches something, per comment of the site, oldest first: the
 * history the retrain command replays. (Actions by moderators only; the label rule is the caller's.)
 */
export async function readModeratorDecisions(db: Db, siteId: string) {
  return db.moderationAction.findMany({
    where: { moderatorId: { not: null }, comment: { thread: { siteId } } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { commentId: true, action: true, fromStatus: true, toStatus: true, reason: true },
  });
}

/** Every site's id, oldest site first (the retrain command walks them all). */
export async function listSiteIds(db: Db): Promise<string[]> {
  return (await db.site.findMany({ select: { id: true }, orderBy: { createdAt: "asc" } })).map((s) => s.id);
}

/** Forgets what a comment taught (its counts must already be taken out of the model). */
export async function deleteSpamLabel(tx: Tx, commentId: string): Promise<void> {
  await tx.spamLabel.deleteMany({ where: { commentId } });
}
