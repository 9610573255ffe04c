// Benchmark (not a test): N readers on one thread, a comment posted over HTTP, and how long until
// every reader has it (p50 / p99 / max, from the POST leaving to the event arriving), plus the
// server's memory per connection (measured after a full GC in the server's own process).
//
//   npm run bench:realtime                      # 1,000 sockets, 10 comments
//   npm run bench:realtime -- --sockets 5000    # needs `ulimit -n` above 5,100
//   npm run bench:realtime -- --sockets 5000 --instances 2   # two servers, one database, Redis between
//
// With --instances above 1 the servers share one SQLite file and a Redis streams adapter (REDIS_URL,
// default redis://127.0.0.1:6379, a prefix of its own per run); the readers are spread over them in
// turn and every comment is posted to the first, so most readers get it through Redis.
//
// The readers all run in this one process, so the last of them also waits for this process to
// decode the frames before it: the p99 is an upper bound for the server's own fan-out.
import { execSync, fork, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { parseArgs } from "node:util";
import { io, type Socket } from "socket.io-client";

const { values } = parseArgs({
  options: {
    sockets: { type: "string", default: "1000" },
    rounds: { type: "string", default: "10" },
    batch: { type: "string", default: "250" }, // connections opened at once
    instances: { type: "string", default: "1" },
  },
});
const INSTANCES = bounded(values.instances, 1, 8);
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const N = bounded(values.sockets, 1, 20_000);
const ROUNDS = bounded(values.rounds, 1, 50);
const BATCH = bounded(values.batch, 1, 2000);

const fdLimit = Number(execSync("ulimit -n", { shell: "/bin/sh" }).toString().trim());
if (Number.isFinite(fdLimit) && fdLimit < N + 200) {
  console.error(`Open-file limit ${fdLimit} is too low for ${N} sockets: run \`ulimit -n ${N + 1000}\` first.`);
  process.exit(1);
}

type Memory = { rss: number; heapUsed: number; external: number; sockets: number };
type Ready = { port: number; threadId: string; db: string };
const serverScript = new URL("./realtime-server.ts", import.meta.url).pathname;
const shared = INSTANCES > 1 ? { PARLEY_BENCH_REDIS: REDIS_URL, PARLEY_BENCH_PREFIX: `bench-${process.pid}` } : {};
const startServer = async (env: Record<string, string>) => {
  const child = fork(serverScript, [], {
    execArgv: ["--import", "tsx", "--expose-gc"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    env: { ...process.env, ...shared, ...env },
  });
  process.on("exit", () => child.kill()); // also when this process fails half-way
  const [r] = (await once(child, "message")) as [Ready];
  return { child, ready: r, url: `http://127.0.0.1:${r.port}` };
};
const first = await startServer({});
const servers = [first];
for (let i = 1; i < INSTANCES; i++) servers.push(await startServer({ PARLEY_BENCH_DB: first.ready.db }));
const ready = first.ready;
const url = first.url;
console.log(
  `servers ${servers.map((s) => `pid ${s.child.pid} on ${s.url}`).join(", ")}; ${N} sockets, ${ROUNDS} comments` +
    (INSTANCES > 1 ? ` (posted to the first; Redis ${REDIS_URL})` : ""),
);

// The same POST with nobody listening, for comparison (the first five warm up and are not counted).
const alonePostMs: number[] = [];
for (let i = 0; i < 10; i++) {
  const t0 = performance.now();
  await postComment(url, ready.threadId, `Nobody listening ${i}.`);
  if (i >= 5) alonePostMs.push(performance.now() - t0);
}

const before = await memoryOfAll();
const started = performance.now();
const sockets: Socket[] = [];
for (let i = 0; i < N; i += BATCH) {
  sockets.push(
    ...(await Promise.all(Array.from({ length: Math.min(BATCH, N - i) }, () => connectReader(url, ready.threadId)))),
  );
}
const connectMs = performance.now() - started;
const after = await memoryOfAll();
if (after.sockets !== N) throw new Error(`server holds ${after.sockets} sockets, expected ${N}`);

// One comment per round; every reader stamps the first comment:created it sees in that round.
// Rounds -1 and 0 warm up the code paths (JIT, prepared statements, buffers) and are not counted.
const latencies: number[] = [];
const perRound: string[] = [];
const postMs: number[] = [];
const afterAnswer: number[] = []; // fan-out alone: the publish starts as the POST answers
for (let round = -1; round <= ROUNDS; round++) {
  const arrivals = new Array<number>(N);
  let received = 0;
  const allIn = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`round ${round}: only ${received}/${N} readers got the comment in 60 s`)),
      60_000,
    );
    sockets.forEach((s, i) => {
      s.removeAllListeners("comment:created");
      s.on("comment:created", () => {
        if (arrivals[i] !== undefined) return;
        arrivals[i] = performance.now();
        if (++received === N) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
  });
  for (const s of servers) await ask(s.child, "flush"); // one comment at a time: the previous one's events are all out
  const t0 = performance.now();
  await postComment(url, ready.threadId, `Fan-out round ${round}.`);
  const answered = performance.now() - t0;
  await allIn;
  if (round <= 0) continue;
  const times = arrivals.map((t) => t - t0);
  latencies.push(...times);
  afterAnswer.push(...times.map((t) => t - answered));
  postMs.push(answered);
  perRound.push(`${percentile(times, 50).toFixed(0)}/${percentile(times, 99).toFixed(0)}`);
}

const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
const kb = (n: number) => (n / 1024).toFixed(1);
const postLine =
  `the POST itself answered in ${percentile(postMs, 50).toFixed(1)} ms (median; ${percentile(alonePostMs, 50).toFixed(1)} ms ` +
  `with no readers); from its answer: p50 ${percentile(afterAnswer, 50).toFixed(1)} ms, p99 ${percentile(afterAnswer, 99).toFixed(1)} ms`;
const perConnection =
  `per connection: rss ${kb((after.rss - before.rss) / N)} KB, heap ${kb((after.heapUsed - before.heapUsed) / N)} KB, ` +
  `external ${kb((after.external - before.external) / N)} KB`;
console.log(`
connected ${N} sockets in ${(connectMs / 1000).toFixed(1)} s
delivery latency, POST sent → event received (${ROUNDS} comments × ${N} readers):
  p50 ${percentile(latencies, 50).toFixed(1)} ms   p99 ${percentile(latencies, 99).toFixed(1)} ms   max ${Math.max(...latencies).toFixed(1)} ms
  per comment p50/p99 (ms): ${perRound.join("  ")}
  ${postLine}
server memory (after GC${INSTANCES > 1 ? `, ${INSTANCES} servers summed` : ""}): rss ${mb(before.rss)} → ${mb(after.rss)} MB, heap ${mb(before.heapUsed)} → ${mb(after.heapUsed)} MB
  ${perConnection}`);

for (const s of sockets) s.disconnect();
for (const s of servers) {
  s.child.send({ cmd: "stop" });
  await once(s.child, "exit");
}

async function postComment(base: string, threadId: string, body: string): Promise<void> {
  const res = await fetch(`${base}/api/threads/${threadId}/comments`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ authorName: "Bench", authorEmail: "bench@example.org", body }),
  });
  if (res.status !== 201) throw new Error(`POST answered ${res.status}: ${await res.text()}`);
}

