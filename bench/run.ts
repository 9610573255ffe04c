// npm run bench: Parley's hot paths under autocannon, against the production server (dist/, built first,
// started as `npm start` starts it) in a child process on a temporary database (SQLite, and PostgreSQL
// when reachable), next to a bare node:http baseline.
// Options: --duration <s> (per case, default 5), --connections <n> (default 20), --only sqlite|postgres,
// --cases <a|b> (only the cases whose name contains one of these |-separated parts, e.g. "post|read 200 comments, no").
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import pino from "pino";
import { loadConfig } from "../src/config/config.ts";
import { allowBulkPosting, LOAD_TEST_ENV, loadComment } from "../tests/support/load-settings.ts";
import { startServerProcess } from "../tests/support/server-process.ts";
import { createTestDatabase } from "../tests/support/test-db.ts";
import { startBaseline } from "./baseline.ts";
import { seedThread, type SeededThread } from "./seed-threads.ts";
import { printTable, type Row } from "./table.ts";
import { buildServer, productionCommand } from "./production-command.ts";
import { closeDeps, createDeps } from "../src/compose.ts";

const { values: args } = parseArgs({
  options: {
    duration: { type: "string", default: "5" },
    connections: { type: "string", default: "20" },
    only: { type: "string" },
    cases: { type: "string" },
  },
});
const CASES = args.cases
  ?.split("|")
  .map((w) => w.trim())
  .filter(Boolean);
const wanted = (name: string) => !CASES || CASES.some((w) => name.includes(w));
const DURATION = Number(args.duration);
const CONNECTIONS = Number(args.connections);
const PG_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

type Case = { name: string; kind: keyof Baselines; path: string; headers?: Record<string, string>; post?: boolean };
type Baselines = { json200: number; json2000: number; page2000: number; post: number };
type Measured = { rps: number; p50: number; p99: number; statuses: string };

async function measure(url: string, c: Pick<Case, "path" | "headers" | "post">, run = "bench"): Promise<Measured> {
  let n = 0;
  const result = await autocannon({
    // Posts queue on the database's single writer: fewer connections keep their latency readable.
    url: url + c.path,
    connections: c.post ? Math.min(CONNECTIONS, 10) : CONNECTIONS,
    duration: DURATION,
    headers: c.headers,
    requests: c.post
      ? [
          {
            method: "POST",
            headers: { "content-type": "application/json" },
            setupRequest: (req) => ({ ...req, body: JSON.stringify(loadComment(run, n++)) }),
          },
        ]
      : undefined,
  });
  const codes = Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => `${code}×${s.count ?? 0}`);
  if (result.errors) codes.push(`err×${result.errors}`);
  if (result.timeouts) codes.push(`timeout×${result.timeouts}`);
  if (result.requests.total < 30) codes.push("(too few to measure)");
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, statuses: codes.join(" ") };
}

/** Autocannon stops at the deadline, but the server still owes an answer to each request it abandoned
 * (one per connection): wait until /healthz answers about as fast as on an idle server again, so the
 * next case does not pay for the last one's backlog. */
async function settle(url: string, idleMs: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const started = performance.now();
    await (await fetch(`${url}/healthz`)).arrayBuffer();
    if (performance.now() - started <= Math.max(3 * idleMs, 20)) return;
  }
}

async function healthzMs(url: string): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    await (await fetch(`${url}/healthz`)).arrayBuffer();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

async function pgReachable(): Promise<boolean> {
  const u = new URL(PG_ADMIN_URL);
  return new Promise((resolve) => {
    const s = net.connect({ host: u.hostname, port: Number(u.port || 5432) }, () => {
      s.destroy();
      resolve(true);
    });
    s.setTimeout(1000, () => {
      s.destroy();
      resolve(false);
    });
    s.on("error", () => resolve(false));
  });
}

/** Seeds a fresh database, then measures each case against a server with the thread cache off and on. */
async function benchProvider(provider: "sqlite" | "postgres", baselines: Baselines): Promise<Row[]> {
  const db = await createTestDatabase(provider);
  const rows: Row[] = [];
  try {
    const config = loadConfig({ DATABASE_URL: db.url, LOG_LEVEL: "silent" });
    const deps = await createDeps(config, { log: pino({ level: "silent" }) });
    const t200 = await seedThread(deps, "bench-200", 200, config.COMMENT_MAX_DEPTH);
    const t2000 = await seedThread(deps, "bench-2000", 2000, config.COMMENT_MAX_DEPTH);
    const target = await seedThread(deps, "bench-post", 0, config.COMMENT_MAX_DEPTH);
    await allowBulkPosting(deps.db);
    await closeDeps(deps);

    for (const cache of ["off", "on"] as const) {
      if (!(cache === "off" && wanted("post comment")) && !readCases(t200, t2000, cache).some((c) => wanted(c.name)))
        continue;
      const server = await startServerProcess(
        {
          ...LOAD_TEST_ENV,
          DATABASE_URL: db.url,
          THREAD_CACHE_TTL_MS: cache === "on" ? "2000" : "0",
        },
        // The production build, as `npm start` runs it; a shared, loaded machine can take long to start it.
        { startTimeoutMs: 120_000, command: productionCommand() },
      );
      try {
        const idle = await healthzMs(server.url);
        if (cache === "off" && wanted("post comment (whole pipeline)")) {
          const m = await measure(
            server.url,
            { path: `/api/threads/${target.threadId}/comments`, post: true },
            `${provider}-${Date.now()}`,
          );
          rows.push({ name: "post comment (whole pipeline)", db: provider, ...m, ratio: m.rps / baselines.post });
          await settle(server.url, idle);
        }
        for (const c of readCases(t200, t2000, cache).filter((c) => wanted(c.name))) {
          let headers = c.headers;
          if (headers?.["if-none-match"] === "*current*")
            headers = { "if-none-match": await currentEtag(server.url + c.path) };
          // One request first: a "thread cache" case measures the cache, not the cold load that fills it.
          await (await fetch(server.url + c.path, { headers: { "accept-encoding": "identity" } })).arrayBuffer();
          const m = await measure(server.url, { ...c, headers });
          rows.push({ name: c.name, db: provider, ...m, ratio: m.rps / baselines[c.kind] });
          await settle(server.url, idle);
        }
      } finally {
        await server.stop();
      }
    }
  } finally {
    await db.drop();
  }
  return rows;
}

