// npm run bench:dashboard: the moderation dashboard's server time on a site with 100,000 comments
// (bench/seed-dashboard.ts: 90 days of history, decisions, reports). For each store and period it
// prints the median and p95 of the whole page (GET /moderate/dashboard through the real app, signed in)
// and each chart's query alone. Goal: the page in < 200 ms.
// Options: --only sqlite|postgres, --comments <n> (100000), --runs <n> (15), --history-days <n> (365: a
// year of comments, the last 90 days busier; 90 puts all 100,000 inside the 90-day period).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import pino from "pino";
import { createApp } from "../src/app.ts";
import { closeDeps, createDeps } from "../src/compose.ts";
import { loadConfig } from "../src/config/config.ts";
import { DASHBOARD_PERIODS } from "../src/moderation/dashboard.ts";
import * as store from "../src/store/dashboard.ts";
import { extraSession } from "../tests/support/moderators.ts";
import { createTestDatabase } from "../tests/support/test-db.ts";
import { seedDashboard } from "./seed-dashboard.ts";

const { values: args } = parseArgs({
  options: {
    only: { type: "string" },
    comments: { type: "string", default: "100000" },
    runs: { type: "string", default: "15" },
    "history-days": { type: "string", default: "365" },
  },
});
process.env.PARLEY_TEST_PG ||= process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const runs = Number(args.runs);
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const pick = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const fmt = (xs: number[]) => `${pick(xs, 0.5).toFixed(1)} ms (p95 ${pick(xs, 0.95).toFixed(1)})`;

async function timed(work: () => Promise<unknown>): Promise<number[]> {
  await work(); // warm: statement preparation, page cache
  const out = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await work();
    out.push(ms(t0));
  }
  return out;
}

/** One GET on a fresh connection (no keep-alive race with the server's idle timeout), body read whole. */
function getPage(url: string, cookie: string): Promise<void> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { cookie }, agent: false }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`dashboard answered ${res.statusCode}`));
        res.on("data", () => {});
        res.on("end", () => resolve());
      })
      .on("error", reject);
  });
}

async function bench(provider: "sqlite" | "postgres") {
  const db = await createTestDatabase(provider);
  const config = loadConfig({
    LOG_LEVEL: "silent",
    LINK_CHECK_ENABLED: "false",
    DATABASE_URL: db.url,
    SEED_DEMO_ARTICLES: "false",
  });
  const deps = await createDeps(config, { log: pino({ level: "silent" }) });
  const server = http.createServer(createApp(deps));
  try {
    const t0 = process.hrtime.bigint();
    const seeded = await seedDashboard(deps, {
      comments: Number(args.comments),
      now: new Date(),
      historyDays: Number(args["history-days"]),
    });
    await deps.db.$executeRawUnsafe("ANALYZE"); // planner statistics, as a long-running database has them
    console.log(
      `\n${provider}: seeded ${seeded.comments} comments over ${args["history-days"]} days, ` +
        `${seeded.decisions} decisions, ${seeded.reports} reports in ${(ms(t0) / 1000).toFixed(1)} s`,
    );
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    const { cookie } = await extraSession({ deps } as never, seeded.moderatorId);
    for (const days of DASHBOARD_PERIODS) {
      const page = await timed(() => getPage(`http://127.0.0.1:${port}/moderate/dashboard?days=${days}`, cookie));
      const now = Date.now();
      const w = { siteId: seeded.siteId, since: new Date(now - days * 86_400_000), until: new Date(now + 86_400_000) };
      const p = deps.dbProvider;
      const queries: [string, () => Promise<unknown>][] = [
        ["comments per day", () => store.countCommentsPerDay(deps.db, p, w)],
        ["hold reasons", () => store.countHoldReasons(deps.db, p, w)],
        ["spam caught", () => store.countSpamByCatcher(deps.db, p, w)],
        ["time to decision", () => store.medianDecisionSeconds(deps.db, p, w)],
        ["busiest threads", () => store.busiestThreads(deps.db, w, 8)],
        ["reports per day", () => store.countReportsPerDay(deps.db, p, w)],
      ];
      const inWindow = (await store.countCommentsPerDay(deps.db, p, w)).reduce((s, r) => s + r.count, 0);
      console.log(`  ${days} days (${inWindow} comments in the period): page ${fmt(page)}`);
      for (const [name, q] of queries) console.log(`    ${name.padEnd(18)} ${fmt(await timed(q))}`);
    }
  } finally {
    server.close();
    await closeDeps(deps);
    await db.drop();
  }
}

for (const provider of ["sqlite", "postgres"] as const) {
  if (args.only && args.only !== provider) continue;
  await bench(provider);
}
