import { AppError } from "../../domain/errors.ts";
import type { Phase } from "../pipeline.ts";

/** Refuse: the poster's email or IP hash is banned on this site (and the ban has not expired). */
export const bannedPoster: Phase = {
  name: "banned-poster",
  async run(ctx) {
    if (ctx.author.moderatorId) return;
    if (await ctx.history.activeBan()) throw new AppError("BANNED");
  },
};
