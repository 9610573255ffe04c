// npm run bench:startup: how fast the production server answers after it is started, how much memory it
// holds idle, and whether memory and open files stay flat under a long stream of posts; run the way
// `npm start` runs it (the start script's environment and node flags + dist/main.js, on an existing SQLite
// database), next to plain `node dist/main.js` without them.
// Each round, alternating the variants: spawn → first /healthz answer (wall time, and the server's CPU
// time until then, from /proc), one read of each demo article, --idle seconds of quiet, VmRSS; then
// --posts comments at 10 connections (server CPU per post), printing RSS and open files (all, and on
// the database) every --every posts, and, after --idle seconds more, VmRSS again.
// Options: --rounds <n> (default 3), --idle <s> (default 10), --posts <n> (default 300), --every <n>
// (default: only at the end), --rate <posts/s> (default: as fast as the server answers; give one to compare
// memory between variants: socket.io keeps every broadcast for two minutes, so a faster server holds more),
// --only-npm-start (no plain-node variant), --also="<variant>" (repeatable:
// words NAME=value go to the environment, a *.js word is the script instead of dist/main.js, the rest
// are node flags; e.g. --also="MALLOC_ARENA_MAX=2 --max-semi-space-size=2 dist-before/main.js").
//   npm run bench:startup -- --rounds 1 --idle 5 --posts 20000 --every 2000 --only-npm-start
// Build first: npm run build:server (npm install does it).
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { SEED_DIR } from "../src/sites/import-seed-articles.ts";
import { LOAD_TEST_ENV, loadComment, prepareLoadDatabase } from "../tests/support/load-settings.ts";
import { cpuMs, openFiles, rssMiB } from "../tests/support/process-stats.ts";
import { startServerProcess, type ServerProcess } from "../tests/support/server-process.ts";
import { startEnv, startFlags } from "./production-command.ts";

const { values: args } = parseArgs({
  options: {
    rounds: { type: "string", default: "3" },
    idle: { type: "string", default: "10" },
    posts: { type: "string", default: "300" },
    every: { type: "string", default: "0" },
    rate: { type: "string", default: "0" },
    "only-npm-start": { type: "boolean", default: false },
    also: { type: "string", multiple: true, default: [] },
  },
});
const ROUNDS = Number(args.rounds);
const IDLE_MS = Number(args.idle) * 1000;
const POSTS = Number(args.posts);
const EVERY = Number(args.every) || POSTS;
const RATE = Number(args.rate) || undefined;
const ROOT = path.resolve(import.meta.dirname, "..");

