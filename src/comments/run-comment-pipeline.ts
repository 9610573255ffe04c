// Runs a new or edited comment through the moderation pipeline with everything the phases read:
// the thread's settings and the poster's history. commentPipelineContext() is the one place that
// builds that context: create-comment, edit-comment and the link verdict (apply-link-verdict.ts) all
// run through it, so every run sees the same author (a signed-in reader's account included).
// pipelineServices() is the narrow part of the context every run needs (the re-check builds its own with it).
import { validChecks } from "../citations/link-cache.ts";
import { readLinkChecks } from "../store/link-checks.ts";
import { bodyHashOf, type BodyHash } from "../domain/body-hash.ts";
import type { CommentFlag, CommentStatus } from "../domain/comment.ts";
import type { Deps } from "../deps.ts";
import { runPipeline, type Phase, type PipelineContext, type PipelineOutcome } from "./pipeline.ts";
import { phases as allPhases } from "./phases/index.ts";
import { posterHistory, type KnownHistory } from "../moderation/poster-history.ts";
import type { GovernedThread } from "../domain/thread.ts";

export type CommentPipelineInput = {
  kind: PipelineContext["kind"];
  thread: GovernedThread;
  author: PipelineContext["author"];
  bodySource: string;
  /** bodySource's hash (domain/body-hash.ts), when the caller has it already. */
  bodyHash?: BodyHash;
  parentId: string | null;
  commentId?: string;
  previous?: { status: CommentStatus; flags: CommentFlag[] };
  /** The stored rendering, when re-running phases that come after render-body on a stored comment. */
  bodyHtml?: string;
  /** Milliseconds from the form's render to the post (posting-speed.ts), when known. */
  postedAfterMs?: number | null;
  /** Parts of the poster's history already read (a new comment's post reads the names with its thread). */
  known?: KnownHistory;
};

/** Runs `phases` (all of them unless told) on the comment: its status, rendering, flags and metadata. */
export function runCommentPipeline(
  deps: Deps,
  input: CommentPipelineInput,
  phases: readonly Phase[] = allPhases,
): Promise<PipelineOutcome> {
  return runPipeline(phases, commentPipelineContext(deps, input));
}

/** The author as stored with a comment; `ipHash` is the address writing now (an edit's) or the stored one. */
export function storedAuthor(
  row: {
    authorName: string;
    authorEmail: string;
    authorUrl: string | null;
    moderatorId: string | null;
    readerAccountId: string | null;
    metadata: unknown;
  },
  ipHash: string,
): PipelineContext["author"] {
  return {
    name: row.authorName,
    email: row.authorEmail,
    url: row.authorUrl,
    ipHash,
    moderatorId: row.moderatorId,
    // The post's own proof of the email carries over (the edit token or the stored comment proves authorship).
    emailProven: (row.metadata as { emailProven?: unknown } | null)?.emailProven === true,
    readerAccountId: row.readerAccountId,
  };
}

/** Everything the phases read for this comment: thread, settings, the poster's history, the services. */
export function commentPipelineContext(deps: Deps, input: CommentPipelineInput): PipelineContext {
  const now = deps.clock.now();
  const { thread, author } = input;
  return {
    ...pipelineServices(deps),
    kind: input.kind,
    now,
    thread: {
      id: thread.id,
      siteId: thread.siteId,
      closed: thread.closed,
      articleId: thread.articleId,
      startedAt: thread.startedAt,
    },
    settings: thread.settings,
    history: posterHistory(
      deps.db,
      deps.dbProvider,
      { ...author, siteId: thread.siteId, now, excludeCommentId: input.commentId },
      input.known,
    ),
    author,
    bodySource: input.bodySource,
    bodyHash: input.bodyHash ?? bodyHashOf(input.bodySource),
    parentId: input.parentId,
    commentId: input.commentId,
    previous: input.previous,
    postedAfterMs: input.postedAfterMs ?? null,
    bodyHtml: input.bodyHtml ?? "",
    flags: [],
    // Kept with the comment, so an edit (by its edit token) carries the post's proof of the email over.
    metadata: author.emailProven ? { emailProven: true } : {},
  };
}

/** Server limits, the link cache and checker, and the logger, as the phases see them. */
export function pipelineServices(
  deps: Pick<Deps, "config" | "db" | "clock" | "log" | "linkChecker" | "spamModels">,
): Pick<PipelineContext, "server" | "links" | "log" | "spamModels"> {
  const { config, linkChecker } = deps;
  return {
    server: { maxLength: config.COMMENT_MAX_LENGTH, holdAll: config.HOLD_ALL_COMMENTS },
    links: {
      known: async (keys) => validChecks(await readLinkChecks(deps.db, keys), deps.clock.now()),
      checkNow: linkChecker.enabled ? (keys, timeoutMs, budget) => linkChecker.checkNow(keys, timeoutMs, budget) : null,
    },
    log: deps.log,
    spamModels: deps.spamModels,
  };
}
