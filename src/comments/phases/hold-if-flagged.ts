import type { Phase } from "../pipeline.ts";

/** Defaults: anything a content check flagged waits for a moderator, whatever the mode. */
export const holdIfFlagged: Phase = {
  name: "hold-if-flagged",
  run(ctx) {
    if (ctx.flags.length) return { status: "held" };
  },
};
