// Addresses Parley mails: verified (their owner followed a confirmation link), suppressed (a bounce or an
// SMTP 5xx: nothing more is sent), opted out (the reader stopped all mail; undo clears it).
import type { Db, Tx } from "./client.ts";

export type AddressState = {
  address: string;
  verifiedAt: Date | null;
  suppressedAt: Date | null;
  suppressReason: string | null;
  optedOutAt: Date | null;
};

const STATE = { address: true, verifiedAt: true, suppressedAt: true, suppressReason: true, optedOutAt: true } as const;

/** What Parley knows of an address (verified, suppressed, opted out), or null if it never mailed it. */
export function readAddress(db: Db | Tx, address: string): Promise<AddressState | null> {
  return db.emailAddress.findUnique({ where: { address }, select: STATE });
}

/** The known states of these addresses (unknown ones are left out). */
export function readAddresses(db: Db | Tx, addresses: string[]): Promise<AddressState[]> {
  return db.emailAddress.findMany({ where: { address: { in: addresses } }, select: STATE });
}

/** Creates the row if needed (a subscription refers to it). */
export async function ensureAddress(tx: Db | Tx, address: string, now: Date): Promise<void> {
  await tx.emailAddress.upsert({ where: { address }, update: {}, create: { address, createdAt: now } });
}

/** Its owner followed a confirmation link: verified, and an earlier opt-out is undone. */
export async function markAddressVerified(tx: Db | Tx, address: string, now: Date): Promise<void> {
  await tx.emailAddress.upsert({
    where: { address },
    update: { verifiedAt: now, optedOutAt: null },
    create: { address, verifiedAt: now, createdAt: now },
  });
}

/** Nothing more is sent to the address (a bounce or an SMTP 5xx), with the reason kept. */
export async function suppressAddress(db: Db | Tx, address: string, reason: string, now: Date): Promise<void> {
  await db.emailAddress.upsert({
    where: { address },
    update: { suppressedAt: now, suppressReason: reason.slice(0, 500) },
    create: { address, suppressedAt: now, suppressReason: reason.slice(0, 500), createdAt: now },
  });
}

/** An admin allows mail to the address again; false if it was not suppressed. */
export async function liftSuppression(db: Db, address: string): Promise<boolean> {
  const { count } = await db.emailAddress.updateMany({
    where: { address, suppressedAt: { not: null } },
    data: { suppressedAt: null, suppressReason: null },
  });
  return count === 1;
}

/** The reader stopped all mail (a date) or asked for it again (null). */
export async function setOptedOut(db: Db | Tx, address: string, optedOut: Date | null): Promise<void> {
  await db.emailAddress.updateMany({ where: { address }, data: { optedOutAt: optedOut } });
}

/** Suppressed addresses, most recent first (the console's Outbox page). */
export function listSuppressedAddresses(db: Db, limit: number) {
  return db.emailAddress.findMany({
    where: { suppressedAt: { not: null } },
    orderBy: { suppressedAt: "desc" },
    take: limit,
    select: { address: true, suppressedAt: true, suppressReason: true },
  });
}
