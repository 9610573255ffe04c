import type { Deps } from "../deps.ts";

/** The hosted blog's own site row ("default"), created on first start. */
export const DEFAULT_SITE_ID = "default";

export async function ensureDefaultSite(deps: Deps) {
  return deps.db.site.upsert({
    where: { id: DEFAULT_SITE_ID },
    update: {},
    create: { id: DEFAULT_SITE_ID, name: "Parley", allowedOrigins: [], settings: {} },
  });
}
