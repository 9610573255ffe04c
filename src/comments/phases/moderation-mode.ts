import type { Phase } from "../pipeline.ts";

/**
 * Defaults: the site's / article's mode. First-time mode trusts an author once they have K published
 * comments under the same email AND name, which anyone who knows both can imitate (see README).
 */
export const moderationMode: Phase = {
  name: "moderation-mode",
  async run(ctx) {
    const { mode, firstTimeApprovedThreshold: k } = ctx.settings;
    if (mode === "pre-moderate-all") return { status: "pending" };
    if (mode === "pre-moderate-first-time") {
      const published = await ctx.history.publishedCount(k);
      if (published < k) return { status: "pending", metadata: { firstTime: true } };
    }
    return { status: "published" };
  },
};
