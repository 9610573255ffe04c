// npx tsx bench/read-page.ts [comments] [sqlite|postgres]: page 1 (the oldest 50 conversations, as the API's
// default) read from the
// database (list-thread-page.ts: keyset on the top-level comments, their replies by recursive CTE)
// against the whole thread read and paged in memory as before (listThreadComments + pageThread), in
// one process, alternating, after checking both give the same page. The use case alone, not HTTP.
import assert from "node:assert";
import pino from "pino";
import { loadConfig } from "../src/config/config.ts";
import { listThreadComments } from "../src/comments/list-thread-comments.ts";
import { listThreadPage } from "../src/comments/list-thread-page.ts";
import { pageFromRoots, pageThread } from "../src/comments/page-thread.ts";
import { createTestDatabase } from "../tests/support/test-db.ts";
import { seedThread } from "./seed-threads.ts";
import { closeDeps, createDeps } from "../src/compose.ts";

const n = Number(process.argv[2] ?? 2000);
const provider = process.argv[3] === "postgres" ? "postgres" : "sqlite";
const test = await createTestDatabase(provider);
const deps = await createDeps(loadConfig({ DATABASE_URL: test.url, LOG_LEVEL: "silent" }), {
  log: pino({ level: "silent" }),
});
try {
  const t = await seedThread(deps, "read-page", n, 3);
  const display = { showPingbacks: true };
  const ways = {
    whole: async () => pageThread((await listThreadComments(deps, t.threadId, display)).comments, opts),
    paged: async () => {
      const read = await listThreadPage(deps, t.threadId, display, {
        by: "cursor",
        order: "asc",
        cursor: null,
        limit: 50,
      });
      return pageFromRoots(read.comments, read.position ?? 0, "oldest");
    },
    numbered: async () => listThreadPage(deps, t.threadId, display, { by: "number", perPage: 50, page: "newest" }),
  };
  const opts = { sort: "oldest" as const, limit: 50 };
  const page = await ways.paged();
  assert.deepStrictEqual(page, await ways.whole());
  const total = { whole: 0, paged: 0, numbered: 0 };
  for (let round = 0; round < 8; round++) {
    for (const how of ["whole", "paged", "numbered"] as const) {
      const started = performance.now();
      for (let i = 0; i < 5; i++) await ways[how]();
      if (round >= 2) total[how] += performance.now() - started; // two warm-up rounds
    }
  }
  const ms = (x: number) => (x / 30).toFixed(2);
  console.log(
    `${provider}, ${n} comments, page 1 (the oldest 50 conversations, ${page.comments.length} comments): whole thread paged in memory ${ms(total.whole)} ms, ` +
      `read as a page ${ms(total.paged)} ms (newest numbered page ${ms(total.numbered)} ms) per read`,
  );
} finally {
  await closeDeps(deps);
  await test.drop();
}
