// The mail outbox's queries (README "Email"). Rows are written inside the caller's transaction
// (insertMailOnce) and claimed by the worker with a conditional update, so of several instances
// exactly one takes each row; a claim that outlives its lease (the instance died mid-send) is taken again.
import crypto from "node:crypto";
import type { Db, JsonObject, Tx } from "./client.ts";
import type { Prisma } from "../generated/sqlite/client.ts";

export type OutboxRow = {
  id: string;
  kind: string;
  toAddress: string | null;
  idempotencyKey: string;
  data: unknown;
  attempts: number;
  createdAt: Date;
};

export type NewMail = {
  kind: string;
  to: string;
  idempotencyKey: string;
  data: JsonObject;
  /** Not before this time (default: at once). */
  sendAfter?: Date;
};

/** Queues a mail unless one with the same idempotency key exists (a retried event yields one mail). */
export async function insertMailOnce(tx: Tx, mail: NewMail, now: Date): Promise<void> {
  // An upsert with an empty update is one INSERT … ON CONFLICT DO NOTHING-like statement on both databases:
  // no error, so the caller's transaction (PostgreSQL aborts on errors) goes on.
  await tx.mailOutbox.upsert({
    where: { idempotencyKey: mail.idempotencyKey },
    update: {},
    create: {
      kind: mail.kind,
      toAddress: mail.to.toLowerCase(),
      idempotencyKey: mail.idempotencyKey,
      data: mail.data,
      status: "queued",
      nextAttemptAt: mail.sendAfter ?? now,
      createdAt: now,
    },
  });
}

function due(now: Date): Prisma.MailOutboxWhereInput {
  return {
    OR: [
      { status: "queued", nextAttemptAt: { lte: now } },
      { status: "sending", claimedUntil: { lt: now } }, // its sender died: the lease ran out
    ],
  };
}

/** Claims up to `limit` due mails for `leaseMs`; returns the rows this caller won. */
export async function claimDueMails(db: Db, now: Date, limit: number, leaseMs: number): Promise<OutboxRow[]> {
  const candidates = await db.mailOutbox.findMany({
    where: due(now),
    orderBy: { nextAttemptAt: "asc" },
    take: limit,
    select: { id: true },
  });
  if (!candidates.length) return [];
  const ids = candidates.map((c) => c.id);
  const claimToken = crypto.randomUUID();
  // Conditional: a row another instance claimed meanwhile no longer matches `due` and is left alone.
  await db.mailOutbox.updateMany({
    where: { id: { in: ids }, ...due(now) },
    data: { status: "sending", claimToken, claimedUntil: new Date(now.getTime() + leaseMs) },
  });
  return db.mailOutbox.findMany({
    where: { id: { in: ids }, claimToken },
    select: {
      id: true,
      kind: true,
      toAddress: true,
      idempotencyKey: true,
      data: true,
      attempts: true,
      createdAt: true,
    },
  });
}

export type Rendered = { subject: string; text: string; html: string; messageId: string };

/** Settles a claimed row (only while the claim is still ours). */
export async function finishMail(
  db: Db,
  row: { id: string; claimToken?: string },
  outcome:
    | { status: "sent" | "stored"; rendered: Rendered; now: Date; data?: JsonObject }
    | { status: "failed" | "skipped"; reason: string; rendered?: Rendered; data?: JsonObject }
    | { status: "queued"; reason: string; nextAttemptAt: Date },
  attempts: number,
): Promise<void> {
  const common = { attempts, claimToken: null, claimedUntil: null };
  let data: Prisma.MailOutboxUpdateManyMutationInput;
  if (outcome.status === "sent" || outcome.status === "stored") {
    const { subject, text, html, messageId } = outcome.rendered;
    data = { status: outcome.status, subject, textBody: text, htmlBody: html, messageId, sentAt: outcome.now };
    if (outcome.data) data.data = outcome.data;
  } else if (outcome.status === "queued") {
    data = { status: "queued", lastError: outcome.reason, nextAttemptAt: outcome.nextAttemptAt };
  } else if (outcome.status === "failed" || outcome.status === "skipped") {
    const r = outcome.rendered;
    data = {
      status: outcome.status,
      lastError: outcome.reason,
      ...(r ? { subject: r.subject, textBody: r.text, htmlBody: r.html } : {}),
      ...(outcome.data ? { data: outcome.data } : {}),
    };
  } else data = {};
  await db.mailOutbox.updateMany({ where: { id: row.id, status: "sending" }, data: { ...common, ...data } });
}

/** Forgets who sent mail was for, and what it said, after the retention period. Returns rows purged. */
export async function purgeSentMail(db: Db, before: Date): Promise<number> {
  const { count } = await db.mailOutbox.updateMany({
    where: {
      status: { in: ["sent", "stored", "failed", "skipped"] },
      createdAt: { lt: before },
      toAddress: { not: null },
    },
    data: { toAddress: null, subject: null, textBody: null, htmlBody: null, data: {}, lastError: null },
  });
  return count;
}

/** When mails of a kind were queued for an address since `since`, newest first (the confirmation limits). */
export function mailTimesTo(db: Db | Tx, address: string, kind: string, since: Date): Promise<{ createdAt: Date }[]> {
  return db.mailOutbox.findMany({
    where: { toAddress: address, kind, createdAt: { gte: since } },
    select: { createdAt: true },
    orderBy: { createdAt: "desc" },
  });
}

export type OutboxListItem = {
  id: string;
  kind: string;
  toAddress: string | null;
  status: string;
  attempts: number;
  lastError: string | null;
  subject: string | null;
  createdAt: Date;
  sentAt: Date | null;
  nextAttemptAt: Date;
};

/** The console's Outbox: newest first, `before` = the last id's createdAt of the previous page. */
export function listOutbox(db: Db, opts: { limit: number; status?: string }): Promise<OutboxListItem[]> {
  return db.mailOutbox.findMany({
    where: opts.status ? { status: opts.status } : {},
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: opts.limit,
    select: {
      id: true,
      kind: true,
      toAddress: true,
      status: true,
      attempts: true,
      lastError: true,
      subject: true,
      createdAt: true,
      sentAt: true,
      nextAttemptAt: true,
    },
  });
}

/** One outbox mail with what it said, for the console (null if gone). */
export function readOutboxMail(db: Db, id: string) {
  return db.mailOutbox.findUnique({
    where: { id },
    select: { id: true, kind: true, toAddress: true, status: true, subject: true, textBody: true, htmlBody: true },
  });
}
