// createApp(deps): the whole HTTP application, never listening (STYLE.md §1). main.ts and the tests
// put it on a port.
import path from "node:path";
import express, { type Express } from "express";
import helmet from "helmet";
import type { Deps } from "./deps.ts";
import { COMPRESSION_THRESHOLD, compressResponses } from "./http/compress-responses.ts";
import { errorHandler, notFound } from "./http/error-handler.ts";
import { refuseControlCharacters } from "./http/middleware.ts";
import {
  answerBeforeExpress,
  headersSetBy,
  type AnswerBeforeExpress,
  type BeforeExpressOptions,
} from "./http/answer-before-express.ts";
import { precompressedStatic } from "./http/precompressed.ts";
import { buildRoutes, type RouteSpec } from "./http/routes.ts";
import { createReadyResponses, type ReadyResponses } from "./http/ready-responses.ts";
import { avatarOriginsOf, configuredProviders } from "./identity/providers.ts";
import { PROJECT_ROOT } from "./config/project-root.ts";

const PUBLIC_DIR = path.join(PROJECT_ROOT, "public");

export type App = Express & {
  routeTable: RouteSpec[];
  /** Cached shared pages and JSON, answered before any middleware (http/ready-responses.ts). */
  answerFromMemory: ReadyResponses["answer"];
  /** The public reads that need no session, answered as Express would before it runs
   * (http/answer-before-express.ts); absent when READS_BEFORE_EXPRESS is off. */
  answerBeforeExpress?: AnswerBeforeExpress;
};

export function createApp(deps: Deps): App {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", deps.config.TRUST_PROXY_HOPS);
  app.set("query parser", "simple");

  // A strict CSP on every response as a second wall behind sanitize-html: no inline script or style,
  // nothing from other origins, no plugins, no framing.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        // Signed-in readers' avatars, from the configured providers' image hosts only.
        imgSrc: ["'self'", "data:", ...avatarOriginsOf(configuredProviders(deps.config))],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
  });
  // Everything goes out compressed, brotli or gzip as the browser asks, with Vary: Accept-Encoding:
  // public/ files from copies compressed at build time (no CPU per request), pages and JSON on the
  // fly, HEAD with GET's headers (README "Compression" has the figures).
  const compress = compressResponses({ threshold: COMPRESSION_THRESHOLD });
  const ready = createReadyResponses(deps.threadCache);
  const { router, direct, directRoutes, table } = buildRoutes(deps, ready, [
    securityHeaders,
    compress,
    refuseControlCharacters,
  ]);

  // The public reads that need no session first, each behind the same three (routes.ts `direct`).
  app.use(direct);
  app.use(securityHeaders);
  app.use(compress);
  app.use("/static", precompressedStatic(PUBLIC_DIR, { maxAge: "1h" }));
  app.use("/static", express.static(PUBLIC_DIR, { maxAge: "1h", index: false }));
  app.get("/favicon.ico", (_req, res) => res.redirect(301, "/static/favicon.svg"));
  app.use(refuseControlCharacters);
  app.use(router);
  app.use(notFound);
  app.use(errorHandler(deps));
  // The same reads, answered on Node's request when the answer can be Express's to the byte; else Express's.
  const beforeExpress = deps.config.READS_BEFORE_EXPRESS
    ? answerBeforeExpress({
        routes: directRoutes,
        securityHeaders: headersSetBy(securityHeaders),
        etag: app.get("etag fn") as BeforeExpressOptions["etag"],
        trustProxy: app.get("trust proxy fn") as BeforeExpressOptions["trustProxy"],
        threshold: COMPRESSION_THRESHOLD,
        ready,
        express: app,
        log: deps.log,
      })
    : undefined;
  return Object.assign(app, { routeTable: table, answerFromMemory: ready.answer, answerBeforeExpress: beforeExpress });
}
