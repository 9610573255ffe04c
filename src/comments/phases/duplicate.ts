import { bodyHashOf } from "../../domain/body-hash.ts";
import { AppError } from "../../domain/errors.ts";
import type { Phase } from "../pipeline.ts";

/** Refuse: the same text as one of the poster's own comments within `duplicateWindowMinutes` (409). */
export const duplicate: Phase = {
  name: "duplicate",
  async run(ctx) {
    const minutes = ctx.settings.duplicateWindowMinutes;
    if (minutes <= 0) return;
    const since = new Date(ctx.now.getTime() - minutes * 60_000);
    if (await ctx.history.sameBodySince(bodyHashOf(ctx.bodySource), since))
      throw new AppError("DUPLICATE_COMMENT", { field: "body" });
  },
};
