import { analyzeCitations } from "../../citations/analyze-citations.ts";
import type { KnownCheck } from "../../citations/citation-verdict.ts";
import { describeSources } from "../../citations/describe-sources.ts";
import { checkBudgetOf } from "../../citations/link-budget.ts";
import { parseCitations } from "../../citations/parse-citations.ts";
import type { Phase } from "../pipeline.ts";

/**
 * Content check: the comment's citations and links against the site's policy and what the link cache
 * already knows. Holds (with reason codes) for unresolved citations, denied or unsafe links and links
 * known to be broken; records the citation summary in metadata.citations. Links not checked yet are
 * checked after the comment is stored (or first, briefly, when the site asks for blocking checks),
 * as many as the site's links-checked caps allow (citations/link-budget.ts).
 */
export const checkCitations: Phase = {
  name: "check-citations",
  async run(ctx) {
    const { links, bodySource: source, settings } = ctx;
    // The parse render-body made (parse-citations.ts keeps it): links and citations as the HTML shows them.
    const keys = describeSources(parseCitations(source)).map((s) => s.key);
    let checks = await links.known(keys).catch((err) => {
      ctx.log.warn({ err }, "link cache unreadable; treating links as unchecked");
      return new Map<string, KnownCheck>();
    });
    const unchecked = keys.filter((k) => !checks.has(k));
    if (settings.linkCheckBlocking && links.checkNow && unchecked.length) {
      // All the keys, in reading order: the caps count a comment's links from its first (known ones cost nothing).
      const budget = checkBudgetOf(ctx.thread.siteId, ctx.author, settings);
      await links.checkNow(keys, settings.linkCheckBlockingMs, budget);
      checks = await links.known(keys);
    }
    const { verdict, summary } = analyzeCitations({ source, settings, checks });
    return { flags: verdict.flags, metadata: { citations: summary } };
  },
};
