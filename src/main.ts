// Composition root: config → deps → app → listen, and a graceful shutdown on SIGTERM / SIGINT
// (stop accepting, let in-flight requests finish, close the database). Live updates ride on the same port.
import v8 from "node:v8";
import { createApp } from "./app.ts";
import { startIpHashRetention } from "./privacy/ip-hash-retention.ts";
import { loadConfig, publicUrl } from "./config/config.ts";
import { createHttpServer } from "./http/http-server.ts";
import { attachRealtime } from "./realtime/attach-realtime.ts";
import { importSeedArticles } from "./sites/import-seed-articles.ts";
import { ensureDefaultSite } from "./sites/ensure-default-site.ts";
import { ensureFirstAdmin } from "./accounts/ensure-first-admin.ts";
import { fillReaderNameSkeletons } from "./store/reader-accounts.ts";
import { closeDeps, createDeps } from "./compose.ts";
import { rerenderStoredComments } from "./comments/rerender-stored-comments.ts";

// Prisma's query compiler is a 3 MB WebAssembly module: V8's optimising tier compiles all of it in the
// background (~80 MB of code kept for the life of the process). Its baseline code costs no measurable CPU
// per post here (README "Production start"), so the server keeps to the baseline compiler.
v8.setFlagsFromString("--liftoff-only");

const config = loadConfig();
const deps = await createDeps(config);
await ensureDefaultSite(deps);
await ensureFirstAdmin(deps);
await fillReaderNameSkeletons(deps.db); // accounts from before look-alike keys were stored
const rerendered = await rerenderStoredComments(deps); // comments stored by an older renderer
if (rerendered) deps.log.info({ rerendered }, "stored comments rendered again by the current renderer");
if (config.SEED_DEMO_ARTICLES) {
  const imported = await importSeedArticles(deps);
  if (imported.length) deps.log.info({ imported }, "demo articles imported");
}

const app = createApp(deps);
const server = createHttpServer(app);
const realtime = await attachRealtime(server, deps);
server.once("error", (err: NodeJS.ErrnoException) => void cannotListen(err));
server.listen(config.PORT, config.HOST, () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  deps.log.info({ port, database: deps.dbProvider, url: publicUrl({ ...config, PORT: port }) }, "Parley is listening");
});
const ipRetention = startIpHashRetention(deps); // IP_HASH_RETENTION_DAYS
deps.linkChecker.start(); // periodic re-checks of cited links (no-op when LINK_CHECK_ENABLED=false)
deps.identity.warmUp(); // discovers the OIDC providers now, so the first page knows which buttons work
deps.mailer.start(); // sends the outbox (no-op when MAIL_WORKER_ENABLED=false); mail queued before a crash goes now

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  deps.log.info({ signal }, "shutting down: finishing in-flight requests");
  const force = setTimeout(() => {
    deps.log.warn("grace period over: closing remaining connections");
    server.closeAllConnections();
  }, config.SHUTDOWN_GRACE_MS);
  force.unref();
  await realtime.close(); // sockets reconnect elsewhere; they would otherwise hold the server open
  server.drain(); // in-flight requests finish, each answer closes its connection
  await new Promise<void>((resolve) => server.close(() => resolve()));
  ipRetention.stop();
  await closeDeps(deps);
  deps.log.info("stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));

/** A taken or forbidden port is an operator's mistake, not a crash: one line that says what to change. */
async function cannotListen(err: NodeJS.ErrnoException) {
  const where = `${config.HOST}:${config.PORT}`;
  const why =
    err.code === "EADDRINUSE"
      ? `port ${config.PORT} is already in use on ${config.HOST}: stop what is listening there, or set PORT`
      : err.code === "EACCES"
        ? `no permission to listen on ${where}: choose a PORT above 1023, or set HOST`
        : `cannot listen on ${where}: ${err.message}`;
  deps.log.fatal({ code: err.code }, why);
  stopping = true;
  await realtime.close().catch(() => {});
  await closeDeps(deps).catch(() => {});
  process.exit(1);
}
