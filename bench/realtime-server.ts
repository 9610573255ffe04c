// The server side of bench/realtime-fanout.ts, in its own process so its memory is measured alone:
// the real app (as main.ts serves it) + socket.io on a temporary SQLite database, publishing at once;
// with PARLEY_BENCH_REDIS, one of several instances sharing the database and a Redis adapter. Talks to the parent
// over IPC: "ready" with its port and a thread id, then answers { cmd: "memory" } after a full GC
// and { cmd: "flush" } once every published event has gone out. The fixture (site settings, a thread)
// is set up on deps.db directly; what is measured goes through the app.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { createApp } from "../src/app.ts";
import { createHttpServer } from "../src/http/http-server.ts";
import { loadConfig } from "../src/config/config.ts";
import { attachRealtime } from "../src/realtime/attach-realtime.ts";
import { DEFAULT_SITE_ID, ensureDefaultSite } from "../src/sites/ensure-default-site.ts";
import { importSeedArticles } from "../src/sites/import-seed-articles.ts";
import { closeDeps, createDeps } from "../src/compose.ts";

// With PARLEY_BENCH_DB set, a second instance on the first one's database (and its Redis): it joins,
// the first one set the fixture up. PARLEY_BENCH_REDIS: the Redis URL all instances share.
const shared = process.env.PARLEY_BENCH_DB;
const dir = shared ? path.dirname(shared) : fs.mkdtempSync(path.join(os.tmpdir(), "parley-bench-"));
const dbFile = shared ?? path.join(dir, "bench.db");
const deps = await createDeps(
  loadConfig({
    DATABASE_URL: `file:${dbFile}`,
    LOG_LEVEL: "warn",
    RATE_LIMIT_COMMENTS_PER_MIN: "0",
    ...(process.env.PARLEY_BENCH_REDIS
      ? { REDIS_URL: process.env.PARLEY_BENCH_REDIS, REDIS_CHANNEL_PREFIX: process.env.PARLEY_BENCH_PREFIX ?? "bench" }
      : {}),
  }),
);
if (!shared) {
  await ensureDefaultSite(deps);
  await importSeedArticles(deps);
  // Publish at once, and let one poster post repeatedly: the bench measures fan-out, not moderation.
  await deps.db.site.update({
    where: { id: DEFAULT_SITE_ID },
    data: { settings: { mode: "post-moderate", floodSeconds: 0, duplicateWindowMinutes: 0 } },
  });
}
const thread = await deps.db.thread.findFirstOrThrow({ orderBy: { id: "asc" } });

const server = createHttpServer(createApp(deps));
const realtime = await attachRealtime(server, deps);
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));

const send = (msg: unknown) => process.send?.(msg);
send({ type: "ready", port: (server.address() as AddressInfo).port, threadId: thread.id, db: dbFile });

async function onMessage(msg: { cmd: string }) {
  if (msg.cmd === "memory") {
    for (let i = 0; i < 3; i++) globalThis.gc?.();
    const { rss, heapUsed, external } = process.memoryUsage();
    send({ type: "memory", rss, heapUsed, external, sockets: realtime.io.of("/").sockets.size });
  }
  if (msg.cmd === "flush") {
    await deps.publisher.flush(); // the previous comment's events, queue counts included, are out
    send({ type: "flushed" });
  }
  if (msg.cmd === "stop") {
    await realtime.close();
    server.closeAllConnections();
    server.close();
    await closeDeps(deps);
    if (!shared) fs.rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  }
}
process.on("message", (msg: { cmd: string }) => void onMessage(msg));
