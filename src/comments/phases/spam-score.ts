import { extractSpamFeatures, type SpamSignals } from "../../spam/spam-features.ts";
import { scoreFeatures } from "../../spam/naive-bayes.ts";
import { describeSpamReasons } from "../../spam/describe-features.ts";
import type { Phase, PipelineContext } from "../pipeline.ts";

/**
 * Content check: the site's learned spam score (src/spam/). Always records the score, its reasons in
 * words and the signals it used (metadata.spam; the moderator's decision later learns the same
 * features). Acts only once the model has learned `spamMinDecisions` comments: at `spamHoldScore`
 * it flags `spam-score` (held), at `spamRejectScore` it marks the comment spam. The model comes from
 * the per-site cache: no database read on most posts. Fails open (logged) if the model is unreadable.
 */
export const spamScore: Phase = {
  name: "spam-score",
  async run(ctx) {
    const { settings } = ctx;
    const model = await ctx.spamModels.forSite(ctx.thread.siteId).catch((err) => {
      ctx.log.warn({ err }, "spam model unreadable; comment not scored");
      return null;
    });
    if (!model) return;
    const signals = signalsOf(ctx);
    const features = extractSpamFeatures({ body: ctx.bodySource, author: ctx.author, signals });
    const s = scoreFeatures(model, features);
    const score = Math.round(s.score * 1000) / 1000;
    const reasons = describeSpamReasons(s.towardsSpam, signals.postedAfterMs);
    const acting = s.decisions >= settings.spamMinDecisions && model.spamDocs > 0 && model.hamDocs > 0;
    const metadata = { spam: { score, decisions: s.decisions, acting, reasons, signals } };
    if (!acting) return { metadata };
    const flag = {
      code: "spam-score",
      detail: `${score.toFixed(2)}${reasons.length ? `: ${reasons.join("; ")}` : ""}`,
    };
    if (settings.spamRejectScore > 0 && score >= settings.spamRejectScore)
      return { metadata, flags: [flag], status: "spam" };
    if (settings.spamHoldScore > 0 && score >= settings.spamHoldScore) return { metadata, flags: [flag] };
    return { metadata };
  },
};

/** What the other phases learned that the score uses: links (render-body), citations (check-citations), and the posting speed. */
function signalsOf(ctx: PipelineContext): SpamSignals {
  const links = Array.isArray(ctx.metadata.links) ? (ctx.metadata.links as string[]) : [];
  const citations = (ctx.metadata.citations as { citations?: { url: string }[] } | undefined)?.citations ?? [];
  return {
    links,
    citedLinks: citations.map((c) => c.url),
    citationFlags: ctx.flags
      .filter((f) => f.code.startsWith("link-") || f.code.startsWith("citation-"))
      .map((f) => f.code),
    postedAfterMs: ctx.postedAfterMs ?? null,
  };
}
