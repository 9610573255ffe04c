// parseCitations(): the links, citation markers ([A], [15], [^1]) and reference list of a comment,
// each marker resolved to its source, and the problems a reader would notice ("[C] has no source").
// Pure: no network, no database. The link checker and the moderation pipeline build on the report.
import type {
  Citation,
  CitationProblem,
  CitationProblemCode,
  CitationReport,
  Marker,
  ParsedLink,
  Reference,
  Severity,
} from "./citation-types.ts";
import { findReferences } from "./find-references.ts";
import { urlCacheKey } from "./normalize-url.ts";
import { isInside, lineOf, scanBlocks } from "./scan-blocks.ts";
import { scanInline, type RawLink, type RawMarker } from "./scan-inline.ts";

export type * from "./citation-types.ts";

/**
 * Three letters in brackets is usually a word ("[sic]", an editor's "[Lab]"), so it counts as a
 * marker only when a reference defines that label. Digits, one or two letters, mixes and ^labels always count.
 */
const WORD_LIKE_LABEL = /^[A-Za-z]{3}$/;

export function parseCitations(source: string): CitationReport {
  const blocks = scanBlocks(source);
  const rawLinks: RawLink[] = [];
  const candidates: RawMarker[] = [];
  for (const p of blocks.paragraphs) {
    const found = scanInline(source, blocks, p);
    rawLinks.push(...found.links);
    candidates.push(...found.markers);
  }
  const where = (offset: number, end: number) => ({
    offset,
    end,
    line: lineOf(blocks.lineStarts, offset),
    inQuotation: isInside(blocks.quotations, offset),
  });

  const links: ParsedLink[] = rawLinks.map((l) => ({
    kind: l.kind,
    text: l.text,
    href: l.href,
    ...where(l.offset, l.end),
  }));
  const references: Reference[] = findReferences(source, blocks, rawLinks).map((r) => ({
    label: r.label,
    url: r.url,
    title: r.title,
    style: r.style,
    ...where(r.offset, r.end),
  }));

  const resolve = referenceResolver(references);
  const definitionAt = new Set(references.map((r) => r.offset));
  const markers: Marker[] = candidates
    .filter((m) => !definitionAt.has(m.offset))
    .filter((m) => !WORD_LIKE_LABEL.test(m.label) || resolve(m.label) !== null)
    .map((m) => ({ label: m.label, ...where(m.offset, m.end), resolvedTo: resolve(m.label)?.label ?? null }));

  return {
    links,
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
    problems.push({ code, severity, label: at.label, message, offset: at.offset, end: at.end, line: at.line });
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
  return problems.sort((a, b) => a.offset - b.offset);
}
