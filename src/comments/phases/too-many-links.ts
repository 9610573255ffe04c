import type { CommentFlag } from "../../domain/comment.ts";
import type { Phase } from "../pipeline.ts";

/** The rule itself: `max` or more links (0 = no limit) flag the comment. The citation preview asks it too. */
export function tooManyLinksFlag(count: number, max: number): CommentFlag | null {
  return max > 0 && count >= max ? { code: "too-many-links", detail: `${count} links, limit ${max}` } : null;
}

/** Content: `maxLinks` or more links flag the comment (WordPress holds at 2). Reads render-body's count. */
export const tooManyLinks: Phase = {
  name: "too-many-links",
  run(ctx) {
    const count = typeof ctx.metadata.linkCount === "number" ? ctx.metadata.linkCount : 0;
    const flag = tooManyLinksFlag(count, ctx.settings.maxLinks);
    if (flag) return { flags: [flag] };
  },
};
