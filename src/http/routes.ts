// Every route Parley answers, in one table you can read top to bottom (STYLE.md §4), grouped by who
// may call it, with each group's middleware visible here. tests/integration/access-matrix walks it.
import express, { Router } from "express";
import type { Deps } from "../deps.ts";
import { adminHandlers } from "./admin-handlers.ts";
import { apiHandlers } from "./api-handlers.ts";
import { loadSession, requireCsrf, requireRole, sessionOnlyWithCsrf, signInFirst } from "./auth.ts";
import { authHandlers } from "./auth-handlers.ts";
import { embedAsset } from "./embed-assets.ts";
import { embedCors, type CorsGuard } from "./embed-cors.ts";
import { embedHandlers } from "./embed-handlers.ts";
import { mailAdminHandlers } from "./mail-admin-handlers.ts";
import { mailHandlers } from "./mail-handlers.ts";
import { moderationHandlers } from "./moderation-handlers.ts";
import { readerActions } from "./reader-actions.ts";
import { importHandlers } from "./import-handlers.ts";
import { privacyHandlers } from "./privacy-handlers.ts";
import { handle, requireJson } from "./middleware.ts";
import { identityHandlers } from "./identity-handlers.ts";
import { loginThrottle } from "./login-throttle.ts";
import { moderatorSignInHandlers } from "./moderator-sign-in-handlers.ts";
import { emailSignInHandlers } from "./email-sign-in-handlers.ts";
import { accountHandlers } from "./account-handlers.ts";
import { loadReader, readerOnlyWithCsrf } from "./reader-auth.ts";
import { pageHandlers } from "./page-handlers.ts";
import { quotaPerIp, rateLimitPerIp } from "./rate-limit.ts";
import { realtimeHandlers } from "./realtime-handlers.ts";
import type { ReadyResponses } from "./ready-responses.ts";
import { expressRoute, type DirectRoute, type Read } from "./direct-read.ts";
import type { CreationQuota } from "../sites/find-or-create-embed-thread.ts";

export type RouteSpec = {
  method: "get" | "post" | "put" | "patch" | "delete";
  path: string;
  access: "public" | "commenter" | "reader" | "moderator" | "admin";
};

/**
 * `router`: the table's routes behind the session loaders. `direct`: the public reads that need no
 * session (the widget's and the thread API's pages, the widget's counts), which app.ts mounts ahead of
 * everything else, each behind `edge` (the app's own security headers and compression) and its CORS
 * check: the busiest requests skip the static files, the session look-ups (a reader's token costs a
 * query) and the walk down the whole table. `directRoutes`: the same reads for the answers before
 * Express (answer-before-express.ts), which give Express's very answer or leave the request to it.
 */
