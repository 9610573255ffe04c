import { AppError } from "../../domain/errors.ts";
import type { Phase } from "../pipeline.ts";

const normalize = (s: string) => s.normalize("NFKC").trim().replace(/\s+/g, " ");

/** Refuse: the same text as one of the poster's own comments within `duplicateWindowMinutes` (409). */
export const duplicate: Phase = {
  name: "duplicate",
  async run(ctx) {
    const minutes = ctx.settings.duplicateWindowMinutes;
    if (minutes <= 0) return;
    const body = normalize(ctx.bodySource);
    const recent = await ctx.history.bodiesSince(new Date(ctx.now.getTime() - minutes * 60_000));
    if (recent.some((b) => normalize(b) === body)) throw new AppError("DUPLICATE_COMMENT", { field: "body" });
  },
};
