// Moderator accounts and their server-side sessions (src/accounts/). A session row is keyed by the
// SHA-256 of the cookie's token, never the token itself.
import { inTransaction, isUniqueViolation, type Db, type DbProvider, type Tx } from "./client.ts";
import { insertAccountAction } from "./account-actions.ts";
import { lockKeys } from "./poster-locks.ts";

export type ModeratorRow = {
  id: string;
  email: string;
  name: string;
  role: "admin" | "moderator";
  passwordHash: string;
  createdAt: Date;
  disabledAt: Date | null;
};

export type NewModerator = Pick<ModeratorRow, "email" | "name" | "role" | "passwordHash" | "createdAt">;

const ACCOUNT = {
  id: true,
  email: true,
  name: true,
  role: true,
  passwordHash: true,
  createdAt: true,
  disabledAt: true,
} as const;

/** Adds an account; null when another account already has the email (the unique key said no). */
export async function insertModerator(db: Db, m: NewModerator): Promise<ModeratorRow | null> {
  try {
    return await db.moderator.create({ data: m, select: ACCOUNT });
  } catch (err) {
    if (isUniqueViolation(err)) return null;
    throw err;
  }
}

/** The account with this (lower-case) email, disabled or not. */
export function findModeratorByEmail(db: Db, email: string): Promise<ModeratorRow | null> {
  return db.moderator.findUnique({ where: { email }, select: ACCOUNT });
}

/** Every account, admins first, then by email (the admin screen). */
export function listModeratorAccounts(db: Db): Promise<ModeratorRow[]> {
  return db.moderator.findMany({ orderBy: [{ role: "asc" }, { email: "asc" }], select: ACCOUNT });
}

/** Whether any admin account exists (disabled ones count: the first-admin bootstrap is then over). */
export async function hasAnyAdmin(db: Db): Promise<boolean> {
  return (await db.moderator.count({ where: { role: "admin" } })) > 0;
}

export type NewModeratorSession = {
  id: string;
  moderatorId: string;
  csrfToken: string;
  createdAt: Date;
  expiresAt: Date;
};

/** Stores a new session and forgets the moderator's sessions that expired by its creation. */
export async function createModeratorSession(db: Db, s: NewModeratorSession): Promise<void> {
  await db.session.create({ data: s });
  await db.session.deleteMany({ where: { moderatorId: s.moderatorId, expiresAt: { lte: s.createdAt } } });
}

/** A session with its account, or null. */
export function findModeratorSession(
  db: Db,
  id: string,
): Promise<{ id: string; csrfToken: string; expiresAt: Date; moderator: ModeratorRow } | null> {
  return db.session.findUnique({
    where: { id },
    select: { id: true, csrfToken: true, expiresAt: true, moderator: { select: ACCOUNT } },
  });
}

/** Moves a session's expiry (sliding expiry); a session already gone stays gone. */
export async function extendModeratorSession(db: Db, id: string, expiresAt: Date): Promise<void> {
  await db.session.updateMany({ where: { id }, data: { expiresAt } });
}

/** Ends a session (log out, or found expired); ending one that is gone is not an error. */
export async function deleteModeratorSession(db: Db, id: string): Promise<void> {
  await db.session.deleteMany({ where: { id } });
}

/** Which of these sessions are still live (unexpired, their moderator not disabled); read-only, never extends one. */
export async function listLiveModeratorSessions(db: Db, ids: readonly string[], now: Date): Promise<Set<string>> {
  const rows = await db.session.findMany({
    where: { id: { in: [...ids] }, expiresAt: { gt: now }, moderator: { disabledAt: null } },
    select: { id: true },
  });
  return new Set(rows.map((s) => s.id));
}

/** The display names of the moderator accounts that are not disabled. */
export async function listActiveModeratorNames(db: Db | Tx): Promise<string[]> {
  const rows = await db.moderator.findMany({ where: { disabledAt: null }, select: { name: true } });
  return rows.map((r) => r.name);
}

/** A role or the disabled state changes only through changeModeratorGuarded (it keeps an admin). */
export type ModeratorChange = { passwordHash: string };

/** Changes an account's password; null when there is no such account. */
export async function updateModeratorAccount(
  db: Db,
  id: string,
  change: ModeratorChange,
): Promise<ModeratorRow | null> {
  const { count } = await db.moderator.updateMany({ where: { id }, data: change });
  return count ? db.moderator.findUnique({ where: { id }, select: ACCOUNT }) : null;
}

export type GuardedChange = {
  actorId: string | null;
  id: string;
  role?: "admin" | "moderator";
  disable?: boolean;
  now: Date;
};
export type GuardedChangeResult =
  { outcome: "changed"; account: ModeratorRow } | { outcome: "not-found" } | { outcome: "last-admin" };

/** The lock every change that could take away an admin holds while it counts them (PostgreSQL). */
const ADMIN_ROSTER_LOCK = "moderator-admin-roster";

/**
 * Changes an account's role or disables / re-enables it, refusing to take away the last active admin.
 * The count and the change are one transaction holding the admin roster's lock, so two admins
 * demoting each other at once cannot both pass the count (on SQLite the transaction holds the
 * database's write lock). Disabling ends the account's sessions in the same commit; each change
 * leaves an AccountAction row.
 */
export async function changeModeratorGuarded(
  db: Db,
  provider: DbProvider,
  change: GuardedChange,
): Promise<GuardedChangeResult> {
  return inTransaction(db, async (tx) => {
    await lockKeys(tx, provider, [ADMIN_ROSTER_LOCK]);
    const target = await tx.moderator.findUnique({ where: { id: change.id }, select: ACCOUNT });
    if (!target) return { outcome: "not-found" };
    const losesAdmin =
      target.role === "admin" && !target.disabledAt && (change.role === "moderator" || change.disable === true);
    if (losesAdmin && (await tx.moderator.count({ where: { role: "admin", disabledAt: null } })) <= 1)
      return { outcome: "last-admin" };
    const disabledAt =
      change.disable === undefined ? undefined : change.disable ? (target.disabledAt ?? change.now) : null;
    const account = await tx.moderator.update({
      where: { id: change.id },
      data: { role: change.role, disabledAt },
      select: ACCOUNT,
    });
    if (change.disable) await tx.session.deleteMany({ where: { moderatorId: change.id } });
    const audit = (action: string, detail: string) =>
      insertAccountAction(tx, {
        moderatorId: change.id,
        actorId: change.actorId,
        action,
        detail,
        createdAt: change.now,
      });
    if (change.role && change.role !== target.role) await audit("role-changed", `${target.role} → ${change.role}`);
    if (change.disable === true && !target.disabledAt) await audit("disabled", "");
    if (change.disable === false && target.disabledAt) await audit("enabled", "");
    return { outcome: "changed", account };
  });
}

export function findModeratorById(db: Db, id: string): Promise<ModeratorRow | null> {
  return db.moderator.findUnique({ where: { id }, select: ACCOUNT });
}

/** Ends every session of the account (disabled, or its password reset): signed out everywhere. */
export async function deleteModeratorSessions(db: Db, moderatorId: string): Promise<void> {
  await db.session.deleteMany({ where: { moderatorId } });
}
