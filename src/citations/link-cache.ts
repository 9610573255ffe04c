// The LinkCheck table: one cached result per URL (cache key, no fragment), failures included, shared
// by every comment and every instance. A row's expiresAt doubles as a lease: an instance claims a URL
// by moving expiresAt forward with a conditional UPDATE (or by inserting the row), so when several
// instances see the same expired URL, exactly one of them fetches it.
import { DbNull } from "@prisma/client/runtime/client";
import type { Db } from "../store/client.ts";
import type { KnownCheck } from "./citation-verdict.ts";
import type { LinkCheckResult } from "./link-check-types.ts";

export type LinkCheckRow = {
  url: string;
  state: string;
  httpStatus: number | null;
  finalUrl: string | null;
  finalDomain: string | null;
  redirectChain: unknown;
  contentType: string | null;
  title: string | null;
  /** PageAnchors as stored (JSON); read it with fragment-check.ts asAnchors(). */
  anchors: unknown;
  durationMs: number | null;
  error: string | null;
  checkedAt: Date;
  expiresAt: Date;
};

export type CacheTtl = { okMs: number; failureMs: number };

export async function readLinkChecks(db: Db, keys: readonly string[]): Promise<Map<string, LinkCheckRow>> {
  if (keys.length === 0) return new Map();
  const rows = await db.linkCheck.findMany({ where: { url: { in: [...new Set(keys)] } } });
  return new Map(rows.map((r) => [r.url, r]));
}

/** The results a verdict may rely on: a real state that has not expired (or is being re-checked under a lease). */
export function validChecks(rows: ReadonlyMap<string, LinkCheckRow>, now: Date): Map<string, KnownCheck> {
  const out = new Map<string, KnownCheck>();
  for (const [key, r] of rows) {
    if (r.state === "unchecked" || r.expiresAt <= now) continue;
    out.set(key, { state: r.state, httpStatus: r.httpStatus, finalDomain: r.finalDomain, error: r.error });
  }
  return out;
}

/**
 * Takes the URL for checking until `leaseUntil`. True when this caller won: the row was missing (now
 * inserted as "unchecked") or expired. A URL already under someone's lease, or fresh, is not taken.
 */
export async function claimLinkCheck(db: Db, key: string, now: Date, leaseUntil: Date): Promise<boolean> {
  const taken = await db.linkCheck.updateMany({
    where: { url: key, expiresAt: { lte: now } },
    data: { expiresAt: leaseUntil },
  });
  if (taken.count === 1) return true;
  try {
    await db.linkCheck.create({
      data: { url: key, state: "unchecked", redirectChain: [], checkedAt: now, expiresAt: leaseUntil },
    });
    return true;
  } catch (err) {
    if ((err as { code?: string }).code === "P2002") return false; // someone else holds it
    throw err;
  }
}

/** Stores a result, valid for the TTL of its kind from `now` (the deps clock, so tests can move it). */
export async function storeLinkCheck(
  db: Db,
  key: string,
  result: LinkCheckResult,
  ttl: CacheTtl,
  now: Date,
): Promise<LinkCheckRow> {
  const working = result.state === "ok" || result.state === "redirected";
  const data = {
    state: result.state,
    httpStatus: result.httpStatus ?? null,
    finalUrl: result.finalUrl ?? null,
    finalDomain: result.finalDomain ?? null,
    redirectChain: result.redirectChain,
    contentType: result.contentType ?? null,
    title: result.title ?? null,
    anchors: result.anchors ?? DbNull,
    durationMs: result.durationMs,
    error: result.error ?? null,
    checkedAt: now,
    expiresAt: new Date(now.getTime() + (working ? ttl.okMs : ttl.failureMs)),
  };
  return db.linkCheck.upsert({ where: { url: key }, create: { url: key, ...data }, update: data });
}

/** A state that says the link itself is bad (and may hold a comment); "unreachable" is not one. */
export function isDefiniteFailure(state: string | null): boolean {
  return state === "broken" || state === "refused";
}
