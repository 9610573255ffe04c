import { fieldError } from "../../domain/errors.ts";
import type { Phase } from "../pipeline.ts";

/** Refuse: too short or too long (the site's limits, never above COMMENT_MAX_LENGTH). */
export const bodyLength: Phase = {
  name: "body-length",
  run(ctx) {
    const length = [...ctx.bodySource.trim()].length;
    const max = Math.min(ctx.settings.maxLength, ctx.server.maxLength);
    if (length < ctx.settings.minLength) {
      throw fieldError("body", "tooShort", { n: ctx.settings.minLength });
    }
    if (length > max) throw fieldError("body", "tooLong", { n: max });
  },
};
