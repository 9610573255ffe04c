import type { Phase } from "../pipeline.ts";

/**
 * Defaults: the site's / article's mode. First-time mode trusts an author once they have K published
 * comments under the same name AND a verified email (its owner followed a link Parley mailed), posted
 * with proof of that address (the email-proof cookie the link set). A post naming a verified address
 * without that proof is treated as a first-timer's and flagged `unverified-known-email`: someone may be
 * imitating a regular, and the moderator sees it. An unverified address is never "returning" (README
 * "How first-time moderation can be fooled"). A signed-in reader is returning by their account's published
 * comments instead. `pre-moderate-all` re-moderates edits too: that mode asks
 * to see every text before it is shown.
 */
export const moderationMode: Phase = {
  name: "moderation-mode",
  async run(ctx) {
    const { mode, firstTimeApprovedThreshold: k } = ctx.settings;
    if (mode === "pre-moderate-all") return { status: "pending" };
    // An edit of a comment already published (approved, or by a trusted author) stays published: the
    // author is trusted, and the content phases above have already held the new text if it needed it.
    if (mode === "pre-moderate-first-time" && ctx.kind === "edit" && ctx.previous?.status === "published")
      return { status: "published" };
    if (mode === "pre-moderate-first-time") {
      const firstTime = { status: "pending" as const, metadata: { firstTime: true } };
      // A signed-in reader is known by their account (poster-history counts by it): no email to prove.
      if (!ctx.author.readerAccountId) {
        if (!(await ctx.history.emailVerified())) return firstTime;
        if (!ctx.author.emailProven)
          return {
            ...firstTime,
            flags: [
              { code: "unverified-known-email", detail: "a confirmed address, posted without its owner's proof" },
            ],
          };
      }
      const published = await ctx.history.publishedCount(k);
      if (published < k) return firstTime;
    }
    return { status: "published" };
  },
};
