import { analyzeCitations } from "../../citations/analyze-citations.ts";
import type { KnownCheck } from "../../citations/citation-verdict.ts";
import { describeSources } from "../../citations/describe-sources.ts";
import { readLinkChecks, validChecks } from "../../citations/link-cache.ts";
import { parseCitations } from "../../citations/parse-citations.ts";
import type { Phase } from "../pipeline.ts";

/**
 * Content check: the comment's citations and links against the site's policy and what the link cache
 * already knows. Holds (with reason codes) for unresolved citations, denied or unsafe links and links
 * known to be broken; records the citation summary in metadata.citations. Links not checked yet are
 * checked after the comment is stored (or first, briefly, when the site asks for blocking checks).
 */
export const checkCitations: Phase = {
  name: "check-citations",
  async run(ctx) {
    const { deps, bodySource: source } = ctx;
    const { settings } = ctx;
    const renderedHrefs = Array.isArray(ctx.metadata.links) ? (ctx.metadata.links as string[]) : [];
    const known = async (keys: string[]) => validChecks(await readLinkChecks(deps.db, keys), deps.clock.now());
    const keys = describeSources(parseCitations(source), renderedHrefs).map((s) => s.key);
    let checks = await known(keys).catch((err) => {
      deps.log.warn({ err }, "link cache unreadable; treating links as unchecked");
      return new Map<string, KnownCheck>();
    });
    const unchecked = keys.filter((k) => !checks.has(k));
    if (settings.linkCheckBlocking && deps.linkChecker.enabled && unchecked.length) {
      await deps.linkChecker.checkNow(unchecked, settings.linkCheckBlockingMs);
      checks = await known(keys);
    }
    const { verdict, summary } = analyzeCitations({ source, settings, checks, renderedHrefs });
    return { flags: verdict.flags, metadata: { citations: summary } };
  },
};
