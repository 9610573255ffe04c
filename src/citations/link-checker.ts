// The background link checker. After a comment commits (new or edited) its links are checked with
// the SSRF-safe fetcher, through the LinkCheck cache, and the comment's verdict is re-applied; a timer
// re-checks the expired links of visible comments a small batch at a time (links rot). It never blocks
// a post (unless the site asks for blocking checks, with a short wait) and fails open: any error is
// logged and the comment stays as the pipeline left it. What a result means for a comment (hold it,
// release it) is not decided here: the composition root passes `reapplyVerdict` (comments/apply-link-verdict.ts).
// A comment gets at most its site's share of fetches (link-budget.ts); the rest of its links are marked
// "not checked". Results are announced once per batch (a comment's links, a sweep, a blocking check): one
// `link:checked` event per URL for moderators, and the cached listings of the threads citing them
// dropped once, not once per link.
import { afterCommit } from "../after-commit.ts";
import type { Deps, LinkChecker } from "../deps.ts";
import { getThreadSettings } from "../sites/get-thread-settings.ts";
import { sourcesOfComment } from "./analyze-citations.ts";
import { createConcurrencyLimit } from "./concurrency-limit.ts";
import { checkBudgetOf, createLinkBudget, type CheckBudget } from "./link-budget.ts";
import { storeLinkCheck, type CacheTtl } from "./link-cache.ts";
import { claimLinkCheck, readLinkChecks, takeDueLinks } from "../store/link-checks.ts";
import {
  listCommentsCiting,
  listThreadsCiting,
  markLinksNotChecked,
  readCommentLinkUrls,
} from "../store/comment-links.ts";
import { readComment } from "../store/comments.ts";
import type { LinkFetcher } from "./link-check-types.ts";

/** Comments whose links are worth keeping fresh: what readers see and what moderators are deciding on. */
const VISIBLE = ["published", "held", "pending"] as const;
const POLL_MS = 250;

export type LinkVerdictOptions = {
  /** May a published comment be held? Only when a link changed, or for a comment fresh from the pipeline. */
  mayHoldPublished: boolean;
  /** Leave a published comment alone if a moderator already decided on this revision. */
  unlessModeratorActed?: boolean;
};

/** Re-applies a comment's citation verdict now that its links' results are known. */
export type ReapplyVerdict = (commentId: string, opts: LinkVerdictOptions) => Promise<unknown>;

