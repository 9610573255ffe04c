// Per-site moderation (and, later, link-check) settings, stored as JSON on Site.settings with
// per-article overrides on Article.settings. Resolved as: these defaults ← site ← article.
// To add settings, add a group of keys (each with its default and a one-line doc) and spread it into
// ZSiteSettings; the admin API, the patch schema and resolution pick them up from the shape.
import { z } from "zod";
import { citationSettings } from "../citations/citation-settings.ts";
import { LANGS } from "../domain/languages.ts";

const words = z.array(z.string().trim().min(1).max(100)).max(2000);

export const MODERATION_MODES = ["post-moderate", "pre-moderate-all", "pre-moderate-first-time"] as const;

const moderationSettings = {
  /** post-moderate: publish at once; pre-moderate-all: hold everything; pre-moderate-first-time: hold
   *  until the author (same email AND name) has `firstTimeApprovedThreshold` published comments. */
  mode: z.enum(MODERATION_MODES).default("pre-moderate-first-time"),
  /** Published comments an author needs before their comments publish at once (first-time mode). */
  firstTimeApprovedThreshold: z.number().int().min(1).max(100).default(1),
  /** Shortest comment, in characters (after trimming). */
  minLength: z.number().int().min(1).max(1000).default(2),
  /** Longest comment, in characters (never above COMMENT_MAX_LENGTH). */
  maxLength: z.number().int().min(10).max(100_000).default(10_000),
  /** One comment per this many seconds per email; 0 = off. WordPress: 15. */
  floodSeconds: z.number().int().min(0).max(3600).default(15),
  /** Comments per `floodSeconds` from one address under any emails (readers sharing an office or a
   *  phone network are different people; one person rotating emails meets this and the per-IP rate). */
  floodPerAddress: z.number().int().min(1).max(100).default(5),
  /** Refuse a comment identical to one the poster wrote this many minutes ago; 0 = off. */
  duplicateWindowMinutes: z
    .number()
    .int()
    .min(0)
    .max(60 * 24 * 365)
    .default(60 * 24),
  /** Words or phrases that reject a comment (whole words, case-insensitive; "word*" matches prefixes). */
  bannedWords: words.default([]),
  /** Words or phrases that hold a comment for a moderator. */
  suspectWords: words.default([]),
  /** Hold a comment with this many links or more; 0 = off. WordPress: 2. */
  maxLinks: z.number().int().min(0).max(100).default(2),
  /** Close threads this many days after the article was published; 0 = never. (Not null: in article
   *  overrides null means "use the site's value", and an article must be able to say "never".) */
  autoCloseAfterDays: z.number().int().min(0).max(36_500).default(0),
  /** Distinct reader reports that move a published comment to held. */
  reportThreshold: z.number().int().min(1).max(1000).default(3),
  /** Minutes during which an author may edit or delete their comment (until someone replies); 0 = never. */
  editWindowMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(10),
};

/** How a thread is shown on the article page and through the thread API. */
const displaySettings = {
  /** Top-level comments per page, with all their replies (WordPress: 50). Pages are numbered from the
   *  oldest; the article's address shows the newest page. */
  commentsPerPage: z.number().int().min(1).max(500).default(50),
  /** The language of Parley's pages for this site (en, de, fr); auto: the reader's Accept-Language among
   *  them, else English. The widget follows its host page instead (data-parley-lang, or its lang). */
  language: z.enum(["auto", ...LANGS]).default("auto"),
  /** Pingbacks and trackbacks (imported from WordPress) shown in the thread and counted in "N Responses";
   *  hidden, they stay stored (and counted apart: Thread.pingbackCount) and come back when shown again. */
  showPingbacks: z.boolean().default(true),
};

/** The learned spam score (src/spam/, phase spam-score). */
const spamSettings = {
  /** Below this many moderators' decisions (spam + ham learned) the score is only recorded, never acted on. */
  spamMinDecisions: z.number().int().min(0).max(100_000).default(40),
  /** Hold (flag spam-score) at this score or above (0 … 1); 0 = off. */
  spamHoldScore: z.number().min(0).max(1).default(0.8),
  /** Mark as spam at this score or above (0 … 1); 0 = off (the default: a person decides). */
  spamRejectScore: z.number().min(0).max(1).default(0),
};

