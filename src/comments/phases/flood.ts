import { AppError } from "../../domain/errors.ts";
import type { Phase } from "../pipeline.ts";

/**
 * Refuse: one new comment per `floodSeconds` per poster (same email or same IP hash), answered with
 * 429 and Retry-After. Edits are not floods; moderators are not limited.
 */
export const flood: Phase = {
  name: "flood",
  async run(ctx) {
    const seconds = ctx.settings.floodSeconds;
    if (ctx.kind !== "create" || seconds <= 0 || ctx.author.moderatorId) return;
    const last = await ctx.history.lastCommentSince(new Date(ctx.now.getTime() - seconds * 1000));
    if (!last) return;
    const retryAfterSeconds = Math.max(1, Math.ceil((last.getTime() + seconds * 1000 - ctx.now.getTime()) / 1000));
    throw new AppError("RATE_LIMITED", {
      message: `You are posting too quickly. Please wait ${retryAfterSeconds} seconds.`,
      details: { retryAfterSeconds },
    });
  },
};
