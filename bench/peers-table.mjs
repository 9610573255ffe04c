// The table of npm run bench:peers: medians over rounds of the load driver's JSON files, and Parley ÷ Waline.
import fs from "node:fs";
import path from "node:path";

const dir = process.argv[2];
const store = process.argv[3] === "postgres" ? "PostgreSQL" : "SQLite";
const median = (xs) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length ? (s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2) : NaN;
};
const runs = (peer, scenario) =>
  fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(`${peer}-${scenario}-`) && f.endsWith(".json"))
    .flatMap((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"))[scenario] ?? []);
const stat = (peer, scenario) => {
  const rs = runs(peer, scenario);
  return {
    rps: median(rs.map((r) => r.rps)),
    p99: median(rs.map((r) => r.p99)),
    errors: rs.reduce((a, r) => a + r.non2xx + r.errors + r.timeouts + r.appFail, 0),
    n: rs.length,
  };
};
const f = (x, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : "-");
console.log(
  `| case (${store} both) | Waline req/s | Parley req/s | × Waline | Waline p99 ms | Parley p99 ms | errors W/P | rounds |`,
);
console.log("|---|--:|--:|--:|--:|--:|--:|--:|");
for (const [scenario, label] of [
  ["post", "POST a comment, 10 connections"],
  ["list", "GET page 1 (10 comments) of a 200-comment thread, 10 connections"],
]) {
  const w = stat("waline", scenario);
  const p = stat("parley", scenario);
  console.log(
    `| ${label} | ${f(w.rps)} | ${f(p.rps)} | ${f(p.rps / w.rps, 2)} | ${f(w.p99, 0)} | ${f(p.p99, 0)} | ${w.errors}/${p.errors} | ${p.n} |`,
  );
}
console.log(`\n(load driver results in ${dir})`);
