// One comment's citations, links and their policy verdict, from its source text and what the cache
// knows. Pure. Used by the pipeline phase, the preview endpoint and the background re-evaluation,
// so the three can never disagree about a comment.
import type { Citation, CitationProblem, CitationReport } from "./citation-types.ts";
import { citationVerdict, type CitationVerdict, type KnownCheck } from "./citation-verdict.ts";
import { linkPolicyOf, type CitationSettings } from "./citation-settings.ts";
import { describeSources, type Source } from "./describe-sources.ts";
import { countLinks, evaluateLinks, type LinkFlag } from "./link-policy.ts";
import { parseCitations } from "./parse-citations.ts";

/** What the pipeline stores in Comment.metadata.citations (plain JSON). */
export type CitationSummary = {
  citations: Citation[];
  problems: Pick<CitationProblem, "code" | "severity" | "label" | "message" | "line">[];
  sources: Source[];
  linkFlags: Pick<LinkFlag, "code" | "href" | "detail">[];
  notes: CitationVerdict["notes"];
  linkCount: number;
};

export type CitationAnalysis = {
  report: CitationReport;
  sources: Source[];
  linkFlags: LinkFlag[];
  verdict: CitationVerdict;
  summary: CitationSummary;
};

export function analyzeCitations(input: {
  source: string;
  settings: CitationSettings;
  checks: ReadonlyMap<string, KnownCheck>;
}): CitationAnalysis {
  // The same parse the body was rendered from (parse-citations.ts keeps the last one): its links are
  // every link the HTML holds, so none escapes checking.
  const report = parseCitations(input.source);
  const sources = describeSources(report);
  const linkFlags = evaluateLinks(report.links, linkPolicyOf(input.settings));
  const verdict = citationVerdict({ report, sources, linkFlags, checks: input.checks, settings: input.settings });
  const summary: CitationSummary = {
    citations: report.citations,
    problems: report.problems.map(({ code, severity, label, message, line }) => ({
      code,
      severity,
      label,
      message,
      line,
    })),
    sources,
    linkFlags: linkFlags.map(({ code, href, detail }) => ({ code, href, detail })),
    notes: verdict.notes,
    linkCount: countLinks(report.links),
  };
  return { report, sources, linkFlags, verdict, summary };
}

/** Reads back metadata.citations.sources written by the pipeline (null for older or foreign rows). */
export function storedSources(metadata: unknown): Source[] | null {
  const sources = (metadata as { citations?: { sources?: unknown } } | null)?.citations?.sources;
  if (!Array.isArray(sources)) return null;
  return (sources as ({ url?: unknown; key?: unknown } | null)[]).filter(
    (s): s is Source => !!s && typeof s === "object" && typeof s.url === "string" && typeof s.key === "string",
  );
}

/** A comment's sources: as the pipeline recorded them, or parsed now when no phase did (e.g. a trusted poster). */
export function sourcesOfComment(source: string, metadata: unknown): Source[] {
  return storedSources(metadata) ?? describeSources(parseCitations(source));
}
