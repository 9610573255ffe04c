// The Site table: each site embedding Parley, its allowed origins and its settings.
import type { Db, JsonObject, Tx } from "./client.ts";

/** Whether the site exists. */
export async function siteExists(db: Db | Tx, siteId: string): Promise<boolean> {
  return (await db.site.findUnique({ where: { id: siteId }, select: { id: true } })) !== null;
}

export type SiteRow = { id: string; name: string; allowedOrigins: unknown; createdAt: Date; threadCount: number };

const WITH_COUNT = { _count: { select: { threads: true } } } as const;
function toRow(s: {
  id: string;
  name: string;
  allowedOrigins: unknown;
  createdAt: Date;
  _count?: { threads: number };
}) {
  return {
    id: s.id,
    name: s.name,
    allowedOrigins: s.allowedOrigins,
    createdAt: s.createdAt,
    threadCount: s._count?.threads ?? 0,
  };
}

/** Every site, oldest first, with how many threads it has. */
export async function listSiteRows(db: Db | Tx): Promise<SiteRow[]> {
  const sites = await db.site.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }], include: WITH_COUNT });
  return sites.map(toRow);
}

/** Registers a site (no settings of its own yet). */
export async function insertSite(
  db: Db | Tx,
  s: { id?: string; name: string; allowedOrigins: string[] },
): Promise<SiteRow> {
  return toRow(await db.site.create({ data: { ...s, settings: {} } }));
}

/** Creates the site unless it exists (the hosted blog's own, on first start); returns its id. */
export async function ensureSite(
  db: Db | Tx,
  s: { id: string; name: string; allowedOrigins: string[] },
): Promise<{ id: string }> {
  const site = await db.site.upsert({ where: { id: s.id }, update: {}, create: { ...s, settings: {} } });
  return { id: site.id };
}

/** Renames a site and/or replaces its origins; null when there is no such site. */
export async function updateSiteRow(
  db: Db | Tx,
  siteId: string,
  change: { name?: string; allowedOrigins?: string[] },
): Promise<SiteRow | null> {
  if (!(await siteExists(db, siteId))) return null;
  const site = await db.site.update({
    where: { id: siteId },
    data: {
      ...(change.name !== undefined ? { name: change.name } : {}),
      ...(change.allowedOrigins ? { allowedOrigins: change.allowedOrigins } : {}),
    },
    include: WITH_COUNT,
  });
  return toRow(site);
}

/** The site's stored settings (JSON, unvalidated); undefined when there is no such site. */
export async function readSiteSettings(db: Db | Tx, siteId: string): Promise<unknown> {
  const site = await db.site.findUnique({ where: { id: siteId }, select: { settings: true } });
  return site ? site.settings : undefined;
}

/** Replaces the site's stored settings. */
export async function writeSiteSettings(tx: Db | Tx, siteId: string, settings: Record<string, unknown>): Promise<void> {
  await tx.site.update({ where: { id: siteId }, data: { settings: settings as JsonObject } });
}

/** The origins allowed to embed the site (JSON as stored); undefined when there is no such site. */
export async function readSiteOrigins(db: Db | Tx, siteId: string): Promise<unknown> {
  const site = await db.site.findUnique({ where: { id: siteId }, select: { allowedOrigins: true } });
  return site ? site.allowedOrigins : undefined;
}

/** The origins allowed to embed the comment's site (JSON as stored); undefined when there is no such comment. */
export async function readCommentSiteOrigins(db: Db | Tx, commentId: string): Promise<unknown> {
  const comment = await db.comment.findUnique({
    where: { id: commentId },
    select: { thread: { select: { site: { select: { allowedOrigins: true } } } } },
  });
  return comment ? comment.thread.site.allowedOrigins : undefined;
}
