// The HTTP server around the app, with the connection settings production needs (main.ts and the
// tests both build it here).
import http, { type RequestListener } from "node:http";

export type HttpServer = http.Server & {
  /** Shutdown: from now on every response closes its connection, and idle connections close now. */
  drain(): void;
};

/** Answers `req` itself and returns true, or returns false having written nothing. */
type Before = (req: http.IncomingMessage, res: http.ServerResponse) => boolean;
/** An app that may answer some requests before its middleware runs: from memory (ready-responses.ts),
 * or the public reads as Express would (answer-before-express.ts). */
type App = RequestListener & { answerFromMemory?: Before; answerBeforeExpress?: Before };

export function createHttpServer(app: App): HttpServer {
  let draining = false;
  const server = http.createServer((req, res) => {
    // A keep-alive connection under steady load never goes idle, so server.close() alone would wait
    // for the grace period and then cut responses off; "Connection: close" ends each one cleanly.
    if (draining) res.setHeader("Connection", "close");
    else if (app.answerFromMemory?.(req, res) || app.answerBeforeExpress?.(req, res)) return;
    app(req, res);
  });
  // SQLite statements (and a commit's fsync, or a WAL checkpoint) run synchronously on the event loop.
  // When a slow disk stalls it for seconds, Node's keep-alive timer can fire before the request already
  // waiting on that socket is read, and the client gets a reset. We measured exactly that under load with
  // the 5 s default; 65 s (longer than common proxies' idle timeout) makes it a non-event.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return Object.assign(server, {
    drain() {
      draining = true;
      server.closeIdleConnections();
    },
  });
}
