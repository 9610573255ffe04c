// Fills a site with a moderation history for the dashboard (npm run bench:dashboard, and the
// dashboard's screenshots): N comments over the last 90 days on 40 threads, busier lately and on a few
// threads, with statuses, hold flags, moderators' decisions (minutes to hours after posting) and reader
// reports in believable proportions (`historyDays`, 90 by default). Written with multi-row inserts; deterministic for one seed.
import crypto from "node:crypto";
import type { Deps } from "../src/deps.ts";
import { ensureDefaultSite } from "../src/sites/ensure-default-site.ts";
import { flagCodesOf } from "../src/store/client.ts";

const FLAGS = [
  "spam-score",
  "too-many-links",
  "suspect-word",
  "link-broken",
  "unverified-known-email",
  "citation-unresolved",
];
const REASONS = ["spam", "spam", "abuse", "off-topic", "other"];

/** A small seeded generator (mulberry32), so a run's data is the same every time. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `historyDays`: how far back the comments go (90: every one falls in the dashboard's longest period). */
export async function seedDashboard(
  deps: Deps,
  opts: { comments: number; now: Date; seed?: number; historyDays?: number },
) {
  const historyDays = opts.historyDays ?? 90;
  const rnd = random(opts.seed ?? 1);
  const site = await ensureDefaultSite(deps);
  const moderator = await deps.db.moderator.create({
    data: {
      email: `dash-${crypto.randomBytes(4).toString("hex")}@example.org`,
      name: "Dana",
      role: "moderator",
      passwordHash: "x",
    },
  });
  const threads: string[] = [];
  for (let i = 0; i < 40; i++) {
    const t = await deps.db.thread.create({
      data: {
        siteId: site.id,
        pageKey: `dash-${i}-${crypto.randomBytes(3).toString("hex")}`,
        title: TITLES[i % TITLES.length]! + (i >= TITLES.length ? ` (part ${Math.floor(i / TITLES.length) + 1})` : ""),
        url: `https://blog.example/${i}`,
      },
    });
    threads.push(t.id);
  }
  const now = opts.now.getTime();
  const comments: unknown[][] = [];
  const actions: unknown[][] = [];
  const reports: unknown[][] = [];
  for (let i = 0; i < opts.comments; i++) {
    // Busier lately: the age in days is skewed towards 0; a few threads get most comments.
    const age = historyDays * rnd() ** 1.6 * 86_400_000;
    const createdAt = new Date(now - age);
    const thread = threads[Math.floor(40 * rnd() ** 2.2)]!;
    const id = `dash${i.toString(36)}${crypto.randomBytes(6).toString("hex")}`;
    const r = rnd();
    let flags: { code: string }[] = [];
    let status: string;
    let reportCount = 0;
    if (r < 0.7) status = "published";
    else if (r < 0.82) {
      flags = [{ code: FLAGS[Math.floor(rnd() * FLAGS.length)]! }];
      status = rnd() < 0.5 ? "spam" : rnd() < 0.5 ? "published" : "rejected";
      if (flags[0]!.code === "spam-score") status = rnd() < 0.9 ? "spam" : "published";
    } else if (r < 0.88)
      status = "spam"; // caught by hand
    else if (r < 0.92) status = "rejected";
    else if (r < 0.94) status = "deleted";
    else if (r < 0.97) {
      status = rnd() < 0.5 ? "held" : "pending";
      if (status === "held") flags = [{ code: FLAGS[Math.floor(rnd() * FLAGS.length)]! }];
    } else {
      status = rnd() < 0.5 ? "spam" : "published";
      reportCount = 1 + Math.floor(rnd() * 3);
      flags = reportCount >= 3 ? [{ code: "reported" }] : [];
    }
    if (age < 3 * 3600_000 && status !== "published") status = rnd() < 0.5 ? "held" : "pending"; // today's queue
    // A waiting comment that was decided: the first decision minutes to hours later.
    const decided = status !== "pending" && status !== "held" && (flags.length || r >= 0.82 || rnd() < 0.15);
    const decidedAt = decided
      ? new Date(Math.min(now - 1000, createdAt.getTime() + 60_000 * (2 + 600 * rnd() ** 3)))
      : null;
    comments.push([
      id,
      thread,
      `Reader ${i % 997}`,
      `reader${i % 997}@example.org`,
      "h",
      "Text.",
      "<p>Text.</p>",
      status,
      JSON.stringify(flags),
      flagCodesOf(flags),
      "{}",
      reportCount,
      createdAt,
      decidedAt,
    ]);
    if (decidedAt) {
      actions.push([
        crypto.randomUUID(),
        id,
        moderator.id,
        status === "published" ? "approve" : status === "deleted" ? "delete" : status === "spam" ? "spam" : "reject",
        flags.length ? "held" : "pending",
        status,
        1,
        decidedAt,
      ]);
    }
    for (let k = 0; k < reportCount; k++) {
      reports.push([
        crypto.randomUUID(),
        id,
        `rk${i}-${k}`,
        `ah${i}-${k}`,
        REASONS[Math.floor(rnd() * REASONS.length)]!,
        new Date(createdAt.getTime() + 3600_000 * rnd()),
      ]);
    }
  }
  const columns = [
    "id",
    "threadId",
    "authorName",
    "authorEmail",
    "ipHash",
    "bodySource",
    "bodyHtml",
    "status",
    "flags",
    "flagCodes",
    "metadata",
    "reportCount",
    "createdAt",
    "decidedAt",
  ];
  await insertRows(deps, "Comment", columns, comments);
  await insertRows(
    deps,
    "ModerationAction",
    ["id", "commentId", "moderatorId", "action", "fromStatus", "toStatus", "revision", "createdAt"],
    actions,
  );
  await insertRows(deps, "Report", ["id", "commentId", "reporterKey", "addressHash", "reason", "createdAt"], reports);
  return {
    siteId: site.id,
    moderatorId: moderator.id,
    comments: comments.length,
    decisions: actions.length,
    reports: reports.length,
  };
}

