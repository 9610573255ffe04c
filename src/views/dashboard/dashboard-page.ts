// The moderation dashboard (/moderate/dashboard): a server-rendered console page, no script. A form
// (GET) picks the site and the period; every chart is inline SVG (charts.ts) with its figures as a
// table underneath, so the page works and reads the same with JavaScript off and in a screen reader.
import { html, type SafeHtml } from "../../render/html.ts";
import { layout } from "../layout.ts";
import {
  DASHBOARD_PERIODS,
  OUTCOMES,
  REPORT_REASONS,
  SPAM_CATCHERS,
  type Dashboard,
} from "../../moderation/dashboard.ts";
import { dayBars, legend, rowBars, shortDay, type BarRow, type Series } from "./charts.ts";
import { describeDuration, describeHoldReason, durationUnit } from "./dashboard-words.ts";

const OUTCOME_SERIES: Series[] = OUTCOMES.map((k) => ({ key: k, label: k.charAt(0).toUpperCase() + k.slice(1) }));
const CATCHER_SERIES: Series[] = [
  { key: "score", label: "The learned score" },
  { key: "rules", label: "Other rules" },
  { key: "reports", label: "Readers’ reports" },
  { key: "hand", label: "A moderator alone" },
];
const REPORT_SERIES: Series[] = REPORT_REASONS.map((k) => ({
  key: `report-${k}`,
  label: { spam: "Spam", abuse: "Abuse", "off-topic": "Off-topic", other: "Other" }[k],
}));
const THREAD_SERIES: Series[] = [
  { key: "published", label: "Published" },
  { key: "unpublished", label: "Not published" },
];
let numberFormat: Intl.NumberFormat | undefined; // on first use, as charts.ts's day format
const COUNTED_HOW = "Comments are counted on the day they were posted, by what became of them.";
const n = (v: number) => (numberFormat ??= new Intl.NumberFormat("en-US")).format(v);
const pct = (part: number, whole: number) => (whole ? `${Math.round((part / whole) * 100)} %` : "–");

export type DashboardViewer = { name: string; role: "admin" | "moderator" };

export function renderDashboardPage(d: Dashboard, viewer: DashboardViewer): string {
  const period = `the last ${d.days} days`;
  const body = html`<div class="console-root dashboard">
    ${consoleBar(viewer)}
    <section class="console-view" aria-labelledby="dash-title">
      <h2 id="dash-title">Dashboard <span class="dash-sub">${d.site.name}, ${period}</span></h2>
      ${filters(d)}
      <p class="form-hint">Days are UTC days, today included (${shortDay(d.dayKeys[0]!)} – ${shortDay(d.dayKeys.at(-1)!)}). ${COUNTED_HOW}</p>
      <div class="dash-grid">
        ${commentsCard(d)} ${holdReasonsCard(d)} ${spamCard(d)} ${decisionsCard(d)} ${threadsCard(d)} ${reportsCard(d)}
      </div>
    </section>
  </div>`;
  return layout({
    title: `Dashboard · ${d.site.name} · Moderation · Parley`,
    body,
    styles: ["/static/css/moderate.css", "/static/css/dashboard.css"],
    bodyClass: "moderate",
    noindex: true,
  });
}

/** The console's top bar, as links: the other views live in the console's script (/moderate#/…). */
function consoleBar(viewer: DashboardViewer): SafeHtml {
  const admin = viewer.role === "admin";
  const link = (hash: string, label: string) => html`<a href="/moderate#/${hash}">${label}</a>`;
  return html`<header class="console-bar">
    <h1 class="console-title">Moderation</h1>
    <nav class="console-nav" aria-label="Console sections">
      ${link("queue", "Queue")}
      <a href="/moderate/dashboard" aria-current="page">Dashboard</a>
      ${admin ? [link("settings", "Settings"), link("sites", "Sites"), link("import", "Import / Export"), link("audit", "Audit log")] : ""}
      ${link("mail", "Mail")}
    </nav>
    <p class="console-user"><span class="me-name">${viewer.name}</span> <span class="role-badge">${viewer.role}</span></p>
  </header>`;
}

function filters(d: Dashboard): SafeHtml {
  const href = (days: number) => `/moderate/dashboard?site=${encodeURIComponent(d.site.id)}&days=${days}`;
  return html`<div class="dash-filters">
    ${
      d.sites.length > 1
        ? html`<form method="get" action="/moderate/dashboard" class="dash-site">
          <input type="hidden" name="days" value="${d.days}" />
          <label for="dash-site">Site</label>
          <select id="dash-site" name="site">
            ${d.sites.map((s) => html`<option value="${s.id}" ${s.id === d.site.id ? "selected" : ""}>${s.name}</option>`)}
          </select>
          <button type="submit">Show</button>
        </form>`
        : ""
    }
    <nav class="dash-periods" aria-label="Period">
      ${DASHBOARD_PERIODS.map((days) =>
        days === d.days
          ? html`<a href="${href(days)}" aria-current="page">${days} days</a>`
          : html`<a href="${href(days)}">${days} days</a>`,
      )}
    </nav>
  </div>`;
}

