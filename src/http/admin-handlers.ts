// Admin-only transports: moderator accounts and the settings. Settings belong to the hosted blog's
// site ("default"); embedding sites will pass their id when they exist.
import type { Request, Response } from "express";
import { z } from "zod";
import type { Deps } from "../deps.ts";
import { createModerator, ZNewModerator } from "../services/auth/create-moderator.ts";
import { listModerators } from "../services/auth/list-moderators.ts";
import { ZArticleSettingsPatch, ZSiteSettingsPatch } from "../config/site-settings.ts";
import { DEFAULT_SITE_ID } from "../services/seed/ensure-default-site.ts";
import { getSettings } from "../services/settings/get-settings.ts";
import { updateArticleSettings } from "../services/settings/update-article-settings.ts";
import { updateSiteSettings } from "../services/settings/update-site-settings.ts";
import { ZSlugParams } from "./schemas.ts";
import { validate } from "./validate.ts";

const ZArticlePatch = ZArticleSettingsPatch.extend({ closed: z.boolean().optional() });

export function adminHandlers(deps: Deps) {
  return {
    async listModerators(_req: Request, res: Response) {
      res.json({ moderators: await listModerators(deps) });
    },

    async createModerator(req: Request, res: Response) {
      const input = validate(ZNewModerator, req.body ?? {});
      res.status(201).json({ moderator: await createModerator(deps, input) });
    },

    async getSettings(_req: Request, res: Response) {
      res.json(await getSettings(deps, DEFAULT_SITE_ID));
    },

    async updateSiteSettings(req: Request, res: Response) {
      const patch = validate(ZSiteSettingsPatch, req.body ?? {});
      res.json({ site: await updateSiteSettings(deps, DEFAULT_SITE_ID, patch) });
    },

    async updateArticleSettings(req: Request, res: Response) {
      const { slug } = validate(ZSlugParams, req.params);
      const patch = validate(ZArticlePatch, req.body ?? {});
      res.json(await updateArticleSettings(deps, slug, patch));
    },
  };
}
