// Every setting Parley reads from the environment, with its default and a one-line doc.
// Nothing else in the code base reads process.env (STYLE.md §2). .env.example mirrors this file.
import { z } from "zod";

const bool = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

export const ZConfig = z
  .object({
    /** HTTP port; 0 picks a free one (tests). */
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    /** Interface to listen on. */
    HOST: z.string().default("0.0.0.0"),
    /** file:./path.db for embedded SQLite, postgresql://user@host:5432/db for PostgreSQL. */
    DATABASE_URL: z.string().default("file:./data/parley.db"),
    /** redis://host:6379 to share live updates between several instances (socket.io adapter). */
    REDIS_URL: z.string().optional(),
    /** Prefix of the Redis stream, pub/sub channels and session keys, so several Parley deployments can share one Redis. */
    REDIS_CHANNEL_PREFIX: z.string().min(1).max(100).default("parley"),
    /** Length (approximate) the Redis stream of live packets is trimmed to; a socket resuming from further back joins afresh. */
    REDIS_STREAM_MAX_LEN: z.coerce.number().int().min(100).max(10_000_000).default(10_000),
    /** pino level: fatal, error, warn, info, debug, trace, silent. */
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** Public base URL of this server, used in links it prints (default http://localhost:PORT). */
    PUBLIC_URL: z.url().optional(),
    /** Secret mixed into the hash of posters' IP addresses. Set it in production; rotating it forgets IP bans. */
    IP_HASH_SECRET: z.string().min(16).default("parley-development-ip-hash-secret"),
    /** Trust X-Forwarded-For from this many proxy hops (0 = use the socket address). */
    TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
    /** Import the demo articles on start (idempotent). */
    SEED_DEMO_ARTICLES: bool.default(true),
    /** Replies nest this deep at most; replies to the deepest level attach beside it (WordPress: 5). */
    COMMENT_MAX_DEPTH: z.coerce.number().int().min(1).max(20).default(5),
    /** Longest comment body in characters. */
    COMMENT_MAX_LENGTH: z.coerce.number().int().min(100).max(100_000).default(10_000),
    /** Hold every new comment for moderation (the moderation rules refine this per site). */
    HOLD_ALL_COMMENTS: bool.default(false),
    /** Largest JSON or form request body, in bytes. */
    MAX_REQUEST_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(10_000_000)
      .default(64 * 1024),
    /** Days a comment keeps the hash of its poster's IP (bans, flood limits); older ones are cleared hourly. 0 = keep. */
    IP_HASH_RETENTION_DAYS: z.coerce.number().int().min(0).max(36_500).default(90),
    /** Largest export file an admin may upload in the console (admin → Import / Export), in MiB. */
    IMPORT_MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(100_000).default(1024),
    /** Hours a live-update event stays available for catch-up; readers away longer reload instead. */
    REALTIME_EVENT_RETENTION_HOURS: z.coerce
      .number()
      .min(1)
      .max(24 * 90)
      .default(48),
    /** Milliseconds to let in-flight requests finish on SIGTERM before closing anyway. */
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
    /** Email of the first admin, created on start when no admin exists (ignored afterwards). */
    PARLEY_ADMIN_EMAIL: z.email().optional(),
    /** Password of that first admin (at least 10 characters). */
    PARLEY_ADMIN_PASSWORD: z.string().min(10).max(200).optional(),
    /** Display name of that first admin (default: the email's local part). */
    PARLEY_ADMIN_NAME: z.string().min(1).max(80).optional(),
    /** Moderator sessions last this many hours, extended while in use. */
    SESSION_TTL_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 90)
      .default(24 * 7),
    /** Answer the widget's and the thread API's reads on Node's request, before Express, as Express would (off: Express answers them). */
    READS_BEFORE_EXPRESS: bool.default(true),
    /** Milliseconds a thread's comment list and shared pages are served from memory (0 = off); other instances' writes show within 2 × this. */
    THREAD_CACHE_TTL_MS: z.coerce.number().int().min(0).max(60_000).default(2000),
    /** Milliseconds an instance trusts its in-memory spam model before checking the model's version (0 = every post). */
    SPAM_MODEL_RECHECK_MS: z.coerce.number().int().min(0).max(600_000).default(2000),
    /** Comment posts per minute per IP address (per instance; 0 = no limit). */
    RATE_LIMIT_COMMENTS_PER_MIN: z.coerce.number().int().min(0).default(10),
    /** Comment reports per minute per IP address (per instance; 0 = no limit). */
    RATE_LIMIT_REPORTS_PER_MIN: z.coerce.number().int().min(0).default(20),
    /** New embedded threads (first visit of a page id) per hour per IP address (per instance; 0 = no limit). Reads of existing threads are not counted. */
    RATE_LIMIT_EMBED_THREADS_PER_HOUR: z.coerce.number().int().min(0).default(30),
    /** Citation previews (typing in the comment form) per minute per IP address (per instance; 0 = no limit). */
    RATE_LIMIT_PREVIEWS_PER_MIN: z.coerce.number().int().min(0).default(60),
    /** Check the links in comments in the background (off: links stay "unchecked"; the pipeline still applies the link policy). */
    LINK_CHECK_ENABLED: bool.default(true),
    /** Longest time one link check may take, redirects included, in milliseconds. */
    LINK_CHECK_TIMEOUT_MS: z.coerce.number().int().min(500).max(60_000).default(8000),
    /** Link checks running at once on this instance. */
    LINK_CHECK_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(4),
    /** Minutes a working link's result is trusted before it is checked again (links rot). */
    LINK_CHECK_OK_TTL_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .default(24 * 60),
    /** Minutes a failed check (broken, unreachable, refused) is trusted before it is tried again. */
    LINK_CHECK_FAILURE_TTL_MINUTES: z.coerce.number().int().min(1).default(60),
    /** Seconds between sweeps that re-check expired links of visible comments. */
    LINK_CHECK_INTERVAL_SECONDS: z.coerce.number().int().min(5).default(60),
    /** Links one sweep re-checks at most. */
    LINK_CHECK_BATCH_SIZE: z.coerce.number().int().min(1).max(500).default(20),
    /** TEST ONLY: let the checker fetch loopback addresses. Refused when NODE_ENV=production. */
    LINK_CHECK_ALLOW_LOOPBACK: bool.default(false),
    /** Readers signed in through an identity provider stay signed in on Parley's pages this many hours, extended while in use. */
    READER_SESSION_TTL_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 365)
      .default(24 * 30),
    /** Hours the sign-in token a widget keeps (per site, in the browser) stays valid; signing in again renews it. */
    READER_WIDGET_TOKEN_TTL_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 90)
      .default(24 * 7),
    /** Milliseconds Parley waits for an identity provider (discovery, token, profile) before saying it is unreachable. */
    AUTH_PROVIDER_TIMEOUT_MS: z.coerce.number().int().min(500).max(60_000).default(8000),
    /** Any OpenID Connect provider, by its issuer URL (discovery at /.well-known/openid-configuration). */
    AUTH_OIDC_ISSUER: z.url().optional(),
    /** Client id and secret Parley was registered with at AUTH_OIDC_ISSUER (both needed to enable it). */
    AUTH_OIDC_CLIENT_ID: z.string().min(1).optional(),
    AUTH_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    /** The button's name for AUTH_OIDC_ISSUER ("log in with <name>"). */
    AUTH_OIDC_NAME: z.string().min(1).max(40).default("OpenID Connect"),
    /** GitHub OAuth app (OAuth 2, not OIDC): client id and secret. */
    AUTH_GITHUB_CLIENT_ID: z.string().min(1).optional(),
    AUTH_GITHUB_CLIENT_SECRET: z.string().min(1).optional(),
    /** Google (OIDC): OAuth client id and secret. */
    AUTH_GOOGLE_CLIENT_ID: z.string().min(1).optional(),
    AUTH_GOOGLE_CLIENT_SECRET: z.string().min(1).optional(),
    /** Microsoft Entra ID (OIDC): application id and secret, and the tenant (common, consumers, organizations or a tenant id). */
    AUTH_MICROSOFT_CLIENT_ID: z.string().min(1).optional(),
    AUTH_MICROSOFT_CLIENT_SECRET: z.string().min(1).optional(),
    AUTH_MICROSOFT_TENANT: z
      .string()
      .regex(/^[A-Za-z0-9.-]{1,100}$/)
      .default("common"),
    /** GitLab (OIDC): application id and secret, and the instance (gitlab.com or your own). */
    AUTH_GITLAB_CLIENT_ID: z.string().min(1).optional(),
    AUTH_GITLAB_CLIENT_SECRET: z.string().min(1).optional(),
    AUTH_GITLAB_URL: z.url().default("https://gitlab.com"),
    /** Facebook Login (OAuth 2): app id and secret. */
    AUTH_FACEBOOK_CLIENT_ID: z.string().min(1).optional(),
    AUTH_FACEBOOK_CLIENT_SECRET: z.string().min(1).optional(),
    /** X / Twitter (OAuth 2 with PKCE): client id and secret. No email is given by X. */
    AUTH_X_CLIENT_ID: z.string().min(1).optional(),
    AUTH_X_CLIENT_SECRET: z.string().min(1).optional(),
    /** Minutes a mailed sign-in link (readers' "email me a sign-in link") works; it works once. Offered when SMTP_URL is set. */
    AUTH_EMAIL_LINK_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(15),
    /** Sign-in links mailed to one address per hour at most (then 429 with Retry-After). */
    AUTH_EMAIL_LINKS_PER_ADDRESS_PER_HOUR: z.coerce.number().int().min(1).default(3),
    /** Sign-in links requested from one IP address per hour at most (then 429). */
    AUTH_EMAIL_LINKS_PER_IP_PER_HOUR: z.coerce.number().int().min(1).default(10),
    /** TEST ONLY: accept an http:// OIDC issuer (a provider on loopback in the tests). Refused when NODE_ENV=production. */
    AUTH_ALLOW_HTTP_ISSUER: bool.default(false),
    /** smtp://user:pass@host:587 or smtps://…:465 to send mail (pooled); unset: mails are stored, shown in the console's Outbox and logged, not sent. */
    SMTP_URL: z.string().optional(),
    /** The From of every mail Parley sends. */
    MAIL_FROM: z.string().min(3).default("Parley <parley@localhost>"),
    /** Secret that signs confirmation and unsubscribe links and the email-proof cookie. Set it in production; rotating it voids links already mailed. */
    MAIL_SIGNING_SECRET: z.string().min(16).default("parley-development-mail-signing-secret"),
    /** HMAC key that signs proof-of-work challenges (ALTCHA) and the no-JS form's render time. Set it in production; every instance needs the same one. */
    POW_HMAC_KEY: z.string().min(16).default("parley-development-proof-of-work-key"),
    /** Seconds a proof-of-work challenge stays valid (and is remembered as used). */
    POW_CHALLENGE_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(1800),
    /** With JavaScript off: the fewest seconds between rendering the form and posting it. */
    POW_MIN_FORM_SECONDS: z.coerce.number().min(0).max(600).default(3),
    /** Days a sent mail's address and text are kept (the console's Outbox), then purged. */
    MAIL_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
    /** Tries before a mail that keeps failing temporarily (4xx, network) is given up, with the reason kept. */
    MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
    /** First retry delay in seconds; it doubles on every try (capped at 6 hours). */
    MAIL_RETRY_BASE_SECONDS: z.coerce.number().min(0.01).max(3600).default(60),
    /** Seconds between the mail worker's looks at the outbox (new mail from this instance wakes it at once). */
    MAIL_POLL_SECONDS: z.coerce.number().min(0.05).max(3600).default(5),
    /** Mails one instance sends at once (SMTP pool connections). */
    MAIL_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(4),
    /** Run the mail worker on this instance (off: it only queues; another instance sends). */
    MAIL_WORKER_ENABLED: bool.default(true),
    /** At most one digest of new comments per subscribed thread per this many minutes. */
    NOTIFY_DIGEST_MINUTES: z.coerce
      .number()
      .min(0.01)
      .max(7 * 24 * 60)
      .default(30),
    /** Confirmation mails to one address per day at most (then 429 with Retry-After). */
    MAIL_CONFIRMATIONS_PER_ADDRESS_PER_DAY: z.coerce.number().int().min(1).default(3),
    /** Confirmation mails requested from one IP address per hour at most (per instance; then 429). */
    MAIL_CONFIRMATIONS_PER_IP_PER_HOUR: z.coerce.number().int().min(1).default(10),
    /** "production" turns off development conveniences (and refuses test-only settings). Read
     * case-insensitively; anything but development / test / production is refused, so a typo such
     * as "prod" cannot quietly run a production server as a development one. */
    NODE_ENV: z.preprocess(
      (v) => (typeof v === "string" ? v.trim().toLowerCase() || undefined : v),
      z.enum(["development", "test", "production"]).default("development"),
    ),
  })
  .refine((c) => !(c.LINK_CHECK_ALLOW_LOOPBACK && c.NODE_ENV === "production"), {
    path: ["LINK_CHECK_ALLOW_LOOPBACK"],
    message: "is a test-only setting and is refused when NODE_ENV=production",
  })
  .refine((c) => !(c.AUTH_ALLOW_HTTP_ISSUER && c.NODE_ENV === "production"), {
    path: ["AUTH_ALLOW_HTTP_ISSUER"],
    message: "is a test-only setting and is refused when NODE_ENV=production",
  });

export type Config = z.infer<typeof ZConfig>;

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = ZConfig.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export function publicUrl(config: Config): string {
  return (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/$/, "");
}
