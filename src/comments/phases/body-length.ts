import { fieldError } from "../../domain/errors.ts";
import type { Phase } from "../pipeline.ts";

/** Refuse: too short or too long (the site's limits, never above COMMENT_MAX_LENGTH). */
export const bodyLength: Phase = {
  name: "body-length",
  run(ctx) {
    const length = codePoints(ctx.bodySource.trim());
    const max = Math.min(ctx.settings.maxLength, ctx.server.maxLength);
    if (length < ctx.settings.minLength) {
      throw fieldError("body", "tooShort", { n: ctx.settings.minLength });
    }
    if (length > max) throw fieldError("body", "tooLong", { n: max });
  },
};

/** What `[...text].length` says (characters, a surrogate pair as one), without an array of them. */
function codePoints(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}