async function connectReader(base: string, threadId: string): Promise<Socket> {
  const s = io(base, { transports: ["websocket"], forceNew: true, reconnection: false });
  await new Promise<void>((resolve, reject) => {
    s.once("connect", resolve);
    s.once("connect_error", reject);
  });
  const ack = (await s.timeout(30_000).emitWithAck("thread:join", { threadId })) as { ok?: boolean } | undefined;
  if (!ack?.ok) throw new Error(`join refused: ${JSON.stringify(ack)}`);
  return s;
}

async function ask<T>(child: ChildProcess, cmd: string): Promise<T> {
  child.send({ cmd });
  const [msg] = (await once(child, "message")) as [T];
  return msg;
}

function memory(child: ChildProcess): Promise<Memory> {
  return ask<Memory>(child, "memory");
}

/** Every server's memory, summed (the servers are alike: per connection is the same either way). */
async function memoryOfAll(): Promise<Memory> {
  const all = await Promise.all(servers.map((s) => memory(s.child)));
  return all.reduce((a, m) => ({
    rss: a.rss + m.rss,
    heapUsed: a.heapUsed + m.heapUsed,
    external: a.external + m.external,
    sockets: a.sockets + m.sockets,
  }));
}

function percentile(xs: number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function bounded(v: string | undefined, min: number, max: number): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`expected an integer from ${min} to ${max}, got ${v}`);
  return n;
}