/** Multi-row INSERTs (under SQLite's 999 parameters each); PostgreSQL casts enum and jsonb columns from text. */
async function insertRows(deps: Deps, table: string, names: string[], rows: unknown[][]) {
  const pg = deps.dbProvider === "postgres";
  const casts: Record<string, string> = {
    flags: "::jsonb",
    metadata: "::jsonb",
    status: '::"CommentStatus"',
    fromStatus: '::"CommentStatus"',
    toStatus: '::"CommentStatus"',
  };
  const cast = (c: string) => (pg ? (casts[c] ?? "") : "");
  const size = Math.floor(999 / names.length);
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    let p = 0;
    const values = chunk
      .map((row) => `(${row.map((_, j) => (pg ? `$${++p}${cast(names[j]!)}` : "?")).join(", ")})`)
      .join(", ");
    const sql = `INSERT INTO "${table}" (${names.map((c) => `"${c}"`).join(", ")}) VALUES ${values}`;
    // Dates as Prisma stores them: ISO text with "+00:00" on SQLite; PostgreSQL reads the ISO text as UTC.
    const params = chunk
      .flat()
      .map((v) => (v instanceof Date ? (pg ? v.toISOString() : v.toISOString().replace("Z", "+00:00")) : v));
    await deps.db.$executeRawUnsafe(sql, ...params);
  }
}

const TITLES = [
  "Israel behind discovery of Kaspersky spy links",
  "Israel's secret service pressure on Kaspersky",
  "What the court filings say about the contractor",
  "How antivirus software became a search tool",
  "A timeline of the leak, corrected",
  "Readers ask: who had access to the logs?",
  "The vendor's statement, annotated",
  "Why the ban on government use matters",
];
