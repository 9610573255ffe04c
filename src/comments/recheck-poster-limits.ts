// The refuse phases that depend on the poster's other comments (ban, flood, duplicate). A new comment
// is checked against them once, inside its insert transaction right after the row is written, under
// the poster lock (poster-lock.ts), against what is committed now: N simultaneous posts by one poster
// take turns, the first sees no competitor, every later one sees it and throws the same AppError
// (403 / 429 / 409), which rolls its insert back. A ban committed before the post's lock was granted is
// seen here; one committed after it sweeps the stored comment (order kept by the lock, not by a second
// look before the transaction). A published post's ban and duplicate checks are asked by its thread's
// count update (store/threads.ts addPostedCount), sent as late as can be, since the thread's row stays
// locked from there to the commit and posts to one thread queue on it: recheckBeforeCount (flood), then
// the count update, then recheckAfterCount (ban, duplicate: answers in hand). A ban still comes first:
// a post refused by flood looks its ban up before saying so. Other posts read theirs here.
// create-comment.ts runs the pipeline without these phases.
import type { SiteSettings } from "../config/site-settings.ts";
import type { Deps } from "../deps.ts";
import { pipelineServices } from "./run-comment-pipeline.ts";
import { bannedPoster } from "./phases/banned-poster.ts";
import { duplicate } from "./phases/duplicate.ts";
import { flood } from "./phases/flood.ts";
import type { Phase, PipelineContext } from "./pipeline.ts";
import { posterHistory } from "../moderation/poster-history.ts";

import type { Tx } from "../store/client.ts";
import type { BodyHash } from "../domain/body-hash.ts";

export type RecheckInput = {
  thread: PipelineContext["thread"];
  settings: SiteSettings;
  author: PipelineContext["author"];
  bodySource: string;
  bodyHash: BodyHash;
  /** The `now` the pipeline used, so Retry-After is computed the same way. */
  now: Date;
  /** The row just inserted: it is not its own competitor. */
  commentId: string;
  /** Whether the poster is banned, when a statement sent after the lock was granted already asked. */
  banned?: boolean;
  /** Whether the poster wrote this text within the duplicate window, when such a statement asked too. */
  sameBody?: boolean;
};

/** The phases checked in the insert transaction instead of before it, in the pipeline's order. */
export const POSTER_LIMIT_PHASES: readonly Phase[] = [bannedPoster, flood, duplicate];

/** Throws the refusal the pipeline would have thrown had it seen the competing comments. */
export async function recheckPosterLimits(tx: Tx, deps: Deps, input: RecheckInput): Promise<void> {
  const ctx = recheckContext(tx, deps, input);
  for (const phase of POSTER_LIMIT_PHASES) await phase.run(ctx);
}

/** The checks of a published post that its thread's count update does not answer (flood): a refusal looks
 *  the ban up first (a statement of its own, only then), so a banned poster is told of the ban. */
export async function recheckBeforeCount(tx: Tx, deps: Deps, input: RecheckInput): Promise<void> {
  const ctx = recheckContext(tx, deps, input);
  try {
    await flood.run(ctx);
  } catch (refusal) {
    await bannedPoster.run(ctx);
    throw refusal;
  }
}

/** The ban and duplicate checks of a post checked by recheckBeforeCount, answered by its count update. */
export async function recheckAfterCount(tx: Tx, deps: Deps, input: RecheckInput & { banned: boolean }): Promise<void> {
  const ctx = recheckContext(tx, deps, input);
  await bannedPoster.run(ctx);
  await duplicate.run(ctx);
}

function recheckContext(tx: Tx, deps: Deps, input: RecheckInput): PipelineContext {
  const { thread, author, now } = input;
  return {
    ...pipelineServices(deps),
    kind: "create",
    now,
    thread,
    settings: input.settings,
    author,
    bodySource: input.bodySource,
    bodyHash: input.bodyHash,
    parentId: null,
    // Read through the transaction: it sees every comment committed before the lock was granted.
    history: posterHistory(
      tx,
      deps.dbProvider,
      { ...author, siteId: thread.siteId, now, excludeCommentId: input.commentId },
      {
        ...(input.banned === undefined ? {} : { activeBan: input.banned }),
        ...(input.sameBody === undefined ? {} : { sameBody: input.sameBody }),
      },
    ),
    bodyHtml: "",
    flags: [],
    metadata: {},
  };
}
