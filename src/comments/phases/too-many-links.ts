import type { Phase } from "../pipeline.ts";

/** Content: `maxLinks` or more links flag the comment (WordPress holds at 2). Reads render-body's count. */
export const tooManyLinks: Phase = {
  name: "too-many-links",
  run(ctx) {
    const max = ctx.settings.maxLinks;
    const count = typeof ctx.metadata.linkCount === "number" ? ctx.metadata.linkCount : 0;
    if (max > 0 && count >= max) return { flags: [{ code: "too-many-links", detail: `${count} links, limit ${max}` }] };
  },
};
