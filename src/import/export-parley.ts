// Use case: a site's threads and comments as Parley's own export — JSON Lines, one record per line:
// a header, then each thread followed by its comments (parents before replies), each comment with its
// revisions and links. Lossless for what a comment is (status, parent, revisions, flags, metadata with
// its references, kind, source id); re-importable with `--format parley`. Streamed: the caller writes
// each line as it comes. Deterministic (no timestamp of its own), so two exports of the same data are equal.
import type { Deps } from "../deps.ts";
import { AppError } from "../domain/errors.ts";
import {
  readExportSite,
  readSiteThreads,
  readThreadComments,
  type ExportComment,
  type ExportThread,
} from "../store/exports.ts";

export const PARLEY_EXPORT_FORMAT = "parley-export";
export const PARLEY_EXPORT_VERSION = 1;

export async function* exportParley(deps: Pick<Deps, "db">, siteId: string): AsyncGenerator<string> {
  const site = await readExportSite(deps.db, siteId);
  if (!site) throw new AppError("SITE_NOT_FOUND");
  yield line({ type: "header", format: PARLEY_EXPORT_FORMAT, version: PARLEY_EXPORT_VERSION, site });
  for await (const thread of readSiteThreads(deps.db, siteId)) {
    yield line(threadRecord(thread));
    for await (const comment of readThreadComments(deps.db, thread.id)) yield line(commentRecord(comment));
  }
}

function line(record: unknown): string {
  return `${JSON.stringify(record)}\n`;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function threadRecord(t: ExportThread) {
  const a = t.article;
  return {
    type: "thread",
    id: t.id,
    pageKey: t.pageKey,
    url: t.url,
    title: t.title,
    closed: t.closed,
    createdAt: iso(t.createdAt),
    importKey: t.importKey,
    article: a
      ? {
          id: a.id,
          slug: a.slug,
          title: a.title,
          category: a.category,
          dek: a.dek,
          authorName: a.authorName,
          authorBio: a.authorBio,
          publishedAt: iso(a.publishedAt),
          bodyMarkdown: a.bodyMarkdown,
          bodyHtml: a.bodyHtml,
          closingLine: a.closingLine,
          settings: a.settings,
          createdAt: iso(a.createdAt),
        }
      : null,
  };
}

function commentRecord(c: ExportComment) {
  return {
    type: "comment",
    id: c.id,
    threadId: c.threadId,
    parentId: c.parentId,
    depth: c.depth,
    authorName: c.authorName,
    authorEmail: c.authorEmail,
    authorUrl: c.authorUrl,
    ipHash: c.ipHash,
    moderatorEmail: c.moderator?.email ?? null,
    bodySource: c.bodySource,
    bodyHtml: c.bodyHtml,
    status: c.status,
    revision: c.revision,
    flags: c.flags,
    metadata: c.metadata,
    reportCount: c.reportCount,
    createdAt: iso(c.createdAt),
    editedAt: iso(c.editedAt),
    publishedAt: iso(c.publishedAt),
    kind: c.kind,
    importKey: c.importKey,
    revisions: c.revisions.map((r) => ({ ...r, createdAt: iso(r.createdAt) })),
    links: c.links,
  };
}
