import type { Phase } from "../pipeline.ts";

/**
 * Content check: a new comment whose name passes for a signed-in reader's (their provider vouched for
 * it) is held, flagged with the name it imitates, as for moderators' names. The reader themselves, signed
 * in, is recognised by their account and not checked against it; a moderator look-alike flagged already
 * is enough. Candidates come from one indexed look-up (ReaderAccount.nameSkeleton).
 */
export const nameLikeReader: Phase = {
  name: "name-like-reader",
  async run(ctx) {
    if (ctx.kind !== "create" || ctx.author.moderatorId) return;
    if (ctx.flags.some((f) => f.code === "name-like-moderator")) return;
    const [imitated] = await ctx.history.readerNamesLike();
    if (imitated) return { flags: [{ code: "name-like-reader", detail: imitated }] };
  },
};