type Variant = { name: string; env: string[]; flags: string[]; script: string };
type Sample = {
  variant: string;
  firstAnswerMs: number;
  cpuToFirstMs: number;
  idleRss: number;
  cpuPerPostMs: number;
  rssAfterPosts: number;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const loadAverage = () => fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");

/** The demo articles' pages: what a reader of a fresh install reads first. */
function demoArticlePaths(): string[] {
  return fs
    .readdirSync(SEED_DIR)
    .filter((f) => f.endsWith(".json"))
    .map((f) => `/articles/${(JSON.parse(fs.readFileSync(path.join(SEED_DIR, f), "utf8")) as { slug: string }).slug}`);
}

/** "NAME=value … --flag … script.js" → a variant. */
function parseVariant(spec: string): Variant {
  const words = spec.split(/\s+/).filter(Boolean);
  return {
    name: `${words.join(" ")}`,
    env: words.filter((w) => /^[A-Z_]+=/.test(w)),
    flags: words.filter((w) => w.startsWith("-")),
    script: words.find((w) => w.endsWith(".js")) ?? "dist/main.js",
  };
}

async function round(v: Variant, dbUrl: string, threadId: string, n: number): Promise<Sample> {
  const started = performance.now();
  let server: ServerProcess | undefined;
  try {
    server = await startServerProcess(
      { ...LOAD_TEST_ENV, DATABASE_URL: dbUrl, SEED_DEMO_ARTICLES: "true" },
      { command: ["env", ...v.env, process.execPath, ...v.flags, v.script], startTimeoutMs: 120_000 },
    );
    const res = await fetch(`${server.url}/healthz`);
    await res.arrayBuffer();
    const firstAnswerMs = performance.now() - started;
    const pid = server.child.pid!;
    const cpuToFirstMs = cpuMs(pid);
    for (const p of demoArticlePaths()) await (await fetch(server.url + p)).arrayBuffer();
    await sleep(IDLE_MS);
    const idleRss = rssMiB(pid);

    const cpuBefore = cpuMs(pid);
    const run = `s${n}-${Date.now() % 1e7}`; // short: the name it goes into has a length limit
    const dbFile = dbUrl.replace(/^file:/, "");
    let body = 0;
    let sent = 0;
    let created = 0;
    while (sent < POSTS) {
      const amount = Math.min(EVERY, POSTS - sent);
      const result = await autocannon({
        url: `${server.url}/api/threads/${threadId}/comments`,
        connections: 10,
        amount,
        ...(RATE ? { overallRate: RATE } : {}),
        requests: [
          {
            method: "POST",
            headers: { "content-type": "application/json" },
            setupRequest: (req) => ({ ...req, body: JSON.stringify(loadComment(run, body++)) }),
          },
        ],
      });
      sent += amount;
      created += result["2xx"];
      if (EVERY < POSTS) {
        const files = openFiles(pid, dbFile);
        console.log(
          `  ${v.name}: ${created} posts: RSS ${rssMiB(pid).toFixed(1)} MiB, open files ${files.all} ` +
            `(${files.matching} on the database), ${result.requests.average.toFixed(0)} posts/s, load ${loadAverage()}`,
        );
      }
    }
    if (created !== POSTS) console.warn(`${v.name}: only ${created} of ${POSTS} posts answered 2xx`);
    const cpuPerPostMs = (cpuMs(pid) - cpuBefore) / Math.max(created, 1);
    await sleep(IDLE_MS);
    return { variant: v.name, firstAnswerMs, cpuToFirstMs, idleRss, cpuPerPostMs, rssAfterPosts: rssMiB(pid) };
  } finally {
    await server?.stop();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  if (!fs.existsSync(path.join(ROOT, "dist/main.js"))) throw new Error("dist/main.js is missing: npm run build:server");
  const npmStart = parseVariant([...startEnv(), ...startFlags(), "dist/main.js"].join(" "));
  const variants: Variant[] = [
    { ...npmStart, name: `npm start: ${npmStart.name}` },
    ...(args["only-npm-start"] ? [] : [{ ...parseVariant("dist/main.js"), name: "node dist/main.js (no flags)" }]),
    ...args.also.map(parseVariant),
  ];
  const { db, threadId } = await prepareLoadDatabase("sqlite");
  const samples: Sample[] = [];
  try {
    for (let n = 0; n < ROUNDS; n++)
      for (const v of variants) {
        const s = await round(v, db.url, threadId, n);
        samples.push(s);
        console.log(
          `${v.name}: first answer ${s.firstAnswerMs.toFixed(0)} ms (CPU ${s.cpuToFirstMs.toFixed(0)} ms), idle RSS ${s.idleRss.toFixed(1)} MiB, ` +
            `${POSTS} posts: ${s.cpuPerPostMs.toFixed(2)} ms CPU each, RSS after ${s.rssAfterPosts.toFixed(1)} MiB (load ${loadAverage()})`,
        );
      }
  } finally {
    await db.drop();
  }
  console.log(`\nMedians of ${ROUNDS} rounds (Node ${process.version}, load average ${loadAverage()} at the end):\n`);
  console.log(
    "| start | first answer (wall) | server CPU until then | idle RSS | server CPU per post | RSS after posts |",
  );
  console.log("|---|--:|--:|--:|--:|--:|");
  for (const v of variants) {
    const mine = samples.filter((s) => s.variant === v.name);
    const m = (k: keyof Omit<Sample, "variant">) => median(mine.map((s) => s[k]));
    console.log(
      `| \`${v.name}\` | ${(m("firstAnswerMs") / 1000).toFixed(2)} s | ${(m("cpuToFirstMs") / 1000).toFixed(2)} s | ` +
        `${m("idleRss").toFixed(0)} MiB | ${m("cpuPerPostMs").toFixed(1)} ms | ${m("rssAfterPosts").toFixed(0)} MiB |`,
    );
  }
}

await main();