/** Proof of work for anonymous posts (ALTCHA; src/comments/proof-of-work.ts). */
const proofOfWorkSettings = {
  /** Anonymous posts must carry a solved challenge (or, with JavaScript off, pass the honeypot and
   *  the minimum time from render to post). Off by default: see README "Proof of work". */
  proofOfWork: z.boolean().default(false),
  /** The challenge's largest number: a browser tries half of it on average (50,000 ≈ a fraction of a second). */
  proofOfWorkDifficulty: z.number().int().min(1000).max(10_000_000).default(50_000),
};

/** Link-citation checks: src/citations/citation-settings.ts. */
const linkCheckSettings = citationSettings;

export const COMMENTING_MODES = ["anonymous", "signed-in-only", "anonymous-held"] as const;

/** Who may comment: signed-in readers (identity providers, src/identity/) and/or anonymous ones. */
const signInSettings = {
  /** anonymous: the name/email form and sign-in buttons; signed-in-only: readers must sign in;
   *  anonymous-held: anyone, but anonymous comments always wait for a moderator. */
  commenting: z.enum(COMMENTING_MODES).default("anonymous"),
  /** Which configured providers this site shows, by id (github, google, microsoft, gitlab, facebook, x,
   *  oidc); empty = every configured provider. */
  signInProviders: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
};

/** Imported comments (src/import/): published on their old site, so checks never move them by surprise. */
const importSettings = {
  /** May a link check hold (or publish) a comment imported from WordPress or Disqus? Off: their links
   *  are still checked, in the background at the sweep's low rate, and shown as checked or broken. */
  linkChecksMayHoldImported: z.boolean().default(false),
};

export const ZSiteSettings = z.object({
  ...moderationSettings,
  ...displaySettings,
  ...spamSettings,
  ...proofOfWorkSettings,
  ...linkCheckSettings,
  ...signInSettings,
  ...importSettings,
});
export type SiteSettings = z.infer<typeof ZSiteSettings>;
export const SETTINGS_KEYS = Object.keys(ZSiteSettings.shape) as (keyof SiteSettings)[];

export const DEFAULT_SITE_SETTINGS: SiteSettings = ZSiteSettings.parse({});

type Shape = typeof ZSiteSettings.shape;
const bare = <K extends keyof Shape>(k: K) => ZSiteSettings.shape[k].unwrap() as unknown as z.ZodType<SiteSettings[K]>;

/** PUT /api/admin/settings: any subset of the settings; unknown keys are an error, not ignored. */
export const ZSiteSettingsPatch = z.strictObject(
  Object.fromEntries(SETTINGS_KEYS.map((k) => [k, bare(k).optional()])) as {
    [K in keyof SiteSettings]: z.ZodOptional<z.ZodType<SiteSettings[K]>>;
  },
);
export type TSiteSettingsPatch = Partial<SiteSettings>;

/** PUT /api/admin/articles/:slug/settings: like the site patch, and null removes an override. */
export const ZArticleSettingsPatch = z.strictObject(
  Object.fromEntries(SETTINGS_KEYS.map((k) => [k, bare(k).nullable().optional()])) as {
    [K in keyof SiteSettings]: z.ZodOptional<z.ZodNullable<z.ZodType<SiteSettings[K]>>>;
  },
);
export type TArticleSettingsPatch = { [K in keyof SiteSettings]?: SiteSettings[K] | null };

/**
 * The valid keys of a stored settings document. A value that no longer validates (an older version
 * wrote it, or someone edited the row by hand) is skipped with a warning rather than breaking posting.
 */
export function validStoredSettings(stored: unknown, onInvalid?: (key: string) => void): Partial<SiteSettings> {
  const out: Record<string, unknown> = {};
  if (!stored || typeof stored !== "object" || Array.isArray(stored)) return out;
  for (const [key, value] of Object.entries(stored)) {
    if (!(key in ZSiteSettings.shape) || value === undefined) continue;
    const parsed = bare(key as keyof Shape).safeParse(value);
    if (parsed.success) out[key] = parsed.data;
    else onInvalid?.(key);
  }
  return out;
}

/** defaults ← site ← article. */
export function resolveSettings(site: unknown, article?: unknown, onInvalid?: (key: string) => void): SiteSettings {
  return {
    ...DEFAULT_SITE_SETTINGS,
    ...validStoredSettings(site, onInvalid),
    ...validStoredSettings(article, onInvalid),
  };
}

/** A site's own settings (no article overrides), e.g. to know which sign-in buttons it shows. */
export function resolveSiteSettings(site: unknown): SiteSettings {
  return resolveSettings(site);
}
