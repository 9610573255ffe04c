// Use case: the thread of an embedding page, created the first time the widget asks for it.
// Keyed by site + page id (Thread @@unique([siteId, pageKey])); two first visits at the same moment
// race on that unique key, and the loser reads the winner's row. Creating spends the caller's quota
// (new threads per address per hour): any page id on an allowed origin makes a row, so a client
// could otherwise mint them without end; reading an existing thread costs nothing.
import { AppError } from "../domain/errors.ts";
import { originAllowed } from "../domain/origins.ts";
import type { Deps } from "../deps.ts";

export type EmbedPage = { siteId: string; pageKey: string; title?: string; url?: string };
/** The caller's allowance for new threads: check() throws (RATE_LIMITED) when spent. */
export type CreationQuota = { check(): Promise<void>; spend(): Promise<void> };
const UNLIMITED: CreationQuota = { async check() {}, async spend() {} };

export type EmbedThread = {
  id: string;
  siteId: string;
  pageKey: string;
  title: string;
  url: string | null;
  closed: boolean;
  publishedCount: number;
};

const SELECT = {
  id: true,
  siteId: true,
  pageKey: true,
  title: true,
  url: true,
  closed: true,
  publishedCount: true,
} as const;

export async function findOrCreateEmbedThread(
  deps: Deps,
  page: EmbedPage,
  quota: CreationQuota = UNLIMITED,
): Promise<EmbedThread> {
  const where = { siteId_pageKey: { siteId: page.siteId, pageKey: page.pageKey } };
  const existing = await deps.db.thread.findUnique({ where, select: SELECT });
  if (existing) return existing;

  const site = await deps.db.site.findUnique({ where: { id: page.siteId }, select: { allowedOrigins: true } });
  if (!site) throw new AppError("SITE_NOT_FOUND");
  // The URL is shown to moderators as a link, so only keep one that points at the site itself.
  const url = pageUrlOnSite(page.url, site.allowedOrigins);
  const title = page.title?.trim() || url || page.pageKey;
  await quota.check();
  try {
    const created = await deps.db.thread.create({
      data: { siteId: page.siteId, pageKey: page.pageKey, title: title.slice(0, 200), url },
      select: SELECT,
    });
    await quota.spend();
    return created;
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const winner = await deps.db.thread.findUnique({ where, select: SELECT });
    if (!winner) throw err;
    return winner;
  }
}

function pageUrlOnSite(raw: string | undefined, allowedOrigins: unknown): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    if (!originAllowed(allowedOrigins, url.origin)) return null;
    url.hash = "";
    return url.href.slice(0, 2000);
  } catch {
    return null;
  }
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: unknown }).code === "P2002";
}
