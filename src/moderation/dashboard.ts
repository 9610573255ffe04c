// Use case: the moderation dashboard's figures for one site over the last 7, 30 or 90 UTC days
// (today included). One store query per chart (src/store/dashboard.ts); this file only shapes the
// grouped rows into complete series (a day with nothing is a zero, not a gap).
import { AppError } from "../domain/errors.ts";
import type { Deps } from "../deps.ts";
import {
  busiestThreads,
  countCommentsPerDay,
  countHoldReasons,
  countReportsPerDay,
  countSpamByCatcher,
  listDashboardSites,
  medianDecisionSeconds,
  type BusyThread,
  type DayCount,
  type SpamCatcher,
} from "../store/dashboard.ts";

export const DASHBOARD_PERIODS = [7, 30, 90] as const;
export type DashboardPeriod = (typeof DASHBOARD_PERIODS)[number];

/** What happened to comments: their status now, with pending and held together as "waiting". */
export const OUTCOMES = ["published", "waiting", "rejected", "spam", "deleted"] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const REPORT_REASONS = ["spam", "abuse", "off-topic", "other"] as const;
export const SPAM_CATCHERS: readonly SpamCatcher[] = ["score", "rules", "reports", "hand"];
const BUSIEST_THREADS = 8;

export type Dashboard = {
  site: { id: string; name: string };
  sites: { id: string; name: string }[];
  days: DashboardPeriod;
  /** First day shown and the end of the window (exclusive): whole UTC days. */
  since: Date;
  until: Date;
  /** Every day of the window, oldest first ("2026-12-07"). */
  dayKeys: string[];
  commentsPerDay: Record<Outcome, number>[];
  holdReasons: { code: string; total: number; byOutcome: Record<Outcome, number> }[];
  spamCaught: Record<SpamCatcher, number>;
  decisions: { count: number; medianSeconds: number | null; perDay: { decisions: number; medianSeconds: number }[] };
  busiestThreads: BusyThread[];
  reportsPerDay: Record<(typeof REPORT_REASONS)[number], number>[];
};

const DAY_MS = 86_400_000;
const outcomeOf = (status: string): Outcome =>
  status === "pending" || status === "held" ? "waiting" : (status as Outcome);
const zeros = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

export async function loadDashboard(deps: Deps, input: { siteId: string; days: DashboardPeriod }): Promise<Dashboard> {
  const { db, dbProvider: provider } = deps;
  const sites = await listDashboardSites(db);
  const site = sites.find((s) => s.id === input.siteId);
  if (!site) throw new AppError("NOT_FOUND", { reason: "noSuchSite" });
  const today = Math.floor(deps.clock.now().getTime() / DAY_MS) * DAY_MS;
  const since = new Date(today - (input.days - 1) * DAY_MS);
  const until = new Date(today + DAY_MS);
  const dayKeys = Array.from({ length: input.days }, (_, i) =>
    new Date(since.getTime() + i * DAY_MS).toISOString().slice(0, 10),
  );
  const w = { siteId: site.id, since, until };

  const [perDay, reasons, spam, waits, threads, reports] = await Promise.all([
    countCommentsPerDay(db, provider, w),
    countHoldReasons(db, provider, w),
    countSpamByCatcher(db, provider, w),
    medianDecisionSeconds(db, provider, w),
    busiestThreads(db, w, BUSIEST_THREADS),
    countReportsPerDay(db, provider, w),
  ]);

  const byReason = new Map<string, { code: string; total: number; byOutcome: Record<Outcome, number> }>();
  for (const r of reasons) {
    const entry = byReason.get(r.code) ?? { code: r.code, total: 0, byOutcome: zeros(OUTCOMES) };
    entry.byOutcome[outcomeOf(r.status)] += r.count;
    entry.total += r.count;
    byReason.set(r.code, entry);
  }
  const spamCaught = zeros(SPAM_CATCHERS);
  for (const s of spam) spamCaught[s.caughtBy] += s.count;
  const overall = waits.find((r) => r.day === "all");
  const waitByDay = new Map(waits.filter((r) => r.day !== "all").map((r) => [r.day, r]));

  return {
    site,
    sites,
    days: input.days,
    since,
    until,
    dayKeys,
    commentsPerDay: fillDays(dayKeys, perDay, OUTCOMES, outcomeOf),
    holdReasons: [...byReason.values()].sort((a, b) => b.total - a.total || a.code.localeCompare(b.code)),
    spamCaught,
    decisions: {
      count: overall?.decisions ?? 0,
      medianSeconds: overall ? overall.medianSeconds : null,
      perDay: dayKeys.map((day) => {
        const r = waitByDay.get(day);
        return { decisions: r?.decisions ?? 0, medianSeconds: r?.medianSeconds ?? 0 };
      }),
    },
    busiestThreads: threads,
    reportsPerDay: fillDays(dayKeys, reports, REPORT_REASONS, (reason) =>
      (REPORT_REASONS as readonly string[]).includes(reason) ? (reason as (typeof REPORT_REASONS)[number]) : "other",
    ),
  };
}

/** One record per day of the window, every key present, from grouped (day, key, count) rows. */
function fillDays<K extends string>(
  dayKeys: string[],
  rows: DayCount[],
  keys: readonly K[],
  keyOf: (raw: string) => K,
): Record<K, number>[] {
  const index = new Map(dayKeys.map((d, i) => [d, i]));
  const out = dayKeys.map(() => zeros(keys));
  for (const r of rows) {
    const i = index.get(r.day);
    if (i !== undefined) out[i]![keyOf(r.key)] += r.count;
  }
  return out;
}
