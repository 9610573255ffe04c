import { AppError } from "../../domain/errors.ts";
import type { Phase } from "../pipeline.ts";

/** Refuse: too short or too long (the site's limits, never above COMMENT_MAX_LENGTH). */
export const bodyLength: Phase = {
  name: "body-length",
  run(ctx) {
    const length = [...ctx.bodySource.trim()].length;
    const max = Math.min(ctx.settings.maxLength, ctx.server.maxLength);
    if (length < ctx.settings.minLength) {
      throw new AppError("VALIDATION", {
        field: "body",
        message: `Please write at least ${ctx.settings.minLength} characters.`,
      });
    }
    if (length > max)
      throw new AppError("VALIDATION", { field: "body", message: `Comments are limited to ${max} characters.` });
  },
};
