import { AppError } from "../../domain/errors.ts";
import type { Phase } from "../pipeline.ts";

/** Where the duplicate window starts for a post at `now` (null: the rule is off). */
export function duplicateSince(settings: { duplicateWindowMinutes: number }, now: Date): Date | null {
  const minutes = settings.duplicateWindowMinutes;
  return minutes > 0 ? new Date(now.getTime() - minutes * 60_000) : null;
}

/** Refuse: the same text as one of the poster's own comments within `duplicateWindowMinutes` (409). */
export const duplicate: Phase = {
  name: "duplicate",
  async run(ctx) {
    const since = duplicateSince(ctx.settings, ctx.now);
    if (!since) return;
    if (await ctx.history.sameBodySince(ctx.bodyHash, since))
      throw new AppError("DUPLICATE_COMMENT", { field: "body" });
  },
};
