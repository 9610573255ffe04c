import type { Phase } from "../pipeline.ts";
import { findListedWord } from "./word-list.ts";

/**
 * Content: a banned word in the text, the name, the email or the website rejects the comment
 * (the poster is told it awaits moderation, as WordPress does with its disallowed keys).
 */
export const bannedWords: Phase = {
  name: "banned-words",
  run(ctx) {
    const word = findListedWord(ctx.settings.bannedWords, [
      ctx.bodySource,
      ctx.author.name,
      ctx.author.email,
      ctx.author.url,
    ]);
    if (word) return { status: "rejected", flags: [{ code: "banned-word", detail: word }] };
  },
};
