// A public read that needs no session (routes.ts `addDirect`: the widget's page and counts, the thread
// API's pages), written once as a function from the request's parts to a Reply, and answered two
// ways: by Express (expressRead, behind the edge middleware and the route's CORS check) and, the same
// answer to the byte, on Node's request before Express (answer-before-express.ts).
import type { IncomingHttpHeaders } from "node:http";
import type { Request, RequestHandler } from "express";
import type { CreationQuota } from "../sites/find-or-create-embed-thread.ts";
import type { CorsGuard } from "./embed-cors.ts";
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

/** The read as an Express handler (after `cors.check`): `creating` is the route's quota for this caller. */
export function expressRead(
  read: Read,
  ready: ReadyResponses,
  creating?: (req: Request) => CreationQuota,
): RequestHandler {
  return (req, res, next) => {
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
