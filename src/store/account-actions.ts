// AccountAction: the audit log of changes to moderator accounts (a sign-in provider invited, linked or
// unlinked; a role changed; an account disabled or enabled), apart from the comments' audit log.
import type { Db, Tx } from "./client.ts";

export type AccountActionWrite = {
  moderatorId: string;
  /** null: the account's owner (completing an invitation) or the command line. */
  actorId: string | null;
  action: string;
  detail: string;
  createdAt: Date;
};

export type AccountActionRow = AccountActionWrite & { id: string; actor: { name: string } | null };

export async function insertAccountAction(db: Db | Tx, row: AccountActionWrite): Promise<void> {
  await db.accountAction.create({ data: row });
}

/** One account's changes, newest first. */
export function listAccountActions(db: Db, moderatorId: string, take: number): Promise<AccountActionRow[]> {
  return db.accountAction.findMany({
    where: { moderatorId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: {
      id: true,
      moderatorId: true,
      actorId: true,
      action: true,
      detail: true,
      createdAt: true,
      actor: { select: { name: true } },
    },
  });
}
