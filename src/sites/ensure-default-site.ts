import type { Deps } from "../deps.ts";
import { ensureSite } from "../store/sites.ts";

/** The hosted blog's own site row ("default"), created on first start. */
export const DEFAULT_SITE_ID = "default";

export function ensureDefaultSite(deps: Deps): Promise<{ id: string }> {
  return ensureSite(deps.db, { id: DEFAULT_SITE_ID, name: "Parley", allowedOrigins: [] });
}
