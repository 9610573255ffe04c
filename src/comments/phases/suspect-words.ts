import type { Phase } from "../pipeline.ts";
import { findListedWord } from "./word-list.ts";

/** Content: a suspect word flags the comment; hold-if-flagged then holds it for a moderator. */
export const suspectWords: Phase = {
  name: "suspect-words",
  run(ctx) {
    const word = findListedWord(ctx.settings.suspectWords, [
      ctx.bodySource,
      ctx.author.name,
      ctx.author.email,
      ctx.author.url,
    ]);
    if (word) return { flags: [{ code: "suspect-word", detail: word }] };
  },
};
