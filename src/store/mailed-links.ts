// One-time links sent by mail (a reader's email sign-in, a moderator's password reset). The row is
// keyed by the SHA-256 of the link's token; using it sets `usedAt` in one conditional update, so of
// two clicks racing exactly one wins, and a later click is told the link was used (not "unknown").
import type { Db, Tx } from "./client.ts";

export type MailedLinkPurpose = "reader-sign-in" | "password-reset" | "moderator-link";

export type NewMailedLink = {
  id: string;
  purpose: MailedLinkPurpose;
  email: string;
  data: Record<string, unknown>;
  createdAt: Date;
  expiresAt: Date;
};

/** Stores a link just mailed and forgets the links a day past their expiry. */
export async function insertMailedLink(db: Db | Tx, link: NewMailedLink): Promise<void> {
  await db.mailedLink.create({ data: { ...link, data: JSON.stringify(link.data) } });
  // Housekeeping: links a day past their expiry are gone (a replay of those is "not valid").
  await db.mailedLink.deleteMany({ where: { expiresAt: { lte: new Date(link.createdAt.getTime() - 86_400_000) } } });
}

export type UsedLink =
  | { outcome: "used-now"; email: string; data: Record<string, unknown> }
  | { outcome: "already-used" | "expired" | "unknown" };

/** Uses the link once: the first use within its lifetime gets its contents, later ones learn why not. */
export async function useMailedLink(db: Db, id: string, purpose: MailedLinkPurpose, now: Date): Promise<UsedLink> {
  const { count } = await db.mailedLink.updateMany({
    where: { id, purpose, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  const row = await db.mailedLink.findUnique({ where: { id } });
  if (!row || row.purpose !== purpose) return { outcome: "unknown" };
  if (count === 1)
    return { outcome: "used-now", email: row.email, data: JSON.parse(row.data) as Record<string, unknown> };
  return { outcome: row.usedAt ? "already-used" : "expired" };
}

/** Whether the link exists, unused and in time (the confirmation page before the one click that uses it). */
export async function peekMailedLink(db: Db, id: string, purpose: MailedLinkPurpose, now: Date) {
  const row = await db.mailedLink.findUnique({ where: { id } });
  if (!row || row.purpose !== purpose) return { outcome: "unknown" as const };
  if (row.usedAt) return { outcome: "already-used" as const };
  if (row.expiresAt <= now) return { outcome: "expired" as const };
  return { outcome: "usable" as const, email: row.email, data: JSON.parse(row.data) as Record<string, unknown> };
}

/** Ends every unused link of this purpose for the address (a password changed: older reset links die). */
export async function expireMailedLinks(db: Db, purpose: MailedLinkPurpose, email: string, now: Date): Promise<void> {
  await db.mailedLink.updateMany({ where: { purpose, email, usedAt: null }, data: { usedAt: now } });
}
