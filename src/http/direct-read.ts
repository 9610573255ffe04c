// A public read that needs no session (routes.ts `addDirect`: the widget's page and counts, the thread
// API's pages), written once as a function from the request's parts to a Reply, and answered two
// ways: by Express (expressRead, behind the edge middleware and the route's CORS check) and, the same
// answer to the byte, on Node's request before Express (answer-before-express.ts).
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import type { Request, RequestHandler } from "express";
import type { AppError } from "../domain/errors.ts";
import type { CreationQuota } from "../sites/find-or-create-embed-thread.ts";
import type { CorsGuard, CorsVerdict } from "./embed-cors.ts";
import type { Made, ReadyResponses } from "./ready-responses.ts";
import { sendShared, type SharedBody } from "./shared-body.ts";

/** What a read is given: the request's query, path parameters and headers, and what it may create. */
export type ReadRequest = {
  query: Record<string, unknown>;
  params: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  /** The caller's allowance for new threads (the widget's first visit of a page). */
  creating: CreationQuota | undefined;
};

/** A read's answer, besides CORS's `Vary: Origin`: JSON as res.json() sends it (Express's weak ETag),
 * or a shared body as sendShared() sends it; `remember`: keep it for the answers from memory. */
export type Reply = { cacheControl: string; vary?: string } & (
  { json: unknown } | { shared: SharedBody; remember?: Made }
);

export type Read = (at: ReadRequest) => Promise<Reply>;

/** One row of the direct reads: the route's path, its CORS guard, its read. */
export type DirectRoute = { path: string; cors: CorsGuard; read: Read };

/** What the answers before Express learned of a request they left to Express: the route's CORS
 * verdict, and the read's AppError (a 404, a 422). The route's Express chain uses them instead of
 * looking up and reading again, so a request neither can answer costs one look-up, not two. */
export type Learned = { route: DirectRoute; verdict: CorsVerdict; error?: AppError };

/** Keyed by Node's request, which Express's req is: gone with it. */
const learnedOf = new WeakMap<IncomingMessage, Learned>();

/** Hands `learned` to the Express chain of `learned.route` (answer-before-express.ts). */
export function handOver(req: IncomingMessage, learned: Learned): void {
  learnedOf.set(req, learned);
}

/** The route's Express chain (after the edge middleware): its CORS check, then its read, each reusing
 * what the answers before Express learned of this request; `creating`: the route's quota for this caller. */
export function expressRoute(
  route: DirectRoute,
  ready: ReadyResponses,
  creating?: (req: Request) => CreationQuota,
): RequestHandler[] {
  const learned = (req: Request) => {
    const known = learnedOf.get(req);
    return known?.route === route ? known : undefined;
  };
  return [route.cors.checkKnowing((req) => learned(req)?.verdict), expressRead(route.read, ready, creating, learned)];
}

/** The read as an Express handler (after `cors.check`): `creating` is the route's quota for this caller. */
function expressRead(
  read: Read,
  ready: ReadyResponses,
  creating: ((req: Request) => CreationQuota) | undefined,
  learned: (req: Request) => Learned | undefined,
): RequestHandler {
  return (req, res, next) => {
    const known = learned(req)?.error;
    if (known) return next(known); // the same request's read already threw it: Express renders it
    const at = { query: req.query, params: req.params, headers: req.headers, creating: creating?.(req) };
    read(at)
      .then(async (reply) => {
        if (reply.vary) res.vary(reply.vary);
        if ("json" in reply) return void res.set("Cache-Control", reply.cacheControl).json(reply.json);
        await sendShared(req, res, reply.shared, reply.cacheControl);
        if (reply.remember) ready.remember(req, res, reply.shared, reply.remember);
      })
      .catch(next);
  };
}
