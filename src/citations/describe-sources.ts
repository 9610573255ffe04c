// The sources of one comment: every distinct web link it contains, each with the citation label that
// names it ("A" for "[A] https://…"), in reading order for a "Sources" list: cited references first
// (in order of first citation), then references never cited, then the other links as they appear.
// Pure. The same list becomes the comment's CommentLink rows and its readers' Sources list.
import type { CitationReport } from "./citation-types.ts";
import { normalizeUrl, parseUrl, urlCacheKey } from "./normalize-url.ts";

export type Source = {
  /** As a browser would request it (normalised, fragment kept): what the Sources list links to. */
  url: string;
  /** The cache key (no fragment): CommentLink.url and LinkCheck.url. */
  key: string;
  /** The citation label naming it, or null for a link that is not a reference. */
  label: string | null;
  /** What the author called it: the reference's title or a Markdown link's text. */
  text: string | null;
};

const CHECKABLE = new Set(["http:", "https:"]);

/** `extraHrefs`: links found elsewhere (an imported comment's HTML), listed after the report's. */
export function describeSources(report: CitationReport, extraHrefs: readonly string[] = []): Source[] {
  const sources = new Map<string, Source>();
  const add = (href: string, label: string | null, text: string | null) => {
    const url = normalizeUrl(href);
    const key = urlCacheKey(href);
    if (!url || !key || !CHECKABLE.has(parseUrl(url)?.protocol ?? "")) return;
    const known = sources.get(key);
    if (known) {
      known.label ??= label;
      known.text ??= text;
    } else sources.set(key, { url, key, label, text });
  };

  const firstDefinition = new Map<string, (typeof report.references)[number]>();
  for (const r of report.references) if (!firstDefinition.has(r.label)) firstDefinition.set(r.label, r);
  for (const c of report.citations) add(c.url, c.label, firstDefinition.get(c.label)?.title ?? null);
  for (const r of firstDefinition.values()) add(r.url, r.label, r.title);
  // A Markdown link's text names its source, unless it is only a citation marker: "[A]" with "[A]: url"
  // below is a reference link whose text is the marker, and "[A] [A] example.com" would say nothing.
  const markerText = new Set(report.citations.map((c) => `[${c.label}]`));
  for (const l of report.links) {
    const text = l.text.trim();
    add(l.href, null, l.kind === "markdown" && text !== l.href && !markerText.has(text) ? text : null);
  }
  for (const href of extraHrefs) add(href, null, null);
  return [...sources.values()];
}

/** CommentLink rows for a comment's sources. */
export function commentLinkRows(sources: readonly Source[]): { url: string; label: string | null }[] {
  return sources.map((s) => ({ url: s.key, label: s.label }));
}

/** A host as readers know it: "en.wikipedia.org", without "www.". */
export function displayDomain(url: string): string {
  return (parseUrl(url)?.hostname ?? "").replace(/^www\./, "").replace(/\.$/, "");
}
