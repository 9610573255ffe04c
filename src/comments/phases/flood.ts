import { AppError } from "../../domain/errors.ts";
import type { Phase } from "../pipeline.ts";

/**
 * Refuse: one new comment per `floodSeconds` per email, and at most `floodPerAddress` per
 * `floodSeconds` from one IP hash under any emails (people sharing a network are different readers:
 * the address alone told the second of them "You are posting too quickly"). 429 with Retry-After.
 * Edits are not floods; moderators are not limited.
 */
export const flood: Phase = {
  name: "flood",
  async run(ctx) {
    const seconds = ctx.settings.floodSeconds;
    if (ctx.kind !== "create" || seconds <= 0 || ctx.author.moderatorId) return;
    const windowMs = seconds * 1000;
    const since = new Date(ctx.now.getTime() - windowMs);
    const retryAfter = (oldest: Date) =>
      Math.max(1, Math.ceil((oldest.getTime() + windowMs - ctx.now.getTime()) / 1000));

    const last = await ctx.history.lastCommentByEmailSince(since);
    if (last) {
      const retryAfterSeconds = retryAfter(last);
      throw new AppError("RATE_LIMITED", {
        reason: "postingTooQuickly",
        params: { seconds: retryAfterSeconds },
        details: { retryAfterSeconds },
      });
    }
    const allowance = ctx.settings.floodPerAddress;
    const fromAddress = await ctx.history.commentTimesFromAddressSince(since, allowance);
    if (fromAddress.length >= allowance) {
      const retryAfterSeconds = retryAfter(fromAddress[allowance - 1]!);
      throw new AppError("RATE_LIMITED", {
        reason: "networkTooQuickly",
        params: { seconds: retryAfterSeconds },
        details: { retryAfterSeconds },
      });
    }
  },
};
