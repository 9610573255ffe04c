// Use case: an admin changes some of a site's settings; the others keep their values.
import {
  resolveSettings,
  validStoredSettings,
  type SiteSettings,
  type TSiteSettingsPatch,
} from "../config/site-settings.ts";
import { AppError } from "../domain/errors.ts";
import { afterCommit } from "../after-commit.ts";
import type { Deps } from "../deps.ts";
import { inTransaction } from "../store/client.ts";
import { readSiteSettings, writeSiteSettings } from "../store/sites.ts";

export async function updateSiteSettings(deps: Deps, siteId: string, patch: TSiteSettingsPatch): Promise<SiteSettings> {
  const stored = await inTransaction(deps.db, async (tx) => {
    const current = await readSiteSettings(tx, siteId);
    if (current === undefined) throw new AppError("NOT_FOUND", { reason: "noSuchSite" });
    const next = { ...validStoredSettings(current), ...patch };
    await writeSiteSettings(tx, siteId, next);
    return next;
  });
  afterCommit(deps, { dropThreads: "all" }); // cached listings carry their governing settings (auto-close, …)
  deps.log.info({ siteId, changed: Object.keys(patch) }, "site settings changed");
  return resolveSettings(stored);
}
