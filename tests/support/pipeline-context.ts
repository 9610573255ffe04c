// Hand-built pipeline contexts for phase unit tests: no database, a fixed clock, a scripted history.
import pino from "pino";
import { loadConfig } from "../../src/config/config.ts";
import { DEFAULT_SITE_SETTINGS, type SiteSettings } from "../../src/config/site-settings.ts";
import type { PipelineContext } from "../../src/comments/pipeline.ts";
import type { PosterHistory } from "../../src/moderation/poster-history.ts";
import { bodyHashOf } from "../../src/domain/body-hash.ts";
import { EMPTY_MODEL, type SpamModelData } from "../../src/spam/naive-bayes.ts";

export const NOW = new Date("2030-06-01T12:00:00Z");

export type FakeHistory = {
  ban?: { kind: string; reason: string | null } | null;
  /** When the poster's earlier comments were written, with their text; `by` says whether they share
   * the email, the address or (default) both. */
  comments?: { at: Date; body: string; by?: "email" | "address" | "both" }[];
  published?: number;
  moderatorNames?: string[];
  /** Other signed-in readers' names the poster's name passes for. */
  readerNamesLike?: string[];
  /** The poster's email address was confirmed by its owner. */
  verified?: boolean;
};

export function fakeHistory(h: FakeHistory = {}): PosterHistory & { calls: string[] } {
  const calls: string[] = [];
  const comments = h.comments ?? [];
  return {
    calls,
    async activeBan() {
      calls.push("activeBan");
      return !!h.ban;
    },
    async lastCommentByEmailSince(since) {
      calls.push("lastCommentByEmailSince");
      const times = comments.filter((c) => c.at > since && c.by !== "address").map((c) => c.at.getTime());
      return times.length ? new Date(Math.max(...times)) : null;
    },
    async commentTimesFromAddressSince(since, upTo) {
      calls.push("commentTimesFromAddressSince");
      const times = comments.filter((c) => c.at > since && c.by !== "email").map((c) => c.at.getTime());
      return times
        .sort((a, b) => b - a)
        .slice(0, upTo)
        .map((t) => new Date(t));
    },
    async sameBodySince(bodyHash, since) {
      calls.push("sameBodySince");
      return comments.some((c) => c.at > since && bodyHashOf(c.body) === bodyHash);
    },
    async moderatorNames() {
      calls.push("moderatorNames");
      return h.moderatorNames ?? [];
    },
    async readerNamesLike() {
      calls.push("readerNamesLike");
      return h.readerNamesLike ?? [];
    },
    async emailVerified() {
      calls.push("emailVerified");
      return h.verified ?? false;
    },
    async publishedCount(upTo) {
      calls.push("publishedCount");
      return Math.min(h.published ?? 0, upTo);
    },
  };
}

export function testContext(
  over: {
    settings?: Partial<SiteSettings>;
    history?: FakeHistory;
    kind?: "create" | "edit";
    body?: string;
    now?: Date;
    author?: Partial<PipelineContext["author"]>;
    thread?: Partial<PipelineContext["thread"]>;
    env?: Record<string, string>;
    previous?: PipelineContext["previous"];
    metadata?: Record<string, unknown>;
    /** The site's spam model as the spam-score phase gets it (default: nothing learned). */
    spamModel?: SpamModelData;
  } = {},
): PipelineContext {
  const config = loadConfig({ LOG_LEVEL: "silent", ...over.env });
  const spamModels = { forSite: async () => over.spamModel ?? EMPTY_MODEL, forget: () => {} };
  return {
    server: { maxLength: config.COMMENT_MAX_LENGTH, holdAll: config.HOLD_ALL_COMMENTS },
    // No link cache in unit tests: every link is unchecked, and the checker is off.
    links: { known: async () => new Map(), checkNow: null },
    log: pino({ level: "silent" }),
    spamModels,
    kind: over.kind ?? "create",
    now: over.now ?? NOW,
    thread: {
      id: "t1",
      siteId: "default",
      closed: false,
      articleId: "a1",
      startedAt: new Date("2030-05-01T00:00:00Z"),
      ...over.thread,
    },
    settings: { ...DEFAULT_SITE_SETTINGS, ...over.settings },
    history: fakeHistory(over.history),
    author: {
      name: "Ada Reader",
      email: "ada@example.org",
      url: null,
      ipHash: "iphash-ada",
      moderatorId: null,
      ...over.author,
    },
    bodySource: over.body ?? "A thoughtful comment.",
    bodyHash: bodyHashOf(over.body ?? "A thoughtful comment."),
    parentId: null,
    previous: over.previous,
    bodyHtml: "",
    flags: [],
    metadata: { ...over.metadata },
  };
}
