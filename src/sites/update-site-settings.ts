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

export async function updateSiteSettings(deps: Deps, siteId: string, patch: TSiteSettingsPatch): Promise<SiteSettings> {
  const stored = await deps.db.$transaction(async (tx) => {
    const site = await tx.site.findUnique({ where: { id: siteId }, select: { settings: true } });
    if (!site) throw new AppError("NOT_FOUND", { message: "There is no such site." });
    const next = { ...validStoredSettings(site.settings), ...patch };
    await tx.site.update({ where: { id: siteId }, data: { settings: next } });
    return next;
  });
  afterCommit(deps, { dropThreads: "all" }); // cached listings carry their governing settings (auto-close, …)
  deps.log.info({ siteId, changed: Object.keys(patch) }, "site settings changed");
  return resolveSettings(stored);
}
