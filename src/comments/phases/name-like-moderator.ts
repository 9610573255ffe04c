import { namesLookAlike } from "../../domain/names.ts";
import type { Phase } from "../pipeline.ts";

/**
 * Content check: a new comment whose name passes for a moderator's (an exact copy, Cyrillic look-alikes,
 * fullwidth letters) is held, flagged with the name it imitates. A moderator signed in as themselves is
 * trusted earlier and never reaches this. Edits keep their name, so only new comments are checked.
 */
export const nameLikeModerator: Phase = {
  name: "name-like-moderator",
  async run(ctx) {
    if (ctx.kind !== "create" || ctx.author.moderatorId) return;
    const names = await ctx.history.moderatorNames();
    const imitated = names.find((name) => namesLookAlike(name, ctx.author.name));
    if (imitated) return { flags: [{ code: "name-like-moderator", detail: imitated }] };
  },
};
