// Loaded into the server by bench/post-tail.sh (`node --import`): records, for the post-tail report,
// every HTTP request (read → answered, and on which connection), every GC pause, every event-loop turn
// longer than 12 ms (wall time and the process's CPU in it), and every SQLite transaction the posts'
// group commit opens (BEGIN → COMMIT, its savepoints = its posts, the COMMIT's own time), plus statements
// slower than 2 ms. Written as JSON to PROBE_OUT when the process exits. A measuring aid, not for production:
// it wraps better-sqlite3's statement methods.
import dc from "node:diagnostics_channel";
import fs from "node:fs";
import { createRequire } from "node:module";
import { performance, PerformanceObserver } from "node:perf_hooks";
import { setInterval } from "node:timers";

const require = createRequire(`${process.cwd()}/package.json`);
const Database = require("better-sqlite3");
const out = process.env.PROBE_OUT ?? "post-tail-probe.json";
const reqs = [];
const gcs = [];
const turns = [];
const txs = [];
const slow = [];

const started = new WeakMap();
const connections = new WeakMap(); // socket → { id, n: requests answered on it }
let nextConnection = 0;
dc.subscribe("http.server.request.start", ({ request }) => started.set(request, performance.now()));
dc.subscribe("http.server.response.finish", ({ request, response }) => {
  const s = started.get(request);
  if (s === undefined) return;
  let c = connections.get(request.socket);
  if (!c) connections.set(request.socket, (c = { id: nextConnection++, n: 0 }));
  const u = request.url.slice(0, 40);
  reqs.push({ m: request.method, u, s, e: performance.now(), st: response.statusCode, sock: c.id, k: c.n++ });
});

new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcs.push({ s: e.startTime, d: e.duration, k: e.detail?.kind });
}).observe({ entryTypes: ["gc"] });

// A 2 ms timer: a gap above 12 ms between its ticks is a long turn of the event loop.
let last = performance.now();
let lastCpu = process.cpuUsage();
setInterval(() => {
  const now = performance.now();
  const cpu = process.cpuUsage();
  if (now - last > 12)
    turns.push({ s: last, d: now - last, cpu: (cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000 });
  last = now;
  lastCpu = cpu;
}, 2).unref();

const scratch = new Database(":memory:");
const Statement = Object.getPrototypeOf(scratch.prepare("SELECT 1"));
scratch.close();
let tx = null;
for (const method of ["run", "all", "get"]) {
  const original = Statement[method];
  Statement[method] = function (...args) {
    const s = performance.now();
    try {
      return original.apply(this, args);
    } finally {
      const e = performance.now();
      const sql = this.source;
      if (sql === "BEGIN") tx = { s, posts: 0 };
      else if (tx && (sql === "COMMIT" || sql === "ROLLBACK")) {
        txs.push({ ...tx, cs: s, e, rolledBack: sql === "ROLLBACK" });
        tx = null;
      } else {
        if (tx && sql === "SAVEPOINT post") tx.posts++;
        if (e - s > 2) slow.push({ s, d: e - s, sql: sql.replace(/\s+/g, " ").trim().slice(0, 60), inTx: !!tx });
      }
    }
  };
}

process.on("exit", () => fs.writeFileSync(out, JSON.stringify({ reqs, gcs, turns, txs, slow })));
