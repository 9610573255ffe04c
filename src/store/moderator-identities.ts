// ModeratorIdentity: an identity provider account (provider, subject) an admin linked to a moderator
// account through a one-time invitation. Never matched by email: only this row lets a provider's
// sign-in open a moderator session. Linking, unlinking and their audit rows commit together.
import { isUniqueViolation, inTransaction, type Db } from "./client.ts";
import { insertAccountAction } from "./account-actions.ts";

export type ModeratorIdentityRow = {
  id: string;
  moderatorId: string;
  provider: string;
  subject: string;
  label: string;
  createdAt: Date;
};

/** The identities linked to these accounts (the Moderators page). */
export function listModeratorIdentities(db: Db, moderatorIds: readonly string[]): Promise<ModeratorIdentityRow[]> {
  return db.moderatorIdentity.findMany({
    where: { moderatorId: { in: [...moderatorIds] } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}

/** The moderator account a provider's (provider, subject) is linked to, if any. */
export function findLinkedModerator(db: Db, provider: string, subject: string) {
  return db.moderatorIdentity.findUnique({
    where: { provider_subject: { provider, subject } },
    select: {
      moderator: { select: { id: true, email: true, name: true, role: true, disabledAt: true } },
    },
  });
}

export type LinkOutcome = { outcome: "linked"; identity: ModeratorIdentityRow } | { outcome: "taken" | "no-account" };

/** Links (provider, subject) to the account, with its audit row; "taken" when it is linked already (to anyone). */
export async function linkModeratorIdentity(
  db: Db,
  link: { moderatorId: string; provider: string; subject: string; label: string; invitedBy: string | null; now: Date },
): Promise<LinkOutcome> {
  try {
    return await inTransaction(db, async (tx) => {
      const account = await tx.moderator.findUnique({ where: { id: link.moderatorId }, select: { id: true } });
      if (!account) return { outcome: "no-account" as const };
      const identity = await tx.moderatorIdentity.create({
        data: {
          moderatorId: link.moderatorId,
          provider: link.provider,
          subject: link.subject,
          label: link.label,
          createdAt: link.now,
        },
      });
      await insertAccountAction(tx, {
        moderatorId: link.moderatorId,
        actorId: null, // the account's owner, who used the invitation
        action: "identity-linked",
        detail: `${link.provider}: ${link.label}`,
        createdAt: link.now,
      });
      return { outcome: "linked" as const, identity };
    });
  } catch (err) {
    if (isUniqueViolation(err)) return { outcome: "taken" };
    throw err;
  }
}

/** Unlinks one identity of the account (an admin's action, audited); false when it is not there. */
export async function unlinkModeratorIdentity(
  db: Db,
  u: { moderatorId: string; identityId: string; actorId: string; now: Date },
): Promise<boolean> {
  return inTransaction(db, async (tx) => {
    const row = await tx.moderatorIdentity.findFirst({ where: { id: u.identityId, moderatorId: u.moderatorId } });
    if (!row) return false;
    await tx.moderatorIdentity.delete({ where: { id: row.id } });
    await insertAccountAction(tx, {
      moderatorId: u.moderatorId,
      actorId: u.actorId,
      action: "identity-unlinked",
      detail: `${row.provider}: ${row.label}`,
      createdAt: u.now,
    });
    return true;
  });
}
