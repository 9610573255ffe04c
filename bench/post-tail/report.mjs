// The post-tail report (bench/post-tail.sh): reads the probe's JSON (probe.mjs) and the load driver's,
// takes the last N posts (the measured run) and says what the slowest 1 % waited for.
// A connection's next post is sent as soon as its previous answer arrives, so a post's latency as the
// driver sees it is close to the time from the previous answer on its connection to its own answer:
// the wait before the server reads it (the event loop busy with a turn) plus the server's time from
// reading it to answering. Each slow post is split over the loop turns in that interval: CPU in them
// (transactions, of which COMMIT; GC; the rest) and wall time without CPU (the process not running).
import fs from "node:fs";

const [probeFile, n = "500"] = process.argv.slice(2);
const j = JSON.parse(fs.readFileSync(probeFile, "utf8"));
const posts = j.reqs.filter((r) => r.m === "POST" && r.u.startsWith("/api/threads/")).slice(-Number(n));
const T0 = posts[0].s;
const T1 = Math.max(...posts.map((r) => r.e));
const within = (x) => x.s >= T0 && x.s <= T1;
const sorted = (xs) => [...xs].sort((a, b) => a - b);
const pct = (xs, p) => sorted(xs)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const sum = (xs) => xs.reduce((a, b) => a + b, 0);
const f = (x) => x.toFixed(1);

const seen = [];
for (const id of new Set(posts.map((r) => r.sock))) {
  const mine = posts.filter((r) => r.sock === id).sort((a, b) => a.s - b.s);
  mine.forEach((r, i) => i && seen.push({ r, prev: mine[i - 1], lat: r.e - mine[i - 1].e }));
}
const txs = j.txs.filter(within);
const gcs = j.gcs.filter(within);
const lat = seen.map((x) => x.lat);
console.log(
  `${posts.length} posts in ${f(T1 - T0)} ms; latency (answer to answer on a connection) p50 ${f(pct(lat, 50))}` +
    ` p99 ${f(pct(lat, 99))} max ${f(Math.max(...lat))}; server time (read to answered) p50` +
    ` ${f(
      pct(
        posts.map((r) => r.e - r.s),
        50,
      ),
    )} p99 ${f(
      pct(
        posts.map((r) => r.e - r.s),
        99,
      ),
    )}`,
);
const sizes = {};
for (const t of txs) sizes[Math.max(1, t.posts)] = (sizes[Math.max(1, t.posts)] ?? 0) + 1;
const commits = txs.map((t) => t.e - t.cs);
console.log(
  `${txs.length} COMMITs, posts per batch ${JSON.stringify(sizes)}; COMMIT p50 ${f(pct(commits, 50))}` +
    ` p90 ${f(pct(commits, 90))} max ${f(Math.max(...commits))} ms; in transactions ${f(sum(txs.map((t) => t.e - t.s)))} ms`,
);
const kinds = { 1: "scavenge", 4: "mark-compact", 8: "incremental marking", 16: "weak callbacks" };
const byKind = {};
for (const g of gcs) (byKind[kinds[g.k] ?? g.k] ??= []).push(g.d);
console.log(
  `GC: ${Object.entries(byKind)
    .map(([k, ds]) => `${ds.length} ${k} (${f(sum(ds))} ms, max ${f(Math.max(...ds))})`)
    .join(", ")}`,
);

// The slowest 1 %: what filled the interval from the previous answer to the answer.
const slowest = seen.sort((a, b) => b.lat - a.lat).slice(0, Math.max(1, Math.round(seen.length / 100)));
const overlap = (a0, a1, b0, b1) => Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
const totals = { wait: 0, server: 0, offCpu: 0, gc: 0, tx: 0, commit: 0, other: 0 };
for (const { r, prev, lat } of slowest) {
  const a = prev.e;
  const b = r.e;
  const turns = j.turns.filter((t) => overlap(t.s, t.s + t.d, a, b) > 0);
  const wall = sum(turns.map((t) => overlap(t.s, t.s + t.d, a, b)));
  const offCpu = sum(turns.map((t) => Math.max(0, t.d - t.cpu) * (overlap(t.s, t.s + t.d, a, b) / t.d)));
  const gc = sum(gcs.filter((g) => g.s >= a && g.s < b).map((g) => g.d));
  const inTx = txs.filter((t) => t.s >= a && t.e <= b);
  const tx = sum(inTx.map((t) => t.e - t.s));
  const commit = sum(inTx.map((t) => t.e - t.cs));
  const slowSql = j.slow.filter((x) => x.s >= a && x.s < b).map((x) => `${f(x.d)} ms ${x.sql.slice(0, 30)}`);
  const other = Math.max(0, wall - offCpu - gc - tx);
  Object.assign(totals, {
    wait: totals.wait + (r.s - a),
    server: totals.server + (r.e - r.s),
    offCpu: totals.offCpu + offCpu,
    gc: totals.gc + gc,
    tx: totals.tx + tx,
    commit: totals.commit + commit,
    other: totals.other + other,
  });
  console.log(
    `${f(lat)} ms = unread ${f(r.s - a)} + server ${f(r.e - r.s)} | long turns ${f(wall)} ms: off CPU ${f(offCpu)},` +
      ` GC ${f(gc)}, ${inTx.length} tx (${inTx.map((t) => Math.max(1, t.posts)).join("+")} posts) ${f(tx)} of which` +
      ` COMMIT ${f(commit)}, rest ${f(other)}${slowSql.length ? ` | slow SQL: ${slowSql.join("; ")}` : ""}`,
  );
}
const all = totals.wait + totals.server;
console.log(
  `slowest 1 % (${slowest.length} posts), share of their latency: unread ${f((100 * totals.wait) / all)} %,` +
    ` off CPU ${f((100 * totals.offCpu) / all)} %, GC ${f((100 * totals.gc) / all)} %, transactions` +
    ` ${f((100 * totals.tx) / all)} % (COMMIT ${f((100 * totals.commit) / all)} %), other CPU in long turns` +
    ` ${f((100 * totals.other) / all)} %`,
);

// A connection's first post has no answer before it: the driver opens its 10 connections after creating
// the run's thread (the adapter's prepare, the last GET answered before the first post), so time it from there.
const prepared = j.reqs.filter((r) => r.m === "GET" && r.e <= T0).at(-1);
const firsts = [...new Set(posts.map((r) => r.sock))].map((id) => posts.find((r) => r.sock === id));
if (prepared)
  console.log(
    `first post of each connection, ms after the run's thread was created: read ${firsts.map((r) => (r.s - prepared.e).toFixed(0)).join(" ")};` +
      ` answered ${firsts.map((r) => (r.e - prepared.e).toFixed(0)).join(" ")} (answer-to-answer p99 above: ${f(pct(lat, 99))})`,
  );
