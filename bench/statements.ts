// npm run bench:statements: how many SQL statements (BEGIN/COMMIT/SAVEPOINT included) the server sends
// per comment posted and per uncached thread read, counted on the driver adapter (src/store/statement-log.ts).
// Unlike req/s this does not depend on the machine's load. Posts are counted with their realtime
// delivery to the socket server (the publisher is flushed), one at a time and from 10 concurrent clients.
// Options: --only sqlite|postgres, --posts <n> (default 50), --verbose (statements by kind),
// --trace (every statement of one more post, in the order sent). BENCH_LOG=error shows the server's log.
import { parseArgs } from "node:util";
import pino from "pino";
import { createApp } from "../src/app.ts";
import { loadConfig } from "../src/config/config.ts";
import { createDb } from "../src/store/client.ts";
import { attachRealtime } from "../src/realtime/attach-realtime.ts";
import { listen } from "../tests/support/listen.ts";
import { allowBulkPosting, LOAD_TEST_ENV, loadComment } from "../tests/support/load-settings.ts";
import { createTestDatabase } from "../tests/support/test-db.ts";
import { seedThread } from "./seed-threads.ts";
import { closeDeps, createDeps } from "../src/compose.ts";
import { ensureDefaultSite } from "../src/sites/ensure-default-site.ts";

const { values: args } = parseArgs({
  options: {
    only: { type: "string" },
    posts: { type: "string", default: "50" },
    verbose: { type: "boolean", default: false },
    trace: { type: "boolean", default: false },
  },
});
const POSTS = Number(args.posts);
process.env.PARLEY_TEST_PG ||= process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

async function countProvider(provider: "sqlite" | "postgres") {
  const test = await createTestDatabase(provider);
  try {
    const config = loadConfig({
      ...LOAD_TEST_ENV,
      DATABASE_URL: test.url,
      LOG_LEVEL: "silent",
      THREAD_CACHE_TTL_MS: "0",
    });
    const seeding = await createDeps(config, { log: pino({ level: "silent" }) });
    const t200 = await seedThread(seeding, "count-200", 200, config.COMMENT_MAX_DEPTH);
    const target = await seedThread(seeding, "count-post", 0, config.COMMENT_MAX_DEPTH);
    const site = await ensureDefaultSite(seeding);
    await allowBulkPosting(seeding.db);
    await closeDeps(seeding);

    const seen: string[] = [];
    const db = await createDb(test.url, { onStatement: (sql) => seen.push(sql) });
    const deps = await createDeps(config, { db, log: pino({ level: process.env.BENCH_LOG ?? "silent" }) });
    const server = await listen(createApp(deps));
    const realtime = await attachRealtime(server.server, deps); // as main.ts: events are hydrated for the rooms
    const run = `s${Date.now()}`;
    let n = 0;
    const post = async () => {
      const res = await fetch(`${server.url}/api/threads/${target.threadId}/comments`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(loadComment(run, n++)),
      });
      if (res.status !== 201) throw new Error(`post answered ${res.status}: ${await res.text()}`);
    };
    const measure = async (what: () => Promise<void>) => {
      await deps.publisher.flush();
      seen.length = 0;
      await what();
      await deps.publisher.flush();
      return [...seen];
    };
    try {
      for (let i = 0; i < 3; i++) await post(); // first-time rows (room sequences) out of the way
      await deps.publisher.flush();
      const one = await measure(async () => {
        for (let i = 0; i < POSTS; i++) {
          await post();
          await deps.publisher.flush();
        }
      });
      const together = await measure(async () => {
        let left = POSTS;
        await Promise.all(
          Array.from({ length: 10 }, async () => {
            while (left-- > 0) await post();
          }),
        );
      });
      const read = await measure(async () => {
        await (await fetch(`${server.url}/api/threads/${t200.threadId}/comments`)).arrayBuffer();
      });
      // The widget's page 1 (10 conversations, newest first) of the same thread, as the peers' bench reads it.
      const widgetQuery = new URLSearchParams({ site: site.id, page: t200.slug, limit: "10", sort: "newest" });
      const widget = await measure(async () => {
        await (await fetch(`${server.url}/api/embed/threads?${widgetQuery}`)).arrayBuffer();
      });
      if (args.trace) {
        console.log(`${provider}: one widget page read, statement by statement`);
        for (const sql of widget) console.log(`    ${sql.replace(/\s+/g, " ").trim().slice(0, 150)}`);
        const traced = await measure(post);
        console.log(`${provider}: one post, statement by statement`);
        for (const sql of traced) console.log(`    ${sql.replace(/\s+/g, " ").trim().slice(0, 150)}`);
      }
      console.log(
        `${provider}: statements per post, one at a time ${(one.length / POSTS).toFixed(1)}, ` +
          `10 clients at once ${(together.length / POSTS).toFixed(1)}; per uncached 200-comment read ${read.length}, ` +
          `per uncached widget page (10 of 200) ${widget.length}`,
      );
      if (args.verbose) {
        for (const [label, list, per] of [
          ["one at a time", one, POSTS],
          ["10 clients", together, POSTS],
          ["read", read, 1],
          ["widget page", widget, 1],
        ] as const) {
          console.log(`  ${label}:`);
          const kinds = new Map<string, number>();
          for (const sql of list) {
            const k = sql.replace(/\s+/g, " ").slice(0, 110);
            kinds.set(k, (kinds.get(k) ?? 0) + 1);
          }
          for (const [k, c] of [...kinds].sort((a, b) => b[1] - a[1]))
            console.log(`    ${(c / per).toFixed(2).padStart(6)}  ${k}`);
        }
      }
    } finally {
      await realtime.close();
      await server.close();
      await closeDeps(deps);
    }
  } finally {
    await test.drop();
  }
}

for (const provider of (["sqlite", "postgres"] as const).filter((p) => !args.only || args.only === p))
  await countProvider(provider);