function card(id: string, title: string, summary: SafeHtml | string, chart: SafeHtml, table: SafeHtml): SafeHtml {
  return html`<section class="dash-card" aria-labelledby="${id}-h">
    <h3 id="${id}-h">${title}</h3>
    <p class="dash-figure">${summary}</p>
    ${chart}
    <details class="dash-table"><summary>The figures</summary>${table}</details>
  </section>`;
}

function dayTable(
  caption: string,
  d: Dashboard,
  series: readonly Series[],
  values: Record<string, number>[],
): SafeHtml {
  return html`<table><caption class="visually-hidden">${caption}</caption>
    <thead><tr><th scope="col">Day</th>${series.map((s) => html`<th scope="col">${s.label}</th>`)}</tr></thead>
    <tbody>${d.dayKeys.map(
      (day, i) =>
        html`<tr><th scope="row">${shortDay(day)}</th>${series.map((s) => html`<td>${n(values[i]?.[s.key] ?? 0)}</td>`)}</tr>`,
    )}</tbody></table>`;
}

function rowTable(
  caption: string,
  head: string,
  rows: { label: SafeHtml | string; cells: (string | number)[] }[],
  cols: string[],
): SafeHtml {
  return html`<table><caption class="visually-hidden">${caption}</caption>
    <thead><tr><th scope="col">${head}</th>${cols.map((c) => html`<th scope="col">${c}</th>`)}</tr></thead>
    <tbody>${
      rows.length
        ? rows.map(
            (r) =>
              html`<tr><th scope="row">${r.label}</th>${r.cells.map((c) => html`<td>${typeof c === "number" ? n(c) : c}</td>`)}</tr>`,
          )
        : html`<tr><td colspan="${cols.length + 1}">None in this period.</td></tr>`
    }</tbody></table>`;
}

function commentsCard(d: Dashboard): SafeHtml {
  const total = d.commentsPerDay.reduce((s, p) => s + OUTCOMES.reduce((t, k) => t + p[k], 0), 0);
  const published = d.commentsPerDay.reduce((s, p) => s + p.published, 0);
  const title = `Comments per day by outcome, ${d.site.name}`;
  return card(
    "dash-comments",
    "Comments per day",
    html`<strong>${n(total)}</strong> comments, ${pct(published, total)} published`,
    html`${legend(OUTCOME_SERIES)}${dayBars({
      id: "chart-comments",
      title,
      desc: `Stacked bars, one per day, ${d.dayKeys.length} days: ${n(total)} comments, ${n(published)} published. The table below has every figure.`,
      days: d.dayKeys,
      series: OUTCOME_SERIES,
      values: d.commentsPerDay,
    })}`,
    dayTable(title, d, OUTCOME_SERIES, d.commentsPerDay),
  );
}

