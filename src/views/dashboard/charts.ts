// Server-rendered SVG charts for the moderation dashboard: no script, themed by CSS classes (colours
// are CSS variables in public/css/dashboard.css, so light and dark follow the page), accessible as an
// image with a <title> and <desc>, with every bar's figures in its own <title> (a tooltip), and the
// whole data as a table beside it (the chart's caller renders it, see dashboard-page.ts).
import { html, type SafeHtml } from "../../render/html.ts";

export type Series = { key: string; label: string };
type Point = Record<string, number>;

const W = 420; // viewBox units; the chart scales to its card's width
const FONT = 12;

/** A "nice" axis top and step (1, 2, 5 × 10^n) for values up to `max`. */
export function niceScale(max: number, opts: { ticks?: number; whole?: boolean } = {}): { top: number; step: number } {
  const { ticks = 4, whole = true } = opts;
  if (max <= 0) return { top: whole ? ticks : 1, step: whole ? 1 : 0.25 };
  const rough = max / ticks;
  const p = 10 ** Math.floor(Math.log10(rough));
  let step = [1, 2, 5, 10].map((m) => m * p).find((s) => s >= rough) ?? 10 * p;
  if (whole) step = Math.max(1, Math.round(step));
  return { top: Math.ceil(max / step - 1e-9) * step, step };
}

/**
 * Stacked bars, one per day. `format` writes an axis or bar value (the page passes its language's
 * number format; the decision times chart a duration), `dayLabel` a day ("Dec 7", "7. Dez.").
 * Every bar's <title> names the day and each series' figure.
 */
export function dayBars(opts: {
  id: string;
  title: string;
  desc: string;
  days: string[];
  series: readonly Series[];
  values: Point[];
  dayLabel: (day: string) => string;
  format: (v: number) => string;
  /** Values are counts (whole axis steps); false for measures such as hours. */
  whole?: boolean;
  barTitle?: (day: string, point: Point) => string;
}): SafeHtml {
  const { id, days, series, values, format, dayLabel } = opts;
  const H = 190;
  const left = 34;
  const right = 6;
  const top = 8;
  const bottom = 22;
  const plotW = W - left - right;
  const plotH = H - top - bottom;
  const totals = values.map((p) => series.reduce((s, x) => s + (p[x.key] ?? 0), 0));
  const { top: yTop, step } = niceScale(Math.max(0, ...totals), { whole: opts.whole ?? true });
  const y = (v: number) => top + plotH - (v / yTop) * plotH;
  const slot = plotW / days.length;
  const barW = Math.max(1, slot * (days.length > 40 ? 0.9 : 0.72));
  const grid = [];
  for (let k = 0; k * step <= yTop + 1e-9; k++) {
    const v = k * step;
    grid.push(html`<line class="grid" x1="${left}" x2="${W - right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}"></line>
      <text class="axis" x="${left - 4}" y="${(y(v) + FONT / 3).toFixed(1)}" text-anchor="end">${format(v)}</text>`);
  }
  // Day labels: about six, from the first day on.
  const every = Math.max(1, Math.ceil(days.length / 6));
  const labels = days.map((day, i) =>
    i % every === 0
      ? html`<text class="axis" x="${(left + slot * i + slot / 2).toFixed(1)}" y="${H - 6}" text-anchor="middle">${dayLabel(day)}</text>`
      : "",
  );
  const bars = days.map((day, i) => {
    const x = left + slot * i + (slot - barW) / 2;
    let acc = 0;
    const point = values[i] ?? {};
    const rects = series.map((s) => {
      const v = point[s.key] ?? 0;
      if (v <= 0) return "";
      const y0 = y(acc);
      acc += v;
      const size = html`width="${barW.toFixed(1)}" height="${(y0 - y(acc)).toFixed(1)}"`;
      return html`<rect class="s-${s.key}" x="${x.toFixed(1)}" y="${y(acc).toFixed(1)}" ${size}></rect>`;
    });
    const title =
      opts.barTitle?.(day, point) ??
      `${dayLabel(day)}: ${series.map((s) => `${s.label} ${format(point[s.key] ?? 0)}`).join(", ")}`;
    // A transparent full-height hit area makes the tooltip reachable on short bars too.
    const hit = html`<rect class="hit" x="${(left + slot * i).toFixed(1)}" y="${top}" width="${slot.toFixed(1)}" height="${plotH}"></rect>`;
    return html`<g><title>${title}</title>${hit}${rects}</g>`;
  });
  return html`<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${id}-t ${id}-d" focusable="false">
    <title id="${id}-t">${opts.title}</title>
    <desc id="${id}-d">${opts.desc}</desc>
    ${grid}${bars}${labels}
    <line class="baseline" x1="${left}" x2="${W - right}" y1="${top + plotH}" y2="${top + plotH}"></line>
  </svg>`;
}

export type BarRow = { label: string; href?: string; values: Point };

/** Horizontal stacked bars, one row per item: its label above the bar, its total at the bar's end. */
export function rowBars(opts: {
  id: string;
  title: string;
  desc: string;
  rows: BarRow[];
  series: readonly Series[];
  /** A count in the page's language. */
  format: (v: number) => string;
}): SafeHtml {
  const { id, rows, series, format } = opts;
  const rowH = 36;
  const H = Math.max(1, rows.length) * rowH + 4;
  const left = 2;
  const right = 44;
  const plotW = W - left - right;
  const totals = rows.map((r) => series.reduce((s, x) => s + (r.values[x.key] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const body = rows.map((r, i) => {
    const y = i * rowH;
    let acc = 0;
    const rects = series.map((s) => {
      const v = r.values[s.key] ?? 0;
      if (v <= 0) return "";
      const x = left + (acc / max) * plotW;
      acc += v;
      return html`<rect class="s-${s.key}" x="${x.toFixed(1)}" y="${y + 18}" width="${Math.max(1, (v / max) * plotW).toFixed(1)}" height="13"></rect>`;
    });
    const total = totals[i] ?? 0;
    const title = `${r.label}: ${format(total)}${
      series.length > 1
        ? ` (${series
            .filter((s) => (r.values[s.key] ?? 0) > 0)
            .map((s) => `${s.label} ${format(r.values[s.key] ?? 0)}`)
            .join(", ")})`
        : ""
    }`;
    const label = truncate(r.label, 62);
    return html`<g><title>${title}</title>
      <text class="label" x="${left}" y="${y + 13}">${label}</text>
      <rect class="track" x="${left}" y="${y + 18}" width="${plotW}" height="13"></rect>${rects}
      <text class="value" x="${(left + (total / max) * plotW + 4).toFixed(1)}" y="${y + 29}">${format(total)}</text></g>`;
  });
  return html`<svg class="chart rows" viewBox="0 0 ${W} ${H}" role="img" aria-labelledby="${id}-t ${id}-d" focusable="false">
    <title id="${id}-t">${opts.title}</title>
    <desc id="${id}-d">${opts.desc}</desc>
    ${body}
  </svg>`;
}

/** The colour key of a chart's series (the swatches use the same classes as the bars). */
export function legend(series: readonly Series[]): SafeHtml {
  return html`<ul class="legend" aria-hidden="true">${series.map(
    (s) =>
      html`<li><svg viewBox="0 0 10 10" width="10" height="10"><rect class="s-${s.key}" width="10" height="10" rx="2"></rect></svg>${s.label}</li>`,
  )}</ul>`;
}

function truncate(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}
