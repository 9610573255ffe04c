// Storage of signed-in readers: their accounts, their sessions, and sign-ins under way.
// Tokens never reach the database: sessions and flows are keyed by the SHA-256 of the secret.
import { lookAlikeKey } from "../domain/names.ts";
import type { Db, Tx } from "./client.ts";

export type ReaderAccountRow = {
  id: string;
  provider: string;
  subject: string;
  displayName: string;
  avatarUrl: string | null;
  email: string | null;
  disabledAt: Date | null;
};

export type NewSignInFlow = {
  id: string;
  provider: string;
  state: string;
  nonce: string | null;
  codeVerifier: string;
  returnTo: string;
  popupOrigin: string | null;
  siteId: string | null;
  /** reader | moderator (the console's sign-in) | moderator-link (an admin's invitation being used). */
  purpose: "reader" | "moderator" | "moderator-link";
  /** A widget popup: the nonce the widget made when it opened it (handed back with the token). */
  widgetNonce: string | null;
  /** moderator-link: the invitation's id (the SHA-256 of its token). */
  inviteId: string | null;
  createdAt: Date;
  expiresAt: Date;
};

/** Stores a sign-in under way and forgets the ones that expired before it started. */
export async function saveSignInFlow(db: Db, flow: NewSignInFlow): Promise<void> {
  await db.signInFlow.create({ data: flow });
  // Housekeeping: abandoned sign-ins go once they have expired.
  await db.signInFlow.deleteMany({ where: { expiresAt: { lte: flow.createdAt } } });
}

/** Reads and deletes a sign-in flow in one step, so a flow serves one callback only (a replay finds nothing). */
export async function takeSignInFlow(db: Db, id: string) {
  const flow = await db.signInFlow.findUnique({ where: { id } });
  if (!flow) return null;
  const { count } = await db.signInFlow.deleteMany({ where: { id } });
  return count === 1 ? flow : null; // a simultaneous replay lost the race
}

/** Finds or creates the account a provider vouched for, refreshing what the provider says about it. */
export async function upsertReaderAccount(
  db: Db,
  input: { provider: string; subject: string; displayName: string; avatarUrl: string | null; email: string | null },
  now: Date,
): Promise<ReaderAccountRow> {
  const { provider, subject, ...given } = input;
  const profile = { ...given, nameSkeleton: lookAlikeKey(given.displayName) };
  return db.readerAccount.upsert({
    where: { provider_subject: { provider, subject } },
    create: { provider, subject, ...profile, createdAt: now, lastSignInAt: now },
    update: { ...profile, lastSignInAt: now },
  });
}

/** Stores a reader's new session and forgets their sessions that expired by its creation. */
export async function createReaderSession(
  db: Db,
  session: {
    id: string;
    accountId: string;
    csrfToken: string;
    siteId: string | null;
    createdAt: Date;
    expiresAt: Date;
  },
): Promise<void> {
  await db.readerSession.create({ data: session });
  await db.readerSession.deleteMany({ where: { accountId: session.accountId, expiresAt: { lte: session.createdAt } } });
}

/** A reader session with its account, or null. */
export async function findReaderSession(db: Db, id: string) {
  return db.readerSession.findUnique({ where: { id }, include: { account: true } });
}

/** Moves a reader session's expiry (sliding expiry); a session already gone stays gone. */
export async function extendReaderSession(db: Db, id: string, expiresAt: Date): Promise<void> {
  await db.readerSession.updateMany({ where: { id }, data: { expiresAt } });
}

/** Ends a reader session (sign-out, rotation, or found expired); one already gone is no error. */
export async function deleteReaderSession(db: Db, id: string): Promise<void> {
  await db.readerSession.deleteMany({ where: { id } });
}

/** The site a sign-in button was on: its settings (which providers) and its embed allow-list. */
export async function findSiteForSignIn(db: Db, siteId: string) {
  return db.site.findUnique({ where: { id: siteId }, select: { id: true, settings: true, allowedOrigins: true } });
}

/** A reader account by id, or null. */
export async function findReaderAccount(db: Db, id: string): Promise<ReaderAccountRow | null> {
  return db.readerAccount.findUnique({ where: { id } });
}

/** The display names of enabled reader accounts filed under this look-alike key, other than `exceptId`. */
export async function listReaderNamesLike(db: Db | Tx, key: string, exceptId: string | null): Promise<string[]> {
  if (!key) return [];
  const rows = await db.readerAccount.findMany({
    where: { nameSkeleton: key, disabledAt: null, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { displayName: true },
    take: 20,
  });
  return rows.map((r) => r.displayName);
}

/** Files accounts created before look-alike keys were stored (run on start; a no-op once done). */
export async function fillReaderNameSkeletons(db: Db): Promise<number> {
  let filled = 0;
  for (;;) {
    const rows = await db.readerAccount.findMany({
      where: { nameSkeleton: "" },
      select: { id: true, displayName: true },
      take: 500,
    });
    const keyed = rows.map((r) => ({ id: r.id, key: lookAlikeKey(r.displayName) })).filter((r) => r.key);
    if (keyed.length === 0) return filled;
    for (const r of keyed) await db.readerAccount.update({ where: { id: r.id }, data: { nameSkeleton: r.key } });
    filled += keyed.length;
    if (rows.length < 500) return filled;
  }
}