function holdReasonsCard(d: Dashboard): SafeHtml {
  const rows: BarRow[] = d.holdReasons.map((r) => ({ label: describeHoldReason(r.code), values: r.byOutcome }));
  const title = "Why comments were held, and what moderators then decided";
  const top = d.holdReasons[0];
  return card(
    "dash-reasons",
    "Why comments were held",
    top
      ? html`Most often: <strong>${describeHoldReason(top.code)}</strong> (${n(top.total)})`
      : "No comment was held in this period.",
    rows.length
      ? html`${legend(OUTCOME_SERIES)}${rowBars({
          id: "chart-reasons",
          title,
          desc: `One bar per reason, split by each comment's status now: ${d.holdReasons.map((r) => `${describeHoldReason(r.code)} ${r.total}`).join(", ")}.`,
          rows,
          series: OUTCOME_SERIES,
        })}`
      : html``,
    rowTable(
      title,
      "Reason",
      d.holdReasons.map((r) => ({
        label: describeHoldReason(r.code),
        cells: [r.total, ...OUTCOMES.map((k) => r.byOutcome[k])],
      })),
      ["All", ...OUTCOME_SERIES.map((s) => s.label)],
    ),
  );
}

function spamCard(d: Dashboard): SafeHtml {
  const total = SPAM_CATCHERS.reduce((s, k) => s + d.spamCaught[k], 0);
  const rows: BarRow[] = CATCHER_SERIES.map((s) => ({
    label: s.label,
    values: { [s.key]: d.spamCaught[s.key as keyof typeof d.spamCaught] },
  }));
  const title = "Spam caught by the learned score, by other rules, by readers' reports and by hand";
  return card(
    "dash-spam",
    "Spam: who caught it",
    total
      ? html`<strong>${n(total)}</strong> spam comments, ${pct(d.spamCaught.score, total)} held by the learned score first`
      : "No spam in this period.",
    rowBars({
      id: "chart-spam",
      title,
      desc: `Comments marked spam, by what held them first: ${CATCHER_SERIES.map(
        (s) => `${s.label} ${d.spamCaught[s.key as keyof typeof d.spamCaught]}`,
      ).join(", ")}.`,
      rows,
      series: CATCHER_SERIES,
    }),
    rowTable(
      title,
      "Caught by",
      CATCHER_SERIES.map((s) => ({ label: s.label, cells: [d.spamCaught[s.key as keyof typeof d.spamCaught]] })),
      ["Spam comments"],
    ),
  );
}

function decisionsCard(d: Dashboard): SafeHtml {
  const { medianSeconds, count, perDay } = d.decisions;
  const unit = durationUnit(Math.max(0, ...perDay.map((p) => p.medianSeconds)));
  const overall =
    medianSeconds === null ? "no decisions" : `${describeDuration(medianSeconds)} over ${count} decisions`;
  const values = perDay.map((p) => ({ wait: p.medianSeconds / unit.seconds }));
  const title = "Median time from posting to a moderator's decision, per day";
  return card(
    "dash-decisions",
    "Time to a decision",
    medianSeconds === null
      ? "No waiting comment was decided in this period."
      : html`Median <strong>${describeDuration(medianSeconds)}</strong> over ${n(count)} decisions`,
    dayBars({
      id: "chart-decisions",
      title,
      desc: `One bar per day of the decision, the height the median wait in ${unit.name}. Overall: ${overall}.`,
      days: d.dayKeys,
      series: [{ key: "wait", label: `Median (${unit.name})` }],
      values,
      whole: false,
      format: (v) => `${Math.round(v * 10) / 10}${unit.short}`,
      barTitle: (day, _p) => {
        const p = perDay[d.dayKeys.indexOf(day)]!;
        return p.decisions
          ? `${shortDay(day)}: median ${describeDuration(p.medianSeconds)} over ${p.decisions} decisions`
          : `${shortDay(day)}: no decisions`;
      },
    }),
    rowTable(
      title,
      "Day",
      d.dayKeys.map((day, i) => ({
        label: shortDay(day),
        cells: [perDay[i]!.decisions, perDay[i]!.decisions ? describeDuration(perDay[i]!.medianSeconds) : "–"],
      })),
      ["Decisions", "Median wait"],
    ),
  );
}

function threadLink(t: Dashboard["busiestThreads"][number]): SafeHtml | string {
  const href = t.articleSlug ? `/articles/${encodeURIComponent(t.articleSlug)}` : t.url;
  return href ? html`<a href="${href}">${t.title}</a>` : t.title;
}

function threadsCard(d: Dashboard): SafeHtml {
  const rows: BarRow[] = d.busiestThreads.map((t) => ({
    label: t.title,
    values: { published: t.published, unpublished: t.comments - t.published },
  }));
  const title = "The threads that received the most comments";
  const top = d.busiestThreads[0];
  return card(
    "dash-threads",
    "Busiest threads",
    top ? html`The busiest received <strong>${n(top.comments)}</strong> comments` : "No comments in this period.",
    rows.length
      ? html`${legend(THREAD_SERIES)}${rowBars({
          id: "chart-threads",
          title,
          desc: `Comments posted per thread, busiest first: ${d.busiestThreads.map((t) => `${t.title} ${t.comments}`).join(", ")}.`,
          rows,
          series: THREAD_SERIES,
        })}`
      : html``,
    rowTable(
      title,
      "Thread",
      d.busiestThreads.map((t) => ({ label: threadLink(t), cells: [t.comments, t.published] })),
      ["Comments", "Published"],
    ),
  );
}

function reportsCard(d: Dashboard): SafeHtml {
  const values = d.reportsPerDay.map((p) => Object.fromEntries(REPORT_REASONS.map((k) => [`report-${k}`, p[k]])));
  const total = d.reportsPerDay.reduce((s, p) => s + REPORT_REASONS.reduce((t, k) => t + p[k], 0), 0);
  const spam = d.reportsPerDay.reduce((s, p) => s + p.spam, 0);
  const title = "Readers' reports per day by reason";
  return card(
    "dash-reports",
    "Reports",
    total ? html`<strong>${n(total)}</strong> reports, ${pct(spam, total)} for spam` : "No reports in this period.",
    html`${legend(REPORT_SERIES)}${dayBars({
      id: "chart-reports",
      title,
      desc: `Stacked bars, one per day: ${n(total)} reports by readers. The table below has every figure.`,
      days: d.dayKeys,
      series: REPORT_SERIES,
      values,
    })}`,
    dayTable(title, d, REPORT_SERIES, values),
  );
}
