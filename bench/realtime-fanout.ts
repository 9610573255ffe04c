// Benchmark (not a test): N readers on one thread, a comment posted over HTTP, and how long until
// every reader has it (p50 / p99 / max, from the POST leaving to the event arriving), plus the
// server's memory per connection (measured after a full GC in the server's own process).
//
//   npm run bench:realtime                      # 1,000 sockets, 10 comments
//   npm run bench:realtime -- --sockets 5000    # needs `ulimit -n` above 5,100
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
  },
});
const N = bounded(values.sockets, 1, 20_000);
const ROUNDS = bounded(values.rounds, 1, 50);
const BATCH = bounded(values.batch, 1, 2000);

const fdLimit = Number(execSync("ulimit -n", { shell: "/bin/sh" }).toString().trim());
if (Number.isFinite(fdLimit) && fdLimit < N + 200) {
  console.error(`Open-file limit ${fdLimit} is too low for ${N} sockets: run \`ulimit -n ${N + 1000}\` first.`);
  process.exit(1);
}

type Memory = { rss: number; heapUsed: number; external: number; sockets: number };
const server = fork(new URL("./realtime-server.ts", import.meta.url).pathname, [], {
  execArgv: ["--import", "tsx", "--expose-gc"],
  stdio: ["ignore", "inherit", "inherit", "ipc"],
});
process.on("exit", () => server.kill()); // also when this process fails half-way
const [ready] = (await once(server, "message")) as [{ port: number; threadId: string }];
const url = `http://127.0.0.1:${ready.port}`;
console.log(`server pid ${server.pid} on ${url}; ${N} sockets, ${ROUNDS} comments`);

// The same POST with nobody listening, for comparison (the first five warm up and are not counted).
const alonePostMs: number[] = [];
for (let i = 0; i < 10; i++) {
  const t0 = performance.now();
  await postComment(url, ready.threadId, `Nobody listening ${i}.`);
  if (i >= 5) alonePostMs.push(performance.now() - t0);
}

const before = await memory(server);
const started = performance.now();
const sockets: Socket[] = [];
for (let i = 0; i < N; i += BATCH) {
  sockets.push(
    ...(await Promise.all(Array.from({ length: Math.min(BATCH, N - i) }, () => connectReader(url, ready.threadId)))),
  );
}
const connectMs = performance.now() - started;
const after = await memory(server);
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
  await ask(server, "flush"); // one comment at a time: the previous one's events are all out
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
server memory (after GC): rss ${mb(before.rss)} → ${mb(after.rss)} MB, heap ${mb(before.heapUsed)} → ${mb(after.heapUsed)} MB
  ${perConnection}`);

for (const s of sockets) s.disconnect();
server.send({ cmd: "stop" });
await once(server, "exit");

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
