// Cross-origin access for the embed widget. A browser request from another origin is answered only
// when that origin is on the allow-list of the site the resource belongs to (the site named in the
// query, or the site of the thread or comment in the path): the exact Origin is echoed, never "*",
// and no cookies are involved (the widget sends none). Any other origin gets a 403
// ORIGIN_NOT_ALLOWED that still carries the CORS headers, so the widget can read the refusal and
// say so instead of failing with an opaque network error; the refusal holds no data.
// Requests without an Origin header (curl, servers) and same-origin requests (Parley's own pages)
// pass untouched: CORS protects browsers' users, it is not authentication.
import type { Request, RequestHandler, Response } from "express";
import { AppError } from "../domain/errors.ts";
import { originAllowed } from "../domain/origins.ts";
import { publicUrl } from "../config/config.ts";
import type { Deps } from "../deps.ts";
import { readCommentSiteOrigins, readSiteOrigins } from "../store/sites.ts";
import { readThreadOrigins } from "../store/threads.ts";
import { ZSiteId } from "./embed-schemas.ts";

type SiteOrigins = { allowedOrigins: unknown };
/** Where a request points: its query and path parameters (an Express request is one). */
export type Located = { query: Record<string, unknown>; params: Record<string, unknown> };
/** Finds the site whose allow-list governs this request; null when the resource does not exist (the route answers 404). */
export type SiteResolver = (at: Located) => Promise<SiteOrigins | null>;
/** "pass": no CORS involved; "allow": echo the origin; "refuse": 403. */
export type CorsVerdict = "pass" | "allow" | "refuse";

const ALLOWED_METHODS = "GET, POST, PATCH, DELETE";
const ALLOWED_HEADERS = "Content-Type, Accept, X-Parley-Edit-Tokens, X-Parley-Reader-Token";

export type CorsGuard = {
  check: RequestHandler;
  /** check, taking the verdict `known` gives for a request (undefined: decide it here). */
  checkKnowing(known: (req: Request) => CorsVerdict | undefined): RequestHandler;
  preflight: RequestHandler;
  /** The verdict for a request from `origin` to `at`; `self()`: the request's own origin (protocol://host). */
  decide(origin: string | undefined, self: () => string, at: Located): Promise<CorsVerdict>;
};

/** The headers an allowed cross-origin answer carries (a preflight's come on top). */
export function corsHeaders(origin: string): [string, string][] {
  return [
    ["Access-Control-Allow-Origin", origin],
    ["Access-Control-Expose-Headers", "Retry-After"],
  ];
}

export function embedCors(deps: Deps) {
  const site: SiteResolver = async (at) => {
    // Checked before the route validates it: a malformed id (a NUL breaks PostgreSQL) is simply unknown.
    const id = ZSiteId.safeParse(at.query.site);
    return id.success ? found(await readSiteOrigins(deps.db, id.data)) : null;
  };
  const threadSite: SiteResolver = async (at) => found(await readThreadOrigins(deps.db, String(at.params.threadId)));
  const commentSite: SiteResolver = async (at) =>
    found(await readCommentSiteOrigins(deps.db, String(at.params.commentId ?? at.params.id)));
  return { bySiteQuery: guard(deps, site), byThread: guard(deps, threadSite), byComment: guard(deps, commentSite) };
}

/** The stored origins as a resolver answers them (null: the site, thread or comment does not exist). */
function found(allowedOrigins: unknown): SiteOrigins | null {
  return allowedOrigins === undefined || allowedOrigins === null ? null : { allowedOrigins };
}

function guard(deps: Deps, resolve: SiteResolver): CorsGuard {
  const ownOrigins = new Set<string>();
  try {
    ownOrigins.add(new URL(publicUrl(deps.config)).origin);
  } catch {
    // PUBLIC_URL is validated by the config schema; the request's own host is checked below anyway.
  }

  async function decide(origin: string | undefined, self: () => string, at: Located): Promise<CorsVerdict> {
    if (!origin) return "pass";
    if (ownOrigins.has(origin) || origin === self()) return "pass";
    const site = await resolve(at);
    if (!site) return "allow"; // unknown thread/site: let the route say 404, readably
    return originAllowed(site.allowedOrigins, origin) ? "allow" : "refuse";
  }

  const refusal = (req: Request) =>
    new AppError("ORIGIN_NOT_ALLOWED", {
      reason: "originRefused",
      params: { origin: String(req.headers.origin) },
    });

  const verdictFor = (req: Request) => decide(req.headers.origin, () => `${req.protocol}://${req.get("host")}`, req);

  const checkKnowing =
    (known: (req: Request) => CorsVerdict | undefined): RequestHandler =>
    (req, res, next) => {
      res.vary("Origin");
      const settle = (verdict: CorsVerdict) => {
        if (verdict !== "pass") exposeTo(res, req.headers.origin!);
        next(verdict === "refuse" ? refusal(req) : undefined);
      };
      const verdict = known(req);
      if (verdict) settle(verdict);
      else verdictFor(req).then(settle, next);
    };

  return {
    decide,
    check: checkKnowing(() => undefined),
    checkKnowing,
    preflight: (req, res, next) => {
      res.vary("Origin");
      verdictFor(req).then((verdict) => {
        if (verdict === "refuse") return next(refusal(req));
        if (verdict === "allow") {
          exposeTo(res, req.headers.origin!);
          res.setHeader("Access-Control-Allow-Methods", ALLOWED_METHODS);
          res.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
          res.setHeader("Access-Control-Max-Age", "600");
        }
        res.status(204).end();
      }, next);
    },
  };
}

function exposeTo(res: Response, origin: string) {
  for (const [name, value] of corsHeaders(origin)) res.setHeader(name, value);
}
