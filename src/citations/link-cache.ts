// The link-check cache's policy: which cached results a verdict may rely on, and how long a result
// is kept (its TTL by kind). The rows themselves, and the lease that lets one instance fetch a URL,
// are in store/link-checks.ts.
import { writeLinkCheck, type LinkCheckRow } from "../store/link-checks.ts";
import type { Db } from "../store/client.ts";
import type { KnownCheck } from "./citation-verdict.ts";
import type { LinkCheckResult } from "./link-check-types.ts";

export type CacheTtl = { okMs: number; failureMs: number };

/** The results a verdict may rely on: a real state that has not expired (or is being re-checked under a lease). */
export function validChecks(rows: ReadonlyMap<string, LinkCheckRow>, now: Date): Map<string, KnownCheck> {
  const out = new Map<string, KnownCheck>();
  for (const [key, r] of rows) {
    if (r.state === "unchecked" || r.expiresAt <= now) continue;
    out.set(key, { state: r.state, httpStatus: r.httpStatus, finalDomain: r.finalDomain, error: r.error });
  }
  return out;
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
  return writeLinkCheck(db, key, {
    state: result.state,
    httpStatus: result.httpStatus ?? null,
    finalUrl: result.finalUrl ?? null,
    finalDomain: result.finalDomain ?? null,
    redirectChain: result.redirectChain,
    contentType: result.contentType ?? null,
    title: result.title ?? null,
    anchors: result.anchors ?? null,
    durationMs: result.durationMs,
    error: result.error ?? null,
    checkedAt: now,
    expiresAt: new Date(now.getTime() + (working ? ttl.okMs : ttl.failureMs)),
  });
}

/** A state that says the link itself is bad (and may hold a comment); "unreachable" is not one. */
export function isDefiniteFailure(state: string | null): boolean {
  return state === "broken" || state === "refused";
}
