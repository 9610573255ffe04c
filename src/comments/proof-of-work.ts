// Proof of work for anonymous posts (site setting `proofOfWork`): ALTCHA challenges (altcha-lib, v1
// format), signed with POW_HMAC_KEY, carrying the site and an expiry in their salt, solved by the
// reader's browser in a Web Worker while they type (src/client/proof-of-work/). Each solution is
// spent once: its signature is remembered until the challenge expires, in Redis when REDIS_URL is set,
// else in the database (table SpentProof, swept of expired rows): either way every instance sees it,
// and a restart forgets nothing. With JavaScript off the form proves less: an empty honeypot field and a minimum time
// between rendering the form and posting it, the render time signed by the server.
import crypto from "node:crypto";
import { createChallenge, extractParams, verifySolution } from "altcha-lib/v1";
import { AppError } from "../domain/errors.ts";
import type { GovernedThread } from "../domain/thread.ts";
import type { Deps } from "../deps.ts";
import { spendProofOnce, sweepSpentProofs } from "../store/spent-proofs.ts";

/** The spent-solutions store is a limiter from Deps (http/ builds them; comments/ sits below http/). */
type RateLimiter = ReturnType<Deps["rateLimits"]["limiter"]>;

export type Challenge = { algorithm: string; challenge: string; maxnumber?: number; salt: string; signature: string };
/** What a post brings: the solved challenge (base64 JSON, as ALTCHA's widget sends it), or the no-JS form's fields. */
export type ProofOfWork = { altcha?: string; formStamp?: string; honeypot?: string };

/** The name of the no-JS form's honeypot field: a website box no person sees, which bots fill in. */
export const HONEYPOT_FIELD = "homepage";
export const FORM_STAMP_FIELD = "formStamp";

/** A challenge for a thread's site, or null when the site does not ask for proof of work. */
export async function issueChallenge(deps: Deps, threadId: string): Promise<Challenge | null> {
  const { settings, siteId } = (await deps.threadCache.get(threadId)).governed;
  if (!settings.proofOfWork) return null;
  const expires = new Date(deps.clock.now().getTime() + deps.config.POW_CHALLENGE_TTL_SECONDS * 1000);
  return createChallenge({
    hmacKey: deps.config.POW_HMAC_KEY,
    maxnumber: settings.proofOfWorkDifficulty,
    expires,
    params: { site: siteId },
  });
}

/**
 * Refuses (4xx, before anything is stored) an anonymous post on a site that asks for proof of work
 * unless it carries a valid, unexpired, unused solution for this site, or passes the no-JS checks.
 * Signed-in readers and moderators are known already and are never asked.
 */
export async function requireProofOfWork(
  deps: Deps,
  post: { thread: Pick<GovernedThread, "siteId" | "settings">; anonymous: boolean; proof: ProofOfWork },
): Promise<void> {
  if (!post.anonymous) return;
  const { settings, siteId } = post.thread;
  if (!settings.proofOfWork) return;
  const { altcha, formStamp, honeypot } = post.proof;
  if (altcha) return spendSolution(deps, altcha, siteId);
  if (formStamp !== undefined) return checkForm(deps, formStamp, honeypot ?? "");
  throw new AppError("PROOF_MISSING");
}

async function spendSolution(deps: Deps, altcha: string, siteId: string): Promise<void> {
  let payload: Exclude<Parameters<typeof verifySolution>[0], string>;
  try {
    payload = JSON.parse(Buffer.from(altcha, "base64").toString("utf8")) as typeof payload;
  } catch {
    throw new AppError("PROOF_INVALID");
  }
  if (!payload || typeof payload !== "object" || typeof payload.signature !== "string")
    throw new AppError("PROOF_INVALID");
  // Expiry is checked below against the injected clock, so the tests can move time.
  const valid = await verifySolution(payload, deps.config.POW_HMAC_KEY, false).catch(() => false);
  if (!valid) throw new AppError("PROOF_INVALID");
  const params = extractParams(payload);
  if (params.site !== siteId) throw new AppError("PROOF_WRONG_SITE");
  const expires = Number(params.expires) * 1000;
  if (!Number.isFinite(expires) || expires <= deps.clock.now().getTime()) throw new AppError("PROOF_EXPIRED");
  if (!(await spendOnce(deps, payload.signature, expires))) throw new AppError("PROOF_REUSED");
}

/** True the first time a solution is spent, false after: in Redis when it is configured, else in the database. */
async function spendOnce(deps: Deps, signature: string, expiresMs: number): Promise<boolean> {
  // Redis: the first take() of a signature answers 0, any later one (until expiry) a wait.
  if (deps.config.REDIS_URL) return (await usedSolutions(deps).take(signature)) === 0;
  await sweepNowAndThen(deps);
  return spendProofOnce(deps.db, signature, new Date(expiresMs));
}

const lastSweep = new WeakMap<Deps["db"], number>();
/** Deletes the expired spent solutions at most once per challenge lifetime per process: the table holds about one lifetime of posts. */
async function sweepNowAndThen(deps: Deps): Promise<void> {
  const now = deps.clock.now().getTime();
  const last = lastSweep.get(deps.db);
  if (last !== undefined && now - last < deps.config.POW_CHALLENGE_TTL_SECONDS * 1000 && now >= last) return;
  lastSweep.set(deps.db, now);
  await sweepSpentProofs(deps.db, new Date(now));
}

const spent = new WeakMap<Deps["rateLimits"], RateLimiter>();
/** The used solutions' register in Redis: one limiter per process. */
function usedSolutions(deps: Deps): RateLimiter {
  let limiter = spent.get(deps.rateLimits);
  if (!limiter) {
    const windowMs = deps.config.POW_CHALLENGE_TTL_SECONDS * 1000 + 60_000;
    limiter = deps.rateLimits.limiter("pow-used", { limit: 1, windowMs });
    spent.set(deps.rateLimits, limiter);
  }
  return limiter;
}

/** "1733560000000.<hmac>": when the form was rendered, signed so a bot cannot backdate it. */
export function signFormStamp(deps: Deps): string {
  const at = String(deps.clock.now().getTime());
  return `${at}.${stampMac(deps, at)}`;
}

function stampMac(deps: Pick<Deps, "config">, at: string): string {
  return crypto.createHmac("sha256", deps.config.POW_HMAC_KEY).update(`form-stamp:${at}`).digest("base64url");
}

/** When the form was rendered (ms), if the stamp is one this server signed; else null. */
export function formStampTime(deps: Pick<Deps, "config">, stamp: string): number | null {
  const [at = "", mac = ""] = stamp.split(".");
  const expected = stampMac(deps, at);
  const signed = mac.length === expected.length && crypto.timingSafeEqual(Buffer.from(mac), Buffer.from(expected));
  const time = Number(at);
  return signed && /^\d+$/.test(at) && Number.isSafeInteger(time) ? time : null;
}

function checkForm(deps: Deps, stamp: string, honeypot: string): void {
  const at = formStampTime(deps, stamp);
  if (at === null || honeypot.trim() !== "") throw new AppError("FORM_CHECK_FAILED");
  const seconds = (deps.clock.now().getTime() - at) / 1000;
  if (!(seconds >= deps.config.POW_MIN_FORM_SECONDS)) throw new AppError("FORM_TOO_FAST");
}
