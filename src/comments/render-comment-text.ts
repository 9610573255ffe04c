// What a comment's text shows: its source rendered (render/comment-markdown.ts) without the reference
// lines, which the Sources list shows instead (citations/reference-lines.ts). One parse gives the HTML,
// the links and the citations: the links are read from the whole text, so every link, cited or not, is
// still recorded, counted and checked.
import { readComment } from "../citations/parse-citations.ts";
import { referenceLinesShownAsSources } from "../citations/reference-lines.ts";
import type { CitationReport, ParsedLink } from "../citations/citation-types.ts";
import { renderParsedComment } from "../render/comment-markdown.ts";

export function renderCommentText(source: string): { html: string; links: ParsedLink[]; report: CitationReport } {
  const read = readComment(source);
  return {
    html: renderParsedComment(read.parsed, referenceLinesShownAsSources(read)),
    links: read.report.links,
    report: read.report,
  };
}
