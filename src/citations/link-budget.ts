// How many of a comment's links the checker fetches, so one comment (or one poster) cannot keep the
// checker's few slots busy: at most `linkCheckMaxPerComment` links of a comment, in reading order, and
// at most `linkCheckMaxPerPosterPerHour` fetches per poster (their signed-in account, else their address
// hash) per site per hour, counted in the rate-limit store (Redis when REDIS_URL is set, so every
// instance shares the allowance; else this process's memory). A link the cache already holds (a fresh
// result, or one being fetched right now) costs nothing. The links left over are "not checked" (the
// `skipped` state readers and moderators see): stored on the comment's link rows, never fetched for it.
import type { CitationSettings } from "./citation-settings.ts";

/** Who posted: the fields of a comment (or a pipeline's author) that name the poster. */
export type LinkPoster = { readerAccountId?: string | null; moderatorId?: string | null; ipHash: string };

export type CheckBudget = { siteId: string; poster: string; perComment: number; perPosterPerHour: number };

/** The part of the rate-limit store (deps.rateLimits, src/http/rate-limit.ts) the budget spends from. */
type Limiter = { take(key: string): Promise<number> };
type LimitStore = { limiter(name: string, opts: { limit: number; windowMs: number }): Limiter };
const HOUR_MS = 3_600_000;

export function checkBudgetOf(
  siteId: string,
  poster: LinkPoster,
  settings: Pick<CitationSettings, "linkCheckMaxPerComment" | "linkCheckMaxPerPosterPerHour">,
): CheckBudget {
  const who = poster.readerAccountId
    ? `account:${poster.readerAccountId}`
    : poster.moderatorId
      ? `moderator:${poster.moderatorId}`
      : `address:${poster.ipHash}`;
  return {
    siteId,
    poster: who,
    perComment: settings.linkCheckMaxPerComment,
    perPosterPerHour: settings.linkCheckMaxPerPosterPerHour,
  };
}

/** Splits a comment's links (cache keys, reading order, distinct) into those to fetch and those left "not checked". */
export type SplitLinks = (
  keys: readonly string[],
  budget: CheckBudget,
  /** Keys the cache already holds (fresh or being fetched): checking them costs no fetch. */
  inHand: ReadonlySet<string>,
) => Promise<{ check: string[]; skip: string[] }>;

export function createLinkBudget(rateLimits: LimitStore): SplitLinks {
  // One limiter per allowance: the in-memory store keeps a limiter's counts in the limiter itself.
  const limiters = new Map<number, Limiter>();
  const limiterFor = (perHour: number) => {
    let limiter = limiters.get(perHour);
    if (!limiter)
      limiters.set(
        perHour,
        (limiter = rateLimits.limiter("link-checks-per-poster", { limit: perHour, windowMs: HOUR_MS })),
      );
    return limiter;
  };

  return async (keys, budget, inHand) => {
    const check: string[] = [];
    const skip: string[] = [];
    const limiter = budget.perPosterPerHour > 0 ? limiterFor(budget.perPosterPerHour) : null;
    const posterKey = `${budget.siteId}:${budget.poster}`;
    let spent = false; // the poster's allowance ran out: every further fetch is refused without asking again
    for (const [i, key] of keys.entries()) {
      if (i >= budget.perComment) skip.push(key);
      else if (inHand.has(key) || !limiter) check.push(key);
      else if (!spent && (await limiter.take(posterKey)) === 0) check.push(key);
      else {
        spent = true;
        skip.push(key);
      }
    }
    return { check, skip };
  };
}
