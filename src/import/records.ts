// What the export parsers yield: a stream of typed records, each with the line it started on, and the
// problems found on the way (a record that cannot be imported is reported, never thrown). The
// importer turns these into Parley's threads and comments; the parsers know nothing of the database.

export type ImportFormat = "wordpress" | "disqus" | "parley";

/** Statuses a source can give a comment; "deleted" is stored but never shown. */
export type ImportedStatus = "published" | "pending" | "spam" | "deleted";

/** WordPress's comment types; Disqus has only comments. */
export type ImportedKind = "comment" | "pingback" | "trackback";

/** A post, page or Disqus thread: becomes a hosted article or an embedded page's thread. */
export type ImportedThread = {
  type: "thread";
  externalId: string;
  title: string;
  /** The page's address as the source knew it (WordPress permalink, Disqus link). */
  url: string | null;
  /** Disqus's thread identifier (`<id>`), WordPress's `?p=N` guid: another name of the page. */
  identifier: string | null;
  slug: string | null;
  createdAt: Date | null;
  authorName: string | null;
  category: string | null;
  /** The post's body as the source stored it (HTML), for hosted articles. */
  body: string | null;
  closed: boolean;
  line: number;
};

export type ImportedComment = {
  type: "comment";
  externalId: string;
  threadExternalId: string;
  parentExternalId: string | null;
  authorName: string;
  /** Trimmed and lower-cased; "" when the source had none. */
  authorEmail: string;
  authorUrl: string | null;
  /** The raw address from the file: the importer hashes it at once and never stores it. */
  authorIp: string | null;
  createdAt: Date;
  /** The body as the source stored it (HTML); kept as the comment's source. */
  body: string;
  status: ImportedStatus;
  kind: ImportedKind;
  line: number;
};

/** A WordPress item is over: every comment of that thread has been read. */
export type ThreadEnd = { type: "thread-end"; externalId: string };

export type ProblemCode =
  | "broken-xml"
  | "bad-date"
  | "missing-id"
  | "unknown-thread"
  | "orphan-reply"
  | "deleted-thread"
  | "skipped-post-type"
  | "bad-record";

export type ImportProblem = {
  type: "problem";
  code: ProblemCode;
  /** The record's id in the source, when it has one. */
  id: string | null;
  line: number | null;
  message: string;
};

export type ImportRecord = ImportedThread | ImportedComment | ThreadEnd | ImportProblem;

/** Thrown before any record: the file is not an export of the asked format (or of any we read). */
export class NotThisFormatError extends Error {
  constructor(expected: ImportFormat, root: { name: string; attrs: Record<string, string> }) {
    const looksLike =
      root.name === "disqus"
        ? " It looks like a Disqus export: use --format disqus."
        : root.name === "rss" && Object.values(root.attrs).some((v) => v.includes("wordpress.org/export"))
          ? " It looks like a WordPress export: use --format wordpress."
          : "";
    const name =
      expected === "wordpress"
        ? "a WordPress export (WXR)"
        : expected === "disqus"
          ? "a Disqus export"
          : "a Parley export";
    super(`This file is not ${name}: its root element is <${root.name}>.${looksLike}`);
  }
}

/** Thrown before any record: the file is not XML (or JSON Lines) at all. */
export class UnreadableExportError extends Error {}

export function notXml(error: { line: number; message: string }): UnreadableExportError {
  return new UnreadableExportError(`This file is not an XML export (line ${error.line}: ${error.message}).`);
}

/** An export's bytes or text, as a file stream or an upload gives them. */
export type Chunks = AsyncIterable<string | Buffer> | Iterable<string | Buffer>;
