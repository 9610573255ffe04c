// Every route Parley answers, in one table you can read top to bottom (STYLE.md §4), grouped by who
// may call it, with each group's middleware visible here. tests/integration/access-matrix walks it.
import express, { Router } from "express";
import type { Deps } from "../deps.ts";
import { adminHandlers } from "./admin-handlers.ts";
import { apiHandlers } from "./api-handlers.ts";
import { loadSession, requireCsrf, requireRole, sessionOnlyWithCsrf } from "./auth.ts";
import { authHandlers } from "./auth-handlers.ts";
import { handle, requireJson } from "./middleware.ts";
import { pageHandlers } from "./page-handlers.ts";
import { realtimeHandlers } from "./realtime-handlers.ts";

export type RouteSpec = { method: "get" | "post" | "put" | "patch" | "delete"; path: string; access: "public" | "commenter" | "moderator" | "admin" };

export function buildRoutes(deps: Deps): { router: Router; table: RouteSpec[] } {
  const api = apiHandlers(deps);
  const pages = pageHandlers(deps);
  const live = realtimeHandlers(deps);
  const json = [requireJson, express.json({ limit: deps.config.MAX_REQUEST_BYTES, strict: true })];
  const form = express.urlencoded({ extended: false, limit: deps.config.MAX_REQUEST_BYTES, parameterLimit: 20 });
  const auth = authHandlers(deps);
  const admin = adminHandlers(deps);
  // Role checks come before body parsing, so a stranger learns nothing from validation errors.
  const moderator = [requireRole("moderator"), requireCsrf];
  const adminOnly = [requireRole("admin"), requireCsrf];
  const router = Router();
  const table: RouteSpec[] = [];
  router.use(loadSession(deps)); // sets req.moderator from the session cookie; never refuses
  const add = (spec: RouteSpec, ...handlers: express.RequestHandler[]) => {
    table.push(spec);
    router[spec.method](spec.path, ...handlers);
  };

  // ── public: pages and reads ─────────────────────────────────────────────
  add({ method: "get", path: "/healthz", access: "public" }, handle(api.health));
  add({ method: "get", path: "/", access: "public" }, handle(pages.index));
  add({ method: "get", path: "/articles/:slug", access: "public" }, handle(pages.article));
  add({ method: "get", path: "/moderate", access: "public" }, handle(pages.moderate)); // shell only; data via the moderator API
  add({ method: "get", path: "/api/articles", access: "public" }, handle(api.listArticles));
  add({ method: "get", path: "/api/threads/:threadId/comments", access: "public" }, handle(api.listComments));
  add({ method: "get", path: "/api/threads/:threadId/events", access: "public" }, handle(live.threadEvents));

  // ── commenter: anonymous writes (JSON only; the no-JS form posts urlencoded to its page) ──
  add({ method: "post", path: "/api/threads/:threadId/comments", access: "commenter" }, sessionOnlyWithCsrf, ...json, handle(api.createComment));
  add({ method: "post", path: "/articles/:slug/comments", access: "commenter" }, form, handle(pages.postComment));

  // ── auth: sign-in is public (JSON only; failures rate-limited in the handler) ──
  add({ method: "post", path: "/api/auth/login", access: "public" }, ...json, handle(auth.login));
  add({ method: "post", path: "/api/auth/logout", access: "moderator" }, ...moderator, handle(auth.logout));
  add({ method: "get", path: "/api/auth/me", access: "moderator" }, ...moderator, handle(auth.me));

  // ── moderator: catch-up for the console's live feed (session + moderator role) ──
  add({ method: "get", path: "/api/moderation/events", access: "moderator" }, ...moderator, handle(live.moderatorEvents));

  // ── admin: accounts and settings (session + admin role + CSRF on writes) ──
  add({ method: "get", path: "/api/admin/moderators", access: "admin" }, ...adminOnly, handle(admin.listModerators));
  add({ method: "post", path: "/api/admin/moderators", access: "admin" }, ...adminOnly, ...json, handle(admin.createModerator));
  add({ method: "get", path: "/api/admin/settings", access: "admin" }, ...adminOnly, handle(admin.getSettings));
  add({ method: "put", path: "/api/admin/settings", access: "admin" }, ...adminOnly, ...json, handle(admin.updateSiteSettings));
  add({ method: "put", path: "/api/admin/articles/:slug/settings", access: "admin" }, ...adminOnly, ...json, handle(admin.updateArticleSettings));

  return { router, table };
}
