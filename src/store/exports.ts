// Storage reads for exports (src/import/export-*.ts): a site's threads a page at a time, and one
// thread's comments a page at a time with their revisions and links, parents before replies
// (depth, then date), so an export streams in bounded memory and a re-import can place every reply.
import type { Db, Tx } from "./client.ts";
import { historyOf } from "./revisions.ts";

const THREAD_PAGE = 200;
// Prisma loads a page's revisions and links with one `IN (…)` of the page's ids, and refuses more bound
// values than SQLite's 999: a page of 1,000 failed the export of any thread of 1,000 comments or more.
const COMMENT_PAGE = 500;

/** The site being exported (its id and name), or null. */
export async function readExportSite(db: Db, siteId: string) {
  return db.site.findUnique({ where: { id: siteId }, select: { id: true, name: true } });
}

export type ExportThread = Awaited<ReturnType<typeof readThreadPage>>[number];

function readThreadPage(db: Db, siteId: string, after: string | null) {
  return db.thread.findMany({
    where: { siteId, ...(after ? { id: { gt: after } } : {}) },
    orderBy: { id: "asc" },
    take: THREAD_PAGE,
    select: {
      id: true,
      pageKey: true,
      url: true,
      title: true,
      closed: true,
      createdAt: true,
      importKey: true,
      article: {
        select: {
          id: true,
          slug: true,
          title: true,
          category: true,
          dek: true,
          authorName: true,
          authorBio: true,
          publishedAt: true,
          bodyMarkdown: true,
          bodyHtml: true,
          closingLine: true,
          settings: true,
          createdAt: true,
        },
      },
    },
  });
}

/** Every thread of the site with its article, by id, read a page at a time (memory stays flat). */
export async function* readSiteThreads(db: Db, siteId: string): AsyncGenerator<ExportThread> {
  let after: string | null = null;
  for (;;) {
    const page = await readThreadPage(db, siteId, after);
    yield* page;
    if (page.length < THREAD_PAGE) return;
    after = page[page.length - 1]!.id;
  }
}

export type ExportComment = Awaited<ReturnType<typeof readCommentPage>>[number];

async function readCommentPage(db: Db, threadId: string, skip: number) {
  const rows = await db.comment.findMany({
    where: { threadId },
    orderBy: [{ depth: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    skip,
    take: COMMENT_PAGE,
    select: {
      id: true,
      threadId: true,
      parentId: true,
      depth: true,
      authorName: true,
      authorEmail: true,
      authorUrl: true,
      ipHash: true,
      moderator: { select: { email: true } },
      bodySource: true,
      bodyHtml: true,
      status: true,
      revision: true,
      flags: true,
      metadata: true,
      reportCount: true,
      createdAt: true,
      editedAt: true,
      publishedAt: true,
      kind: true,
      importKey: true,
      revisions: {
        orderBy: { revision: "asc" },
        select: { revision: true, bodySource: true, bodyHtml: true, createdAt: true },
      },
      links: { orderBy: { url: "asc" }, select: { url: true, label: true } },
    },
  });
  return rows.map((c) => ({ ...c, revisions: historyOf(c, ["revision", "bodySource", "bodyHtml", "createdAt"]) }));
}

/** Pages by offset: an export is a snapshot read, and the (depth, date, id) order is stable. */
export async function* readThreadComments(db: Db, threadId: string): AsyncGenerator<ExportComment> {
  for (let skip = 0; ; skip += COMMENT_PAGE) {
    const page = await readCommentPage(db, threadId, skip);
    yield* page;
    if (page.length < COMMENT_PAGE) return;
  }
}

/** Moderators by email, for re-attaching comments a moderator posted. */
export async function moderatorIdsByEmail(db: Db | Tx, emails: readonly string[]): Promise<Map<string, string>> {
  if (!emails.length) return new Map();
  const rows = await db.moderator.findMany({
    where: { email: { in: [...emails] } },
    select: { id: true, email: true },
  });
  return new Map(rows.map((r) => [r.email, r.id]));
}