export function buildRoutes(
  deps: Deps,
  ready: ReadyResponses,
  edge: express.RequestHandler[],
): { router: Router; direct: express.RequestHandler; directRoutes: DirectRoute[]; table: RouteSpec[] } {
  // Confirmation mails a client may cause per hour (the notify boxes), shared by the JSON and no-JS forms.
  const confirmations = quotaPerIp(
    deps.rateLimits,
    "confirmations",
    deps.config.MAIL_CONFIRMATIONS_PER_IP_PER_HOUR,
    3600_000,
    "confirmation mails",
  );
  const api = apiHandlers(deps, { confirmations });
  const pages = pageHandlers(deps, { confirmations, ready });
  const live = realtimeHandlers(deps);
  // A thread is created on the first visit of any page id: new ones are limited per address per hour.
  const newThreads = quotaPerIp(
    deps.rateLimits,
    "new-threads",
    deps.config.RATE_LIMIT_EMBED_THREADS_PER_HOUR,
    3600_000,
    "new discussions",
  );
  const embed = embedHandlers(deps);
  const cors = embedCors(deps); // cross-origin callers: only a site's allowed origins (embed-cors.ts)
  const json = [requireJson, express.json({ limit: deps.config.MAX_REQUEST_BYTES, strict: true })];
  const form = express.urlencoded({ extended: false, limit: deps.config.MAX_REQUEST_BYTES, parameterLimit: 20 });
  // One sign-in throttle for the console (passwords and identity providers alike): login-throttle.ts.
  const throttle = loginThrottle(deps.rateLimits);
  const auth = authHandlers(deps, { throttle });
  const moderatorSignIn = moderatorSignInHandlers(deps, { throttle });
  // Password reset mails asked for per address per hour (and per account, in the handler).
  const accounts = accountHandlers(deps, {
    resets: quotaPerIp(deps.rateLimits, "password-resets", 10, 3600_000, "password reset requests"),
  });
  const admin = adminHandlers(deps);
  const mailAdmin = mailAdminHandlers(deps);
  const mail = mailHandlers(deps);
  const imports = importHandlers(deps);
  // "Your data" links mailed per address per hour (each also limited to one mail per address per hour).
  const privacy = privacyHandlers(deps, {
    requests: quotaPerIp(deps.rateLimits, "data-requests", 5, 3600_000, "data requests"),
  });
  const moderation = moderationHandlers(deps);
  const reader = readerActions(deps);
  const identity = identityHandlers(deps, { throttle });
  // "Email me a sign-in link": links requested per address per hour (the per-address limit is in the handler).
  const emailSignIn = emailSignInHandlers(deps, {
    links: quotaPerIp(
      deps.rateLimits,
      "email-sign-in",
      deps.config.AUTH_EMAIL_LINKS_PER_IP_PER_HOUR,
      3600_000,
      "sign-in links",
    ),
  });
  // Role checks come before body parsing, so a stranger learns nothing from validation errors.
  const moderator = [requireRole("moderator"), requireCsrf];
  const adminOnly = [requireRole("admin"), requireCsrf];
  // Per-IP limits (src/http/rate-limit.ts; in Redis when REDIS_URL is set), one counter per group of routes.
  const limits = {
    commentWrites: rateLimitPerIp(deps.rateLimits, "comments", deps.config.RATE_LIMIT_COMMENTS_PER_MIN),
    reports: rateLimitPerIp(deps.rateLimits, "reports", deps.config.RATE_LIMIT_REPORTS_PER_MIN),
    previews: rateLimitPerIp(deps.rateLimits, "previews", deps.config.RATE_LIMIT_PREVIEWS_PER_MIN), // the form's citation hints
  };
  const router = Router();
  const table: RouteSpec[] = [];
  router.use(loadSession(deps)); // sets req.moderator from the session cookie; never refuses
  router.use(loadReader(deps)); // sets req.reader from the reader cookie or a widget's token header; never refuses
  const add = (spec: RouteSpec, ...handlers: express.RequestHandler[]) => {
    table.push(spec);
    router[spec.method](spec.path, ...handlers);
  };
  // A public read that looks at no session (req.moderator, req.reader), behind its CORS guard: answered
  // from `direct` (and before Express when it can be, `directRoutes`). `creating`: its quota for new threads.
  // Only the CORS guard and the read are shared with the answers before Express: middleware added to a
  // direct route's Express chain here does not run for the requests answered before Express.
  const directReads = Router();
  const directRoutes: DirectRoute[] = [];
  const addDirect = (
    spec: RouteSpec & { method: "get" },
    cors: CorsGuard,
    read: Read,
    creating?: (req: express.Request) => CreationQuota,
  ) => {
    const route: DirectRoute = { path: spec.path, cors, read };
    table.push(spec);
    directReads.get(spec.path, ...edge, ...expressRoute(route, ready, creating));
    directRoutes.push(route);
  };

  // ── public: pages and reads ─────────────────────────────────────────────
  add({ method: "get", path: "/healthz", access: "public" }, handle(api.health));
  add({ method: "get", path: "/", access: "public" }, handle(pages.index));
  add({ method: "get", path: "/articles/:slug", access: "public" }, handle(pages.article));
  add({ method: "get", path: "/articles/:slug/comment-page-:page", access: "public" }, handle(pages.commentPage));
  add({ method: "get", path: "/articles/:slug/comments/:commentId", access: "public" }, handle(pages.commentPermalink));
  add({ method: "get", path: "/moderate", access: "public" }, handle(pages.moderate)); // shell only; data via the moderator API
  add({ method: "get", path: "/api/articles", access: "public" }, handle(api.listArticles));
  addDirect(
    { method: "get", path: "/api/threads/:threadId/comments", access: "public" },
    cors.byThread,
    api.listComments,
  );
  // A proof-of-work challenge for anonymous posts on sites that ask for one (README "Proof of work").
  add(
    { method: "get", path: "/api/threads/:threadId/challenge", access: "public" },
    cors.byThread.check,
    handle(api.challenge),
  );
  add(
    { method: "get", path: "/api/threads/:threadId/events", access: "public" },
    cors.byThread.check,
    handle(live.threadEvents),
  );

  // ── commenter: anonymous writes (JSON only; the no-JS form posts urlencoded to its page), limited per IP ──
  add(
    { method: "post", path: "/api/threads/:threadId/comments", access: "commenter" },
    cors.byThread.check,
    limits.commentWrites,
    sessionOnlyWithCsrf,
    ...json,
    readerOnlyWithCsrf,
    handle(api.createComment),
  );
  add(
    { method: "post", path: "/articles/:slug/comments", access: "commenter" },
    limits.commentWrites,
    form,
    readerOnlyWithCsrf,
    handle(pages.postComment),
  );
  add(
    { method: "post", path: "/api/citations/preview", access: "commenter" },
    limits.previews,
    ...json,
    handle(api.previewCitations),
  );
  // The author's own comment (edit token in the body) and reader reports; cross-origin for the widget.
  add(
    { method: "patch", path: "/api/comments/:id", access: "commenter" },
    cors.byComment.check,
    limits.commentWrites,
    ...json,
    readerOnlyWithCsrf,
    handle(reader.edit),
  );
  add(
    { method: "delete", path: "/api/comments/:id", access: "commenter" },
    cors.byComment.check,
    limits.commentWrites,
    ...json,
    readerOnlyWithCsrf,
    handle(reader.remove),
  );
  add(
    { method: "post", path: "/api/comments/:id/reports", access: "commenter" },
    cors.byComment.check,
    limits.reports,
    ...json,
    handle(reader.report),
  );

  // ── mail: links readers follow from a mail (signed tokens, no sign-in; README "Email") ──
  add({ method: "get", path: "/mail/confirm", access: "public" }, handle(mail.confirm));
  add({ method: "get", path: "/mail/unsubscribe", access: "public" }, handle(mail.unsubscribe));
  add({ method: "post", path: "/mail/unsubscribe", access: "public" }, handle(mail.unsubscribe)); // RFC 8058 One-Click
  add({ method: "post", path: "/mail/unsubscribe/undo", access: "public" }, form, handle(mail.undoUnsubscribe));
  add({ method: "post", path: "/mail/unsubscribe/redo", access: "public" }, form, handle(mail.redoUnsubscribe));

  // ── a reader's data: ask by email, then the signed link's page (README "A reader's data") ──
  add({ method: "get", path: "/your-data", access: "public" }, handle(privacy.requestPage));
  add({ method: "post", path: "/your-data", access: "commenter" }, form, handle(privacy.request));
  add({ method: "get", path: "/your-data/view", access: "public" }, handle(privacy.view));
  add({ method: "get", path: "/your-data/export.json", access: "public" }, handle(privacy.exportJson));
  add({ method: "get", path: "/your-data/export.html", access: "public" }, handle(privacy.exportHtml));
  add({ method: "post", path: "/your-data/erase", access: "commenter" }, form, handle(privacy.erase));

  // ── embed: the widget's scripts (cross-origin by design), its API, and a demo host page ──
  add({ method: "get", path: "/embed.js", access: "public" }, handle(embedAsset(deps, "embed.js")));
  add({ method: "get", path: "/embed-live.js", access: "public" }, handle(embedAsset(deps, "embed-live.js")));
  add({ method: "get", path: "/count.js", access: "public" }, handle(embedAsset(deps, "count.js")));
  add({ method: "get", path: "/embed-panels.js", access: "public" }, handle(embedAsset(deps, "embed-panels.js")));
  add({ method: "get", path: "/embed-post.js", access: "public" }, handle(embedAsset(deps, "embed-post.js")));
  add({ method: "get", path: "/embed-pow.js", access: "public" }, handle(embedAsset(deps, "embed-pow.js")));
  add({ method: "get", path: "/embed-de.js", access: "public" }, handle(embedAsset(deps, "embed-de.js")));
  add({ method: "get", path: "/embed-fr.js", access: "public" }, handle(embedAsset(deps, "embed-fr.js")));
  add({ method: "get", path: "/embed-demo", access: "public" }, handle(embed.demoPage));
  addDirect(
    { method: "get", path: "/api/embed/threads", access: "public" },
    cors.bySiteQuery,
    embed.thread,
    newThreads,
  );
  addDirect({ method: "get", path: "/api/embed/counts", access: "public" }, cors.bySiteQuery, embed.counts);
  // CORS preflights for every route the widget calls with a JSON body or its edit-token header.
  router.options("/api/embed/threads", cors.bySiteQuery.preflight);
  router.options("/api/threads/:threadId/comments", cors.byThread.preflight);
  router.options("/api/comments/:id", cors.byComment.preflight);
  router.options("/api/comments/:id/reports", cors.byComment.preflight);

  // ── readers' sign-in with identity providers (src/identity/): the flow is public, sign-out is the reader's ──
  add({ method: "get", path: "/auth/:provider/start", access: "public" }, handle(identity.start));
  add({ method: "get", path: "/auth/:provider/callback", access: "public" }, handle(identity.callback));
  add({ method: "get", path: "/api/reader/me", access: "public" }, cors.bySiteQuery.check, handle(identity.me));
  add(
    { method: "get", path: "/api/embed/sign-in", access: "public" },
    cors.bySiteQuery.check,
    handle(identity.options),
  );
  add(
    { method: "post", path: "/api/reader/logout", access: "reader" },
    cors.bySiteQuery.check,
    ...json,
    readerOnlyWithCsrf,
    handle(identity.logout),
  );
  add(
    { method: "post", path: "/auth/logout", access: "reader" },
    form,
    readerOnlyWithCsrf,
    handle(identity.logoutForm),
  );
  // Email-link sign-in: ask (JSON from the widget or the page; the no-JS form), the mailed link, its one use.
  add(
    { method: "post", path: "/api/reader/email-link", access: "public" },
    cors.bySiteQuery.check,
    ...json,
    handle(emailSignIn.askJson),
  );
  add({ method: "post", path: "/auth/email/request", access: "public" }, form, handle(emailSignIn.askForm));
  add({ method: "get", path: "/auth/email/verify", access: "public" }, handle(emailSignIn.confirmPage));
  add({ method: "post", path: "/auth/email/verify", access: "public" }, form, handle(emailSignIn.verify));
  router.options("/api/reader/email-link", cors.bySiteQuery.preflight);
  router.options("/api/reader/me", cors.bySiteQuery.preflight);
  router.options("/api/embed/sign-in", cors.bySiteQuery.preflight); // asked with a signed-in widget's token header
  router.options("/api/reader/logout", cors.bySiteQuery.preflight);

  // ── auth: sign-in is public (JSON only; failures rate-limited in the handler) ──
  add({ method: "post", path: "/api/auth/login", access: "public" }, ...json, handle(auth.login));
  add({ method: "post", path: "/api/auth/logout", access: "moderator" }, ...moderator, handle(auth.logout));
  add({ method: "get", path: "/api/auth/me", access: "moderator" }, ...moderator, handle(auth.me));
  // A forgotten password: ask for a mailed link, then set a new one with it (form pages; README "Moderators").
  add({ method: "get", path: "/moderate/forgot-password", access: "public" }, handle(accounts.forgotPage));
  add({ method: "post", path: "/moderate/forgot-password", access: "public" }, form, handle(accounts.forgot));
  add({ method: "get", path: "/moderate/reset-password", access: "public" }, handle(accounts.resetPage));
  add({ method: "post", path: "/moderate/reset-password", access: "public" }, form, handle(accounts.reset));
  // Identity providers for moderators (README "Moderators"): "Sign in with <provider>" (throttled like a
  // password; the answer comes back to /auth/:provider/callback), and an admin's one-time invitation to link one.
  add({ method: "get", path: "/moderate/sign-in/:provider", access: "public" }, handle(moderatorSignIn.signIn));
  add({ method: "get", path: "/moderate/link-provider", access: "public" }, handle(moderatorSignIn.invitationPage));
  add(
    { method: "get", path: "/moderate/link-provider/:provider", access: "public" },
    handle(moderatorSignIn.invitationStart),
  );

  // ── moderator: queues, decisions, audit (session + moderator role + CSRF on writes) ──
  add({ method: "get", path: "/api/moderation/queue", access: "moderator" }, ...moderator, handle(moderation.queue));
  add({ method: "get", path: "/api/moderation/counts", access: "moderator" }, ...moderator, handle(moderation.counts));
  add(
    { method: "post", path: "/api/moderation/comments/:id/actions", access: "moderator" },
    ...moderator,
    ...json,
    handle(moderation.decide),
  );
  add(
    { method: "get", path: "/api/moderation/comments/:id/ban-preview", access: "moderator" },
    ...moderator,
    handle(moderation.banPreview),
  );
  add(
    { method: "post", path: "/api/moderation/comments/:id/unban", access: "moderator" },
    ...moderator,
    ...json,
    handle(moderation.unban),
  );
  add(
    { method: "post", path: "/api/moderation/actions/bulk", access: "moderator" },
    ...moderator,
    ...json,
    handle(moderation.decideBulk),
  );
  add({ method: "get", path: "/api/moderation/audit", access: "moderator" }, ...moderator, handle(moderation.audit));
  // The dashboard: a server-rendered console page (a browser without a session is sent to sign in) and its JSON.
  add(
    { method: "get", path: "/moderate/dashboard", access: "moderator" },
    signInFirst("/moderate"),
    ...moderator,
    handle(moderation.dashboardPage),
  );
  add(
    { method: "get", path: "/api/moderation/dashboard", access: "moderator" },
    ...moderator,
    handle(moderation.dashboard),
  );
  add({ method: "get", path: "/api/moderation/me/alerts", access: "moderator" }, ...moderator, handle(mail.myAlerts));
  add(
    { method: "put", path: "/api/moderation/me/alerts", access: "moderator" },
    ...moderator,
    ...json,
    handle(mail.setMyAlerts),
  );
  add(
    { method: "get", path: "/api/moderation/events", access: "moderator" },
    ...moderator,
    handle(live.moderatorEvents),
  );

  // ── admin: accounts and settings (session + admin role + CSRF on writes) ──
  add({ method: "get", path: "/api/admin/moderators", access: "admin" }, ...adminOnly, handle(admin.listModerators));
  add(
    { method: "post", path: "/api/admin/moderators", access: "admin" },
    ...adminOnly,
    ...json,
    handle(admin.createModerator),
  );
  add(
    { method: "patch", path: "/api/admin/moderators/:id", access: "admin" },
    ...adminOnly,
    ...json,
    handle(accounts.changeModerator),
  );
  add(
    { method: "post", path: "/api/admin/moderators/:id/identity-invitations", access: "admin" },
    ...adminOnly,
    ...json,
    handle(moderatorSignIn.invite),
  );
  add(
    { method: "delete", path: "/api/admin/moderators/:id/identities/:identityId", access: "admin" },
    ...adminOnly,
    handle(moderatorSignIn.unlink),
  );
  add({ method: "get", path: "/api/admin/settings", access: "admin" }, ...adminOnly, handle(admin.getSettings));
  add(
    { method: "put", path: "/api/admin/settings", access: "admin" },
    ...adminOnly,
    ...json,
    handle(admin.updateSiteSettings),
  );
  add(
    { method: "put", path: "/api/admin/articles/:slug/settings", access: "admin" },
    ...adminOnly,
    ...json,
    handle(admin.updateArticleSettings),
  );
  add({ method: "get", path: "/api/admin/sites", access: "admin" }, ...adminOnly, handle(embed.listSites));
  add({ method: "post", path: "/api/admin/sites", access: "admin" }, ...adminOnly, ...json, handle(embed.createSite));
  add(
    { method: "patch", path: "/api/admin/sites/:siteId", access: "admin" },
    ...adminOnly,
    ...json,
    handle(embed.updateSite),
  );

  // The mail outbox (README "Email"): what was sent or stored, a preview of each, bounced addresses.
  add({ method: "get", path: "/api/admin/mail/outbox", access: "admin" }, ...adminOnly, handle(mailAdmin.outbox));
  add(
    { method: "get", path: "/api/admin/mail/outbox/:id/preview", access: "admin" },
    ...adminOnly,
    handle(mailAdmin.preview),
  );
  add(
    { method: "post", path: "/api/admin/mail/suppressions/lift", access: "admin" },
    ...adminOnly,
    ...json,
    handle(mailAdmin.liftSuppression),
  );

  // Import and export (README "Import and export"): the upload's body is the export file itself
  // (streamed to a temporary file, capped by IMPORT_MAX_UPLOAD_MB), so no JSON parser here.
  add({ method: "post", path: "/api/admin/imports", access: "admin" }, ...adminOnly, handle(imports.upload));
  add({ method: "get", path: "/api/admin/imports", access: "admin" }, ...adminOnly, handle(imports.listJobs));
  add({ method: "get", path: "/api/admin/imports/:id", access: "admin" }, ...adminOnly, handle(imports.job));
  add({ method: "get", path: "/api/admin/exports", access: "admin" }, ...adminOnly, handle(imports.download));

  // A reader's data, for an address (a reader who wrote in): export it, or erase it with an audit row.
  add({ method: "get", path: "/api/admin/readers/export", access: "admin" }, ...adminOnly, handle(privacy.adminExport));
  add(
    { method: "post", path: "/api/admin/readers/erase", access: "admin" },
    ...adminOnly,
    ...json,
    handle(privacy.adminErase),
  );

  return {
    router,
    // Only reads: a preflight (OPTIONS) stays with the table, whose router answers it as before.
    direct: (req, res, next) => (req.method === "GET" || req.method === "HEAD" ? directReads(req, res, next) : next()),
    directRoutes,
    table,
  };
}