function readCases(t200: SeededThread, t2000: SeededThread, cache: "off" | "on"): Case[] {
  const api = (t: SeededThread) => `/api/threads/${t.threadId}/comments`;
  const label = cache === "off" ? "no cache" : "thread cache";
  const revalidate = { "if-none-match": "*current*" };
  return [
    { name: `read 200 comments, page 1, ${label}`, kind: "json200", path: api(t200) },
    { name: `read 2,000 comments, page 1, ${label}`, kind: "json2000", path: api(t2000) },
    ...(cache === "on"
      ? [
          {
            name: "read 2,000 comments, page 1, If-None-Match → 304",
            kind: "json2000",
            path: api(t2000),
            headers: revalidate,
          } as const,
        ]
      : []),
    { name: `article page 2,000 comments, newest page, ${label}`, kind: "page2000", path: `/articles/${t2000.slug}` },
    ...(cache === "on"
      ? [
          {
            name: "article page 2,000, If-None-Match → 304",
            kind: "page2000",
            path: `/articles/${t2000.slug}`,
            headers: revalidate,
          } as const,
        ]
      : []),
  ];
}

async function currentEtag(url: string): Promise<string> {
  // As autocannon asks: no compression (fetch would offer it, and a compressed copy has its own ETag).
  const res = await fetch(url, { headers: { "accept-encoding": "identity" } });
  await res.arrayBuffer();
  return res.headers.get("etag") ?? "no-etag";
}

/** The baseline serves exactly the bytes Parley served for the same requests. */
async function measureBaselines(): Promise<{ baselines: Baselines; rows: Row[] }> {
  const db = await createTestDatabase("sqlite");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-bench-"));
  try {
    const config = loadConfig({ DATABASE_URL: db.url, LOG_LEVEL: "silent" });
    const deps = await createDeps(config, { log: pino({ level: "silent" }) });
    const t200 = await seedThread(deps, "bench-200", 200, config.COMMENT_MAX_DEPTH);
    const t2000 = await seedThread(deps, "bench-2000", 2000, config.COMMENT_MAX_DEPTH);
    await closeDeps(deps);
    const server = await startServerProcess(
      { ...LOAD_TEST_ENV, DATABASE_URL: db.url },
      { startTimeoutMs: 120_000, command: productionCommand() },
    );
    const paths = {
      json200: `/api/threads/${t200.threadId}/comments`,
      json2000: `/api/threads/${t2000.threadId}/comments`,
      page2000: `/articles/${t2000.slug}`,
    };
    const bodies: Record<string, { type: string; body: string }> = {};
    for (const p of Object.values(paths)) {
      const res = await fetch(server.url + p);
      bodies[p] = { type: res.headers.get("content-type") ?? "text/plain", body: await res.text() };
    }
    await server.stop();
    const file = path.join(dir, "bodies.json");
    fs.writeFileSync(file, JSON.stringify(bodies));
    const baseline = await startBaseline(file);
    try {
      const baselines = {} as Baselines;
      const rows: Row[] = [];
      const cases: [keyof Baselines, string, Case][] = [
        ["json200", "bare node: 200 comments, page 1 JSON", { name: "", kind: "json200", path: paths.json200 }],
        ["json2000", "bare node: 2,000 comments, page 1 JSON", { name: "", kind: "json2000", path: paths.json2000 }],
        [
          "page2000",
          "bare node: 2,000 comments, newest page HTML",
          { name: "", kind: "page2000", path: paths.page2000 },
        ],
        ["post", "bare node: POST → 201", { name: "", kind: "post", path: "/post", post: true }],
      ];
      for (const [kind, name, c] of cases) {
        const m = await measure(baseline.url, c);
        baselines[kind] = m.rps;
        rows.push({ name, db: "memory", ...m, ratio: 1 });
      }
      return { baselines, rows };
    } finally {
      await baseline.stop();
    }
  } finally {
    await db.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const started = Date.now();
buildServer(); // the server measured is dist/, built from the current sources
const providers = (["sqlite", "postgres"] as const).filter((p) => !args.only || args.only === p);
const pg = providers.includes("postgres") && (await pgReachable());
if (pg) process.env.PARLEY_TEST_PG = PG_ADMIN_URL;
else if (providers.includes("postgres"))
  console.warn(`PostgreSQL is not reachable at ${PG_ADMIN_URL}: measuring SQLite only.`);

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
console.log(
  `Parley bench: ${DURATION}s per case, ${CONNECTIONS} connections (posts: ${Math.min(CONNECTIONS, 10)}), Node ${process.version}, ` +
    `${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "?"}), load average ${load()}`,
);
const { baselines, rows } = await measureBaselines();
for (const provider of providers.filter((p) => p === "sqlite" || pg))
  rows.push(...(await benchProvider(provider, baselines)));
printTable(rows);
console.log(`\n(${Math.round((Date.now() - started) / 1000)} s in all; load average at the end ${load()})`);
