// The Site table: each site embedding Parley, its allowed origins and its settings.
import type { Db, Tx } from "./client.ts";

/** Whether the site exists. */
export async function siteExists(db: Db | Tx, siteId: string): Promise<boolean> {
  return (await db.site.findUnique({ where: { id: siteId }, select: { id: true } })) !== null;
}
