// Runs a new or edited comment through the moderation pipeline with everything the phases read:
// the thread's settings and the poster's history. Shared by create-comment and edit-comment;
// pipelineServices() is the narrow part of the context every run needs (the re-check and the link
// verdict build theirs with it too).
import { readLinkChecks, validChecks } from "../citations/link-cache.ts";
import type { CommentFlag, CommentStatus } from "../domain/comment.ts";
import type { Deps } from "../deps.ts";
import { runPipeline, type PipelineContext, type PipelineOutcome } from "./pipeline.ts";
import { phases } from "./phases/index.ts";
import { posterHistory } from "../moderation/poster-history.ts";
import type { GovernedThread } from "../domain/thread.ts";

export type CommentPipelineInput = {
  kind: PipelineContext["kind"];
  thread: GovernedThread;
  author: PipelineContext["author"];
  bodySource: string;
  parentId: string | null;
  commentId?: string;
  previous?: { status: CommentStatus; flags: CommentFlag[] };
};

export function runCommentPipeline(deps: Deps, input: CommentPipelineInput): Promise<PipelineOutcome> {
  const now = deps.clock.now();
  const { thread, author } = input;
  return runPipeline(phases, {
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
    history: posterHistory(deps, {
      siteId: thread.siteId,
      email: author.email,
      name: author.name,
      ipHash: author.ipHash,
      readerAccountId: author.readerAccountId ?? null,
      now,
      excludeCommentId: input.commentId,
    }),
    author,
    bodySource: input.bodySource,
    parentId: input.parentId,
    commentId: input.commentId,
    previous: input.previous,
    bodyHtml: "",
    flags: [],
    // Kept with the comment, so an edit (by its edit token) carries the post's proof of the email over.
    metadata: author.emailProven ? { emailProven: true } : {},
  });
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
      checkNow: linkChecker.enabled ? (keys, timeoutMs) => linkChecker.checkNow(keys, timeoutMs) : null,
    },
    log: deps.log,
    spamModels: deps.spamModels,
  };
}
