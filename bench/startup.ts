// npm run bench:startup: how fast the production server answers after it is started, and how much memory
// it holds idle, run the way `npm start` runs it (node + the flags in package.json's start script +
// dist/main.js, on an existing SQLite database), next to plain `node dist/main.js` without the flags.
// Each round, alternating the two: spawn → first /healthz answer (wall time, and the server's CPU time
// until then, from /proc), three page loads, --idle seconds of quiet, VmRSS; then --posts comments at 10
// connections (server CPU per post) and, after --idle seconds more, VmRSS again.
// Options: --rounds <n> (default 3), --idle <s> (default 10), --posts <n> (default 300), --also="<node flags>"
// (another variant to compare; repeatable).
// Build first: npm run build:server (npm install does it).
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { LOAD_TEST_ENV, loadComment, prepareLoadDatabase } from "../tests/support/load-settings.ts";
import { startServerProcess, type ServerProcess } from "../tests/support/server-process.ts";
import { startFlags } from "./production-command.ts";

const { values: args } = parseArgs({
  options: {
    rounds: { type: "string", default: "3" },
    idle: { type: "string", default: "10" },
    posts: { type: "string", default: "300" },
    /** More variants to compare: node flags, e.g. --also="--max-semi-space-size=2". */
    also: { type: "string", multiple: true, default: [] },
  },
});
const ROUNDS = Number(args.rounds);
const IDLE_MS = Number(args.idle) * 1000;
const POSTS = Number(args.posts);
const ROOT = path.resolve(import.meta.dirname, "..");
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

type Sample = {
  variant: string;
  firstAnswerMs: number;
  cpuToFirstMs: number;
  idleRss: number;
  cpuPerPostMs: number;
  rssAfterPosts: number;
};

function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND) * 1000; // utime + stime
}
function rssMiB(pid: number): number {
  const kb = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))![1]!;
  return Number(kb) / 1024;
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function round(variant: string, flags: string[], dbUrl: string, threadId: string, n: number): Promise<Sample> {
  const started = performance.now();
  let server: ServerProcess | undefined;
  try {
    server = await startServerProcess(
      { ...LOAD_TEST_ENV, DATABASE_URL: dbUrl, SEED_DEMO_ARTICLES: "true" },
      { command: [process.execPath, ...flags, "dist/main.js"], startTimeoutMs: 120_000 },
    );
    const res = await fetch(`${server.url}/healthz`);
    await res.arrayBuffer();
    const firstAnswerMs = performance.now() - started;
    const pid = server.child.pid!;
    const cpuToFirstMs = cpuMs(pid);
    for (const p of ["/", "/articles/israel-secret-service-pressure-on-kaspersky", "/api/articles"])
      await (await fetch(server.url + p)).arrayBuffer();
    await sleep(IDLE_MS);
    const idleRss = rssMiB(pid);

    const cpuBefore = cpuMs(pid);
    let i = 0;
    const run = `s${n}-${Date.now() % 1e7}`; // short: the name it goes into has a length limit
    const result = await autocannon({
      url: `${server.url}/api/threads/${threadId}/comments`,
      connections: 10,
      amount: POSTS,
      requests: [
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          setupRequest: (req) => ({ ...req, body: JSON.stringify(loadComment(run, i++)) }),
        },
      ],
    });
    const created = result["2xx"];
    if (created !== POSTS)
      console.warn(`${variant}: only ${created} of ${POSTS} posts answered 2xx`, result.statusCodeStats);
    const cpuPerPostMs = (cpuMs(pid) - cpuBefore) / Math.max(created, 1);
    await sleep(IDLE_MS);
    return { variant, firstAnswerMs, cpuToFirstMs, idleRss, cpuPerPostMs, rssAfterPosts: rssMiB(pid) };
  } finally {
    await server?.stop();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  if (!fs.existsSync(path.join(ROOT, "dist/main.js"))) throw new Error("dist/main.js is missing: npm run build:server");
  const flags = startFlags();
  const variants: [string, string[]][] = [
    [`npm start: node ${[...flags, "dist/main.js"].join(" ")}`, flags],
    ["node dist/main.js (no flags)", []],
    ...args.also.map((f): [string, string[]] => [`node ${f} dist/main.js`, f.split(/\s+/).filter(Boolean)]),
  ];
  const { db, threadId } = await prepareLoadDatabase("sqlite");
  const samples: Sample[] = [];
  try {
    for (let n = 0; n < ROUNDS; n++)
      for (const [name, f] of variants) {
        const s = await round(name, f, db.url, threadId, n);
        samples.push(s);
        console.log(
          `${name}: first answer ${s.firstAnswerMs.toFixed(0)} ms (CPU ${s.cpuToFirstMs.toFixed(0)} ms), idle RSS ${s.idleRss.toFixed(1)} MiB, ` +
            `${POSTS} posts: ${s.cpuPerPostMs.toFixed(2)} ms CPU each, RSS after ${s.rssAfterPosts.toFixed(1)} MiB`,
        );
      }
  } finally {
    await db.drop();
  }
  const load = fs.readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  console.log(`\nMedians of ${ROUNDS} rounds (Node ${process.version}, load average ${load} at the end):\n`);
  console.log(
    "| start | first answer (wall) | server CPU until then | idle RSS | server CPU per post | RSS after posts |",
  );
  console.log("|---|--:|--:|--:|--:|--:|");
  for (const [name] of variants) {
    const mine = samples.filter((s) => s.variant === name);
    const m = (k: keyof Omit<Sample, "variant">) => median(mine.map((s) => s[k]));
    console.log(
      `| \`${name}\` | ${(m("firstAnswerMs") / 1000).toFixed(2)} s | ${(m("cpuToFirstMs") / 1000).toFixed(2)} s | ` +
        `${m("idleRss").toFixed(0)} MiB | ${m("cpuPerPostMs").toFixed(1)} ms | ${m("rssAfterPosts").toFixed(0)} MiB |`,
    );
  }
}

await main();
