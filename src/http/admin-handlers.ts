// Admin-only transports: moderator accounts (and, below, the per-site settings).
import type { Request, Response } from "express";
import type { Deps } from "../deps.ts";
import { createModerator, ZNewModerator } from "../services/auth/create-moderator.ts";
import { listModerators } from "../services/auth/list-moderators.ts";
import { validate } from "./validate.ts";

export function adminHandlers(deps: Deps) {
  return {
    async listModerators(_req: Request, res: Response) {
      res.json({ moderators: await listModerators(deps) });
    },

    async createModerator(req: Request, res: Response) {
      const input = validate(ZNewModerator, req.body ?? {});
      res.status(201).json({ moderator: await createModerator(deps, input) });
    },
  };
}
