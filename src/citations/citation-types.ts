// The shapes parseCitations() returns. Plain JSON (null, never undefined) so a report can be stored
// in a comment's metadata and sent back by POST /api/citations/preview unchanged.

/** Where something sits in the source: its 1-based line (read from markdown-it's block maps). */
export type SourceSpan = { line: number };

export type LinkKind = "markdown" | "autolink" | "bare";

export type ParsedLink = SourceSpan & {
  kind: LinkKind;
  /** The link's text as shown; for bare URLs and autolinks, the URL as shown. */
  text: string;
  /** The destination as markdown-it renders it (the href readers follow). */
  href: string;
  /** Inside a `>` block quote or a paragraph wrapped in quotation marks. */
  inQuotation: boolean;
};

export type Marker = SourceSpan & {
  /** As written between the brackets: "A", "15", "^1". */
  label: string;
  inQuotation: boolean;
  /** The label of the reference this marker resolved to, or null. */
  resolvedTo: string | null;
};

/** `[A] url` is "bracket", `[A]: url` / `[^1]: url` is "colon", `A. url` / `1) url` (a list item) is "list". */
export type ReferenceStyle = "bracket" | "colon" | "list";

export type Reference = SourceSpan & {
  label: string;
  url: string;
  /** Text beside the URL on the same line, separators and quotes trimmed. */
  title: string | null;
  style: ReferenceStyle;
  inQuotation: boolean;
};

export type Citation = { label: string; url: string; markerCount: number };

export type CitationProblemCode = "unresolved-marker" | "uncited-reference" | "duplicate-reference" | "quoted-marker";

export type Severity = "error" | "warning" | "info";

/** One problem per label and code, located at the label's first occurrence. */
export type CitationProblem = SourceSpan & {
  code: CitationProblemCode;
  severity: Severity;
  label: string;
  message: string;
};

export type CitationReport = {
  links: ParsedLink[];
  markers: Marker[];
  references: Reference[];
  /** Resolved references, in order of first citation. */
  citations: Citation[];
  problems: CitationProblem[];
};
