import type { Phase } from "../pipeline.ts";

/**
 * Defaults: the site's / article's mode. First-time mode trusts an author once they have K published
 * comments under the same email AND name, which anyone who knows both can imitate (see README).
 * `pre-moderate-all` re-moderates edits too: that mode asks to see every text before it is shown.
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
      const published = await ctx.history.publishedCount(k);
      if (published < k) return { status: "pending", metadata: { firstTime: true } };
    }
    return { status: "published" };
  },
};
