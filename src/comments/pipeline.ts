// Runs a comment (new or edited) through the ordered phases in ./phases/index.ts (STYLE.md §7).
// A phase returns nothing (no opinion), an annotation (flags, metadata, the rendered body) or a
// decision (status). The first decision wins and ends the run; refusals throw an AppError.
// Phases get this narrow context, never the dependencies bag: what they read is listed here.
import type { Logger } from "pino";
import type { KnownCheck } from "../citations/citation-verdict.ts";
import type { CheckBudget } from "../citations/link-budget.ts";
import type { SiteSettings } from "../config/site-settings.ts";
import type { CommentFlag, CommentStatus } from "../domain/comment.ts";
import type { SpamModels } from "../spam/spam-models.ts";
import type { PosterHistory } from "../moderation/poster-history.ts";
import type { BodyHash } from "../domain/body-hash.ts";

/** What the link cache knows, and the checker when a site asks for checks before answering (check-citations). */
export type PipelineLinks = {
  /** The results a verdict may rely on for these cache keys (throws when the cache cannot be read). */
  known(keys: readonly string[]): Promise<Map<string, KnownCheck>>;
  /** Checks the keys within the poster's budget now, waiting at most timeoutMs; null when link checks are off. */
  checkNow: ((keys: readonly string[], timeoutMs: number, budget: CheckBudget) => Promise<void>) | null;
};

export type PipelineContext = {
  kind: "create" | "edit";
  now: Date;
  thread: {
    id: string;
    siteId: string;
    closed: boolean;
    articleId: string | null;
    /** article publication, else thread creation: auto-close counts from here */ startedAt: Date;
  };
  /** The resolved settings: defaults ← site ← article. */
  settings: SiteSettings;
  /** The poster's past (bans, recent comments, published count), for refuse and default phases. */
  history: PosterHistory;
  author: {
    name: string;
    email: string;
    url: string | null;
    ipHash: string;
    moderatorId: string | null;
    /** The poster proved they own the email (the cookie a confirmation link sets); see moderation-mode. */
    emailProven?: boolean;
    /** A signed-in reader's account (src/identity/): returning author, bans and limits go by it. */
    readerAccountId?: string | null;
  };
  bodySource: string;
  /** bodySource's hash for the duplicate rule (domain/body-hash.ts). */
  bodyHash: BodyHash;
  parentId: string | null;
  /** Set by the edit use case: the comment being edited. */
  commentId?: string;
  /** Set by the edit use case: the comment's status and flags before this edit. */
  previous?: { status: CommentStatus; flags: CommentFlag[] };
  /** Milliseconds from the form's render to the post, when known (posting-speed.ts); the spam score's speed feature. */
  postedAfterMs?: number | null;
  /** Server-wide limits (config): COMMENT_MAX_LENGTH and HOLD_ALL_COMMENTS. */
  server: { maxLength: number; holdAll: boolean };
  links: PipelineLinks;
  /** Each site's learned spam model (spam-score). */
  spamModels: Pick<SpamModels, "forSite">;
  log: Pick<Logger, "warn">;
  /** What earlier phases produced; later phases may read it. */
  bodyHtml: string;
  flags: CommentFlag[];
  metadata: Record<string, unknown>;
};

export type PhaseResult = void | {
  bodyHtml?: string;
  flags?: CommentFlag[];
  metadata?: Record<string, unknown>;
  status?: CommentStatus;
};

export type Phase = { name: string; run(ctx: PipelineContext): PhaseResult | Promise<PhaseResult> };

export type PipelineOutcome = {
  status: CommentStatus;
  bodyHtml: string;
  flags: CommentFlag[];
  metadata: Record<string, unknown>;
  decidedBy: string;
};

export async function runPipeline(phases: readonly Phase[], ctx: PipelineContext): Promise<PipelineOutcome> {
  for (const phase of phases) {
    const result = await phase.run(ctx);
    if (!result) continue;
    if (result.bodyHtml !== undefined) ctx.bodyHtml = result.bodyHtml;
    if (result.flags) ctx.flags.push(...result.flags);
    if (result.metadata) Object.assign(ctx.metadata, result.metadata);
    if (result.status) {
      return {
        status: result.status,
        bodyHtml: ctx.bodyHtml,
        flags: ctx.flags,
        metadata: ctx.metadata,
        decidedBy: phase.name,
      };
    }
  }
  // No phase decided: publish unless an earlier phase flagged it.
  const status = ctx.flags.length ? "held" : "published";
  return { status, bodyHtml: ctx.bodyHtml, flags: ctx.flags, metadata: ctx.metadata, decidedBy: "default" };
}
