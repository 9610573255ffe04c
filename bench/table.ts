// Prints the benchmark results as a Markdown table (pasteable into the README's Performance section).
export type Row = { name: string; db: string; rps: number; p50: number; p99: number; ratio: number; statuses: string };

export function printTable(rows: Row[]) {
  const header = ["case", "db", "req/s", "p50 ms", "p99 ms", "× bare node", "responses"];
  const lines = rows.map((r) => [
    r.name,
    r.db,
    Math.round(r.rps).toLocaleString("en-US"),
    String(r.p50),
    String(r.p99),
    r.ratio.toFixed(2),
    r.statuses,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) =>
    `| ${cells.map((c, i) => (i >= 2 && i <= 5 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(" | ")} |`;
  console.log();
  console.log(fmt(header));
  console.log(`|${widths.map((w, i) => (i >= 2 && i <= 5 ? `${"-".repeat(w + 1)}:` : "-".repeat(w + 2))).join("|")}|`);
  for (const l of lines) console.log(fmt(l));
}
