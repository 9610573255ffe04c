// A cited comment's reference list ("[A] https://…" lines) is shown once, as the Sources list under
// the comment (with each link's check state), so the body is rendered without those lines. Lines in
// a quotation stay (someone else's words being quoted), and so does a numbered line ("1. https://…")
// that nothing cites: it is more likely a list of links than a reference list. A Markdown definition
// (`[A]: url` opening a paragraph) is never rendered anyway.
import type { ReferencePlace } from "../render/comment-citations.ts";
import type { ReadComment } from "./parse-citations.ts";

export function referenceLinesShownAsSources({ parsed, report }: ReadComment): ReferencePlace[] {
  const cited = new Set(report.citations.map((c) => c.label));
  // report.references is parsed.found.references without the places, in the same order.
  return parsed.found.references.flatMap((r) =>
    r.place && !r.inQuotation && (r.style !== "list" || cited.has(r.label)) ? [r.place] : [],
  );
}
