import type { Phase } from "../pipeline.ts";

/** Defaults: the site-wide "hold every comment" switch (off by default). */
export const holdAll: Phase = {
  name: "hold-all",
  run(ctx) {
    if (ctx.server.holdAll) return { status: "pending" };
  },
};