export function createLinkChecker(
  deps: Deps,
  fetcher: LinkFetcher | null,
  reapplyVerdict: ReapplyVerdict,
): LinkChecker {
  const { config, db, log, clock } = deps;
  const ttl: CacheTtl = {
    okMs: config.LINK_CHECK_OK_TTL_MINUTES * 60_000,
    failureMs: config.LINK_CHECK_FAILURE_TTL_MINUTES * 60_000,
  };
  // A claim outlives one fetch (all redirects included) with room to store the result.
  const leaseMs = config.LINK_CHECK_TIMEOUT_MS * 2 + 10_000;
  const limit = createConcurrencyLimit(config.LINK_CHECK_CONCURRENCY);
  const splitLinks = createLinkBudget(deps.rateLimits);
  const running = new Set<Promise<unknown>>();
  let timer: NodeJS.Timeout | null = null;
  let sweeping = false;
  let stopped = false;

  const track = <T>(work: Promise<T>): Promise<T> => {
    running.add(work);
    void work.finally(() => running.delete(work)).catch(() => undefined);
    return work;
  };

  /** URLs checked here whose result is not announced yet: each batch announces its own. */
  type Batch = Set<string>;

  /** Checks one URL (in a concurrency slot) if this instance can claim it, then re-applies the verdicts it affects. */
  async function refresh(key: string, batch: Batch): Promise<void> {
    const changed = await limit(() => fetchAndStore(key));
    if (changed === null) return;
    batch.add(key);
    // A published comment is only moved when the link itself changed (it broke, or now redirects
    // elsewhere): a moderator who approved a comment despite a dead link is not overruled every hour.
    const citing = await listCommentsCiting(db, key, changed ? VISIBLE : ["held", "pending"]);
    for (const commentId of citing) await reapplyVerdict(commentId, { mayHoldPublished: changed });
  }

  /** null when another instance holds the URL (or it is fresh); else whether its state or destination changed. */
  async function fetchAndStore(key: string): Promise<boolean | null> {
    if (!fetcher || stopped) return null;
    const now = clock.now();
    if (!(await claimLinkCheck(db, key, now, new Date(now.getTime() + leaseMs)))) return null;
    const before = (await readLinkChecks(db, [key])).get(key);
    const result = await fetcher.check(key);
    const row = await storeLinkCheck(db, key, result, ttl, clock.now());
    log.debug({ url: key, state: row.state, httpStatus: row.httpStatus, ms: row.durationMs }, "link checked");
    return !before || before.state !== row.state || before.finalDomain !== row.finalDomain;
  }

  /** Waits while another instance holds the URL's lease, then checks it here if that instance gave up. */
  async function settle(key: string, batch: Batch): Promise<void> {
    await refresh(key, batch);
    for (let waited = 0; ; waited += POLL_MS) {
      const row = (await readLinkChecks(db, [key])).get(key);
      if (!row || row.state !== "unchecked" || stopped) return;
      if (row.expiresAt <= clock.now() || waited > leaseMs) {
        await refresh(key, batch);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS).unref());
    }
  }

  /** Moderators hear of each result; readers' cached listings of the threads citing them drop, once. */
  async function announce(batch: Batch): Promise<void> {
    if (!batch.size) return;
    const urls = [...batch];
    batch.clear();
    const threads = await listThreadsCiting(db, urls, ["published"]);
    afterCommit(deps, { dropThreads: threads, publish: urls.map((url) => ({ type: "link:checked", url })) });
  }

  /** The keys within the budget; the others are only returned (the caller records them as not checked). */
  async function withinBudget(wanted: readonly string[], budget: CheckBudget) {
    const keys = [...new Set(wanted)];
    const now = clock.now();
    const rows = await readLinkChecks(db, keys);
    const inHand = new Set(keys.filter((k) => (rows.get(k)?.expiresAt ?? now) > now));
    return splitLinks(keys, budget, inHand);
  }

  async function checkComment(commentId: string): Promise<void> {
    const comment = await readComment(db, commentId);
    if (!comment) return;
    const urls = new Set(await readCommentLinkUrls(db, commentId));
    // Reading order (the pipeline's sources), then any link row the sources do not name.
    const ordered = [
      ...new Set([...sourcesOfComment(comment.bodySource, comment.metadata).map((s) => s.key), ...urls]),
    ].filter((k) => urls.has(k));
    const { siteId, settings } = await getThreadSettings(deps, comment.threadId);
    const { check, skip } = await withinBudget(ordered, checkBudgetOf(siteId, comment, settings));
    if (skip.length) {
      await markLinksNotChecked(db, commentId, skip);
      log.info({ commentId, checked: check.length, notChecked: skip.length }, "links over the check caps");
    }
    const batch: Batch = new Set();
    try {
      await Promise.all(check.map((url) => settle(url, batch)));
    } finally {
      await announce(batch);
    }
    // Fresh from the pipeline: apply the verdict whatever the links' history, once they are known.
    await reapplyVerdict(commentId, { mayHoldPublished: true, unlessModeratorActed: true });
  }

  const failOpen = (what: Record<string, unknown>) => (err: unknown) =>
    log.warn({ err, ...what }, "link check failed; the comment is left as the pipeline decided");

  async function sweep(): Promise<number> {
    if (!fetcher || stopped || sweeping) return 0;
    sweeping = true;
    try {
      const keys = await takeDueLinks(db, VISIBLE, clock.now(), config.LINK_CHECK_BATCH_SIZE);
      const batch: Batch = new Set();
      await track(
        Promise.all(keys.map((k) => refresh(k, batch).catch(failOpen({ url: k })))).finally(() => announce(batch)),
      );
      return keys.length;
    } finally {
      sweeping = false;
    }
  }

  async function idle(): Promise<void> {
    while (running.size) await Promise.allSettled([...running]);
  }

  return {
    enabled: fetcher !== null,
    sweep,
    idle,

    enqueue(commentId) {
      if (!fetcher || stopped) return;
      void track(checkComment(commentId).catch(failOpen({ commentId })));
    },

    async checkNow(wanted, timeoutMs, budget) {
      if (!fetcher || stopped || wanted.length === 0) return;
      // The links over the budget are left for the after-commit check to record as not checked.
      const keys = budget ? (await withinBudget(wanted, budget)).check : wanted;
      const batch: Batch = new Set();
      const work = track(
        Promise.all(keys.map((k) => settle(k, batch)))
          .finally(() => announce(batch))
          .catch(failOpen({ urls: keys })),
      );
      let timeout: NodeJS.Timeout | undefined;
      await Promise.race([work, new Promise((resolve) => (timeout = setTimeout(resolve, timeoutMs)))]);
      clearTimeout(timeout);
    },

    start() {
      if (!fetcher || timer) return;
      timer = setInterval(
        () => void sweep().catch(failOpen({ sweep: true })),
        config.LINK_CHECK_INTERVAL_SECONDS * 1000,
      );
      timer.unref();
    },

    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = null;
      await idle();
    },
  };
}
