// A server on SQLite that takes 2,000 comments keeps the same handful of open files on its database and
// WAL, and its memory stays flat. The old driver setup opened a new connection after every write
// transaction and never closed the old one: ~2,000 descriptors and 1+ GB of RSS after this many posts,
// and a server that fails once it reaches the process's open-file limit. A resource test, not a timing one.
import { afterAll, describe, expect, it } from "vitest";
import { LOAD_TEST_ENV, loadComment, prepareLoadDatabase } from "../support/load-settings.ts";
import { openFiles, rssMiB } from "../support/process-stats.ts";
import { startServerProcess } from "../support/server-process.ts";
import { listWholeThread } from "../support/whole-thread.ts";
import { startEnv, startFlags } from "../../bench/production-command.ts";

const POSTS = 2000;
const CLIENTS = 10;

/** Open descriptors of `pid` on the SQLite file and its -wal / -shm companions. */
const openDbFiles = (pid: number, dbFile: string) => openFiles(pid, dbFile).matching;

describe.skipIf(process.platform !== "linux")("SQLite resources under a stream of posts", () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const f of cleanup.reverse()) await f();
  });

  it(`keeps open files and memory flat across ${POSTS} comments`, { timeout: 600_000 }, async () => {
    const { db, threadId } = await prepareLoadDatabase("sqlite");
    cleanup.push(() => db.drop());
    const dbFile = db.url.replace(/^file:/, "");
    // The sources, with npm start's memory settings (README "Production start"): under node's defaults
    // V8 grows its heap lazily through this stream of posts (+100 MiB and more before it collects, on
    // code without a leak), which reads as one. `env` execs node, so the child's pid is the server's.
    const server = await startServerProcess(
      { ...LOAD_TEST_ENV, DATABASE_URL: db.url },
      { command: ["env", ...startEnv(), process.execPath, ...startFlags(), "--import", "tsx", "src/main.ts"] },
    );
    cleanup.push(() => server.stop("SIGKILL"));
    const pid = server.child.pid!;

    const run = `res${Date.now()}`;
    let next = 0;
    const samples: { posted: number; files: number; rss: number }[] = [];
    const post = async () => {
      for (let i = next++; i < POSTS; i = next++) {
        const res = await fetch(`${server.url}/api/threads/${threadId}/comments`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(loadComment(run, i)),
        });
        expect(res.status).toBe(201);
        await res.arrayBuffer();
        if (i % 200 === 199) samples.push({ posted: i + 1, files: openDbFiles(pid, dbFile), rss: rssMiB(pid) });
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, post));
    const final = { posted: POSTS, files: openDbFiles(pid, dbFile), rss: rssMiB(pid) };

    // One connection: the database, its WAL and its shared-memory index (the old setup: one more per post).
    expect(Math.max(...samples.map((s) => s.files), final.files), JSON.stringify(samples)).toBeLessThanOrEqual(4);
    // Memory: what it settled at after the first 400 posts, plus room for the heap's own breathing (the
    // leak added about half a MiB per post: ~800 MiB over the remaining 1,600).
    const settled = samples[1]!.rss;
    expect(final.rss, JSON.stringify(samples)).toBeLessThan(settled * 1.25 + 30);
    const stored = await listWholeThread(server.url, threadId);
    expect(stored.comments).toHaveLength(POSTS);
  });
});
