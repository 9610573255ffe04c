// Use case: the thread of an embedding page, created the first time the widget asks for it.
// Keyed by site + page id (Thread @@unique([siteId, pageKey])); two first visits at the same moment
// race on that unique key, and the loser reads the winner's row. Creating spends the caller's quota
// (new threads per address per hour): any page id on an allowed origin makes a row, so a client
// could otherwise mint them without end; reading an existing thread costs nothing.
import { AppError } from "../domain/errors.ts";
import { originAllowed } from "../domain/origins.ts";
import type { Deps } from "../deps.ts";
import { readSiteOrigins } from "../store/sites.ts";
import { findThreadByPageKey, insertPageThread, type EmbedThreadRow } from "../store/threads.ts";

export type EmbedPage = { siteId: string; pageKey: string; title?: string; url?: string };
/** The caller's allowance for new threads: check() throws (RATE_LIMITED) when spent. */
export type CreationQuota = { check(): Promise<void>; spend(): Promise<void> };
const UNLIMITED: CreationQuota = { async check() {}, async spend() {} };

export type EmbedThread = EmbedThreadRow;

export async function findOrCreateEmbedThread(
  deps: Deps,
  page: EmbedPage,
  quota: CreationQuota = UNLIMITED,
): Promise<EmbedThread> {
  const existing = await findThreadByPageKey(deps.db, page.siteId, page.pageKey);
  if (existing) return existing;

  const allowedOrigins = await readSiteOrigins(deps.db, page.siteId);
  if (allowedOrigins === undefined) throw new AppError("SITE_NOT_FOUND");
  // The URL is shown to moderators as a link, so only keep one that points at the site itself.
  const url = pageUrlOnSite(page.url, allowedOrigins);
  const title = page.title?.trim() || url || page.pageKey;
  await quota.check();
  const created = await insertPageThread(deps.db, {
    siteId: page.siteId,
    pageKey: page.pageKey,
    title: title.slice(0, 200),
    url,
  });
  if (created) {
    await quota.spend();
    return created;
  }
  // Another first visit created it a moment ago: read the winner's row.
  const winner = await findThreadByPageKey(deps.db, page.siteId, page.pageKey);
  if (!winner) throw new Error(`thread ${page.siteId}/${page.pageKey} was created and is gone`);
  return winner;
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
