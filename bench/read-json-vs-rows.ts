// npx tsx bench/read-json-vs-rows.ts [comments]: on SQLite, the thread read as joined rows (the
// PostgreSQL query) against the same read as one JSON document (what SQLite runs), in one process,
// alternating, after checking both give the same result. A measure of the read alone, not of HTTP.
// A benchmark of the database itself: its fixture edits go to deps.db directly.
import assert from "node:assert";
import pino from "pino";
import { loadConfig } from "../src/config/config.ts";
import { readThreadWithComments } from "../src/store/read-thread.ts";
import { createTestDatabase } from "../tests/support/test-db.ts";
import { seedThread } from "./seed-threads.ts";
import { closeDeps, createDeps } from "../src/compose.ts";

const n = Number(process.argv[2] ?? 200);
const test = await createTestDatabase("sqlite");
const deps = await createDeps(loadConfig({ DATABASE_URL: test.url, LOG_LEVEL: "silent" }), {
  log: pino({ level: "silent" }),
});
try {
  const t = await seedThread(deps, "read-json", n, 3);
  // Some removed comments (placeholders), edits and stored metadata, so both shapes are compared on them.
  await deps.db.comment.updateMany({
    where: { threadId: t.threadId, authorName: { in: ["Reader 3", "Reader 5"] } },
    data: { status: "deleted", editedAt: new Date() },
  });
  await deps.db.comment.updateMany({
    where: { threadId: t.threadId, authorName: "Reader 7" },
    data: { editedAt: new Date(), metadata: { citations: { sources: [] } } },
  });
  const read = (how: "rows" | "json") =>
    readThreadWithComments(deps.db, t.threadId, how === "rows" ? "postgres" : "sqlite");
  // The rows hand metadata over as JSON text on SQLite, the document as a value: compare parsed.
  const norm = (x: unknown): unknown =>
    JSON.parse(
      JSON.stringify(x, (_k, v: unknown) =>
        typeof v === "string" && v.startsWith("{") ? (JSON.parse(v) as unknown) : v,
      ),
    );
  assert.deepStrictEqual(norm(await read("json")), norm(await read("rows")));
  const total = { rows: 0, json: 0 };
  for (let round = 0; round < 12; round++) {
    for (const how of ["rows", "json"] as const) {
      const started = performance.now();
      for (let i = 0; i < 10; i++) await read(how);
      if (round >= 2) total[how] += performance.now() - started; // two warm-up rounds
    }
  }
  console.log(
    `${n} comments: joined rows ${(total.rows / 100).toFixed(2)} ms, one JSON document ${(total.json / 100).toFixed(2)} ms per read`,
  );
} finally {
  await closeDeps(deps);
  await test.drop();
}
