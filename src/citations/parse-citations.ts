// parseCitations(): the links, citation markers ([A], [15], [^1]) and reference list of a comment,
// each marker resolved to its source, and the problems a reader would notice ("[C] has no source").
// What is found is read from markdown-it's tokens (render/comment-citations.ts), the same parse the body
// is rendered from; this file resolves and judges it. Pure: no network, no database.
import type {
  Citation,
  CitationProblem,
  CitationProblemCode,
  CitationReport,
  Marker,
  Reference,
  Severity,
} from "./citation-types.ts";
import { urlCacheKey } from "./normalize-url.ts";
import { WORD_LIKE_LABEL, type FoundCitations } from "../render/comment-citations.ts";
import { parseCommentMarkdown, type ParsedComment } from "../render/comment-markdown.ts";

export type * from "./citation-types.ts";

export type ReadComment = { parsed: ParsedComment; report: CitationReport };

// The post path asks for the same body several times in a row (render-body, check-citations, the
// preview's render and analysis): the last one read is kept, so a comment is parsed once. Callers
// never change what they get.
let last: { source: string; read: ReadComment } | null = null;

/** A comment's tokens and its citation report, from one markdown-it parse. */
export function readComment(source: string): ReadComment {
  if (last?.source === source) return last.read;
  const parsed = parseCommentMarkdown(source);
  const read = { parsed, report: citationReport(parsed.found) };
  last = { source, read };
  return read;
}

export function parseCitations(source: string): CitationReport {
  return readComment(source).report;
}

function citationReport(found: FoundCitations): CitationReport {
  const references: Reference[] = found.references.map(({ label, url, title, style, line, inQuotation }) => ({
    label,
    url,
    title,
    style,
    line,
    inQuotation,
  }));
  const resolve = referenceResolver(references);
  const markers: Marker[] = found.markers
    .filter((m) => !WORD_LIKE_LABEL.test(m.label) || resolve(m.label) !== null)
    .map((m) => ({ ...m, resolvedTo: resolve(m.label)?.label ?? null }));
  return {
    links: found.links,
    markers,
    references,
    citations: citationsOf(markers, references),
    problems: findProblems(markers, references),
  };
}

/**
 * Labels match exactly first; failing that, ignoring case, so `[a]` finds `[A] https://…`.
 * `[a]` and `[A]` are only different sources when both are defined. `[^1]` and `[1]` never match.
 * A label defined twice resolves to its first definition.
 */
function referenceResolver(references: Reference[]): (label: string) => Reference | null {
  const exact = new Map<string, Reference>();
  const folded = new Map<string, Reference>();
  for (const r of references) {
    if (!exact.has(r.label)) exact.set(r.label, r);
    if (!folded.has(r.label.toLowerCase())) folded.set(r.label.toLowerCase(), r);
  }
  return (label) => exact.get(label) ?? folded.get(label.toLowerCase()) ?? null;
}

function citationsOf(markers: Marker[], references: Reference[]): Citation[] {
  const citations = new Map<string, Citation>();
  for (const m of markers) {
    if (m.resolvedTo === null) continue;
    const existing = citations.get(m.resolvedTo);
    if (existing) existing.markerCount++;
    else {
      const url = references.find((r) => r.label === m.resolvedTo)?.url ?? "";
      citations.set(m.resolvedTo, { label: m.resolvedTo, url, markerCount: 1 });
    }
  }
  return [...citations.values()];
}

function findProblems(markers: Marker[], references: Reference[]): CitationProblem[] {
  const problems: CitationProblem[] = [];
  const once = new Set<string>();
  const report = (code: CitationProblemCode, severity: Severity, at: Marker | Reference, message: string) => {
    if (once.has(`${code} ${at.label}`)) return;
    once.add(`${code} ${at.label}`);
    problems.push({ code, severity, label: at.label, message, line: at.line });
  };

  for (const m of markers) {
    if (m.resolvedTo !== null) continue;
    // Wikipedia's "[15]" pasted inside a quote is the quoted text's footnote, not the commenter's claim.
    if (m.inQuotation) {
      report(
        "quoted-marker",
        "info",
        m,
        `[${m.label}] is inside a quotation and has no source here; it is probably the quoted text's own footnote`,
      );
    } else report("unresolved-marker", "error", m, `[${m.label}] has no source`);
  }

  const cited = new Set(markers.map((m) => m.resolvedTo));
  const byLabel = new Map<string, Reference[]>();
  for (const r of references) {
    const defs = byLabel.get(r.label);
    if (defs) defs.push(r);
    else byLabel.set(r.label, [r]);
  }
  for (const [label, defs] of byLabel) {
    const first = defs[0]!;
    if (defs.length > 1) {
      const urls = new Set(defs.map((d) => urlCacheKey(d.url) ?? d.url.trim()));
      const times = defs.length === 2 ? "twice" : `${defs.length} times`;
      if (urls.size > 1)
        report("duplicate-reference", "error", defs[1]!, `[${label}] is listed ${times} with different sources`);
      else report("duplicate-reference", "warning", defs[1]!, `[${label}] is listed ${times}`);
    }
    if (!cited.has(label)) report("uncited-reference", "warning", first, `[${label}] is listed but never cited`);
  }
  return problems.sort((a, b) => a.line - b.line); // stable: in reading order within a line
}
