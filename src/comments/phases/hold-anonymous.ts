import type { Phase } from "../pipeline.ts";

/** Defaults: with `commenting: anonymous-held`, a comment by someone not signed in always waits for a moderator. */
export const holdAnonymous: Phase = {
  name: "hold-anonymous",
  run(ctx) {
    if (ctx.settings.commenting === "anonymous-held" && !ctx.author.readerAccountId && !ctx.author.moderatorId)
      return { status: "pending", metadata: { anonymous: true } };
  },
};
