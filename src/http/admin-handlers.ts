// Admin-only transports: moderator accounts and the settings. Settings belong to a site: the hosted
// blog's ("default") unless `?site=<id>` names an embedding site.
import type { Request, Response } from "express";
import { z } from "zod";
import type { Deps } from "../deps.ts";
import { createModerator, ZNewModerator } from "../accounts/create-moderator.ts";
import { listModerators } from "../accounts/list-moderators.ts";
import { identitiesByModerator } from "../identity/moderator-sign-in.ts";
import { ZArticleSettingsPatch, ZSiteSettingsPatch } from "../config/site-settings.ts";
import { DEFAULT_SITE_ID } from "../sites/ensure-default-site.ts";
import { getSettings } from "../sites/get-settings.ts";
import { updateArticleSettings } from "../sites/update-article-settings.ts";
import { updateSiteSettings } from "../sites/update-site-settings.ts";
import { ZSlugParams } from "./schemas.ts";
import { validate } from "./validate.ts";

const ZArticlePatch = ZArticleSettingsPatch.extend({ closed: z.boolean().optional() });
const ZSettingsQuery = z.object({ site: z.string().min(1).max(64).default(DEFAULT_SITE_ID) });

export function adminHandlers(deps: Deps) {
  return {
    /** The accounts with their linked sign-in providers, the providers that can be linked, and whether
     * an invitation is mailed (else it is shown to the admin to hand over). */
    async listModerators(_req: Request, res: Response) {
      const moderators = await listModerators(deps);
      const linked = await identitiesByModerator(
        deps,
        moderators.map((m) => m.id),
      );
      res.set("Cache-Control", "no-store").json({
        moderators: moderators.map((m) => ({ ...m, identities: linked.get(m.id) ?? [] })),
        providers: deps.identity.list(),
        invitationsByMail: !deps.mailer.embedded,
      });
    },

    async createModerator(req: Request, res: Response) {
      const input = validate(ZNewModerator, req.body ?? {});
      res.status(201).json({ moderator: await createModerator(deps, input) });
    },

    async getSettings(req: Request, res: Response) {
      const { site } = validate(ZSettingsQuery, req.query);
      res.json(await getSettings(deps, site));
    },

    async updateSiteSettings(req: Request, res: Response) {
      const { site } = validate(ZSettingsQuery, req.query);
      const patch = validate(ZSiteSettingsPatch, req.body ?? {});
      res.json({ site: await updateSiteSettings(deps, site, patch) });
    },

    async updateArticleSettings(req: Request, res: Response) {
      const { slug } = validate(ZSlugParams, req.params);
      const patch = validate(ZArticlePatch, req.body ?? {});
      res.json(await updateArticleSettings(deps, slug, patch));
    },
  };
}
