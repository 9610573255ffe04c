// A cited comment's reference list ("[A] https://…" lines) is shown once, as the Sources list under
// the comment (with each link's check state), so the body is rendered without those lines. Lines in
// a quotation stay (someone else's words being quoted), and so does a numbered line ("1. https://…")
// that nothing cites: it is more likely a list of links than a reference list.
import { parseCitations } from "./parse-citations.ts";

export function withoutReferenceLines(source: string): string {
  const report = parseCitations(source);
  const cited = new Set(report.citations.map((c) => c.label));
  const spans = report.references
    .filter((r) => !r.inQuotation && (r.style !== "list" || cited.has(r.label)))
    .map((r) => {
      const start = source.lastIndexOf("\n", r.offset - 1) + 1;
      const newline = source.indexOf("\n", r.end);
      return [start, newline === -1 ? source.length : newline + 1] as const;
    });
  if (spans.length === 0) return source;
  let out = "";
  let at = 0;
  for (const [start, end] of spans.sort((a, b) => a[0] - b[0])) {
    if (start < at) continue; // two references on one line
    out += source.slice(at, start);
    at = end;
  }
  return (out + source.slice(at)).replace(/\s+$/, "");
}
