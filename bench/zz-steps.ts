import pino from "pino";
import crypto from "node:crypto";
import { loadConfig } from "../src/config/config.ts";
import { listingOf } from "../src/comments/list-thread-comments.ts";
import { readThreadPage } from "../src/store/read-thread-page.ts";
import { threadTree, withReplies, pageFromRoots } from "../src/comments/page-thread.ts";
import { createTestDatabase } from "../tests/support/test-db.ts";
import { seedThread } from "./seed-threads.ts";
import { closeDeps, createDeps } from "../src/compose.ts";
const test = await createTestDatabase("sqlite");
const deps = await createDeps(loadConfig({ DATABASE_URL: test.url, LOG_LEVEL: "silent" }), { log: pino({ level: "silent" }) });
const t = await seedThread(deps, "read-page", 2000, 3);
const sel = { by: "cursor", order: "asc", cursor: null, limit: 50 } as const;
const found = (await readThreadPage(deps.db, "sqlite", t.threadId, true, sel))!;
const listing = await listingOf(deps, found, { showPingbacks: true });
const tree = threadTree(listing.comments);
const comments = withReplies(tree.roots, tree);
const page = { thread: listing.thread, ...pageFromRoots(comments, found.position ?? 0, "oldest") };
const json = JSON.stringify(page);
const ways: Record<string, () => unknown> = {
  read: () => readThreadPage(deps.db, "sqlite", t.threadId, true, sel),
  listingOf: () => listingOf(deps, found, { showPingbacks: true }),
  //tree: () => { const tr = threadTree(listing.comments); return withReplies(tr.roots, tr); },
  //pFR: () => pageFromRoots(comments, 0, "oldest"),
  //parse: () => JSON.parse(json),
  //s: () => JSON.stringify(page),
  //b: () => crypto.createHash("sha1").update(Buffer.from(json)).digest("base64url"),
};
const tot: Record<string, number> = {};
for (let round = 0; round < (process.env.ROUNDS ? 1 : 10); round++) for (const [k, f] of Object.entries(ways)) {
  const s = performance.now(); for (let i = 0; i < 5; i++) await f(); if (round >= 2) tot[k] = (tot[k] ?? 0) + performance.now() - s;
}
console.log(Object.entries(tot).map(([k, v]) => `${k} ${(v / 40).toFixed(2)}ms`).join(", "));
await closeDeps(deps); await test.drop();
