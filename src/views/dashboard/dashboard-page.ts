// The moderation dashboard (/moderate/dashboard): a server-rendered console page, no script. A form
// (GET) picks the site and the period; every chart is inline SVG (charts.ts) with its figures as a
// table underneath, so the page works and reads the same with JavaScript off and in a screen reader.
// It speaks the console's language (the handler picks it from Accept-Language as for /moderate) with
// the console's catalog (dashboard-words.ts).
import { fillHtml, html, type SafeHtml } from "../../render/html.ts";
import { fill } from "../../client/i18n/messages.ts";
import type { Lang } from "../../client/i18n/languages.ts";
import { PAGE_CATALOGS } from "../../client/i18n/page-catalogs.ts";
import { layout } from "../layout.ts";
import {
  DASHBOARD_PERIODS,
  OUTCOMES,
  REPORT_REASONS,
  SPAM_CATCHERS,
  type Dashboard,
} from "../../moderation/dashboard.ts";
import { dayBars, legend, rowBars, type BarRow, type Series } from "./charts.ts";
import { dashboardWords, type DashboardWords } from "./dashboard-words.ts";

export type DashboardViewer = { name: string; role: "admin" | "moderator" };

/** The series of each chart, in the page's language (their keys are the CSS colour classes). */
function seriesOf(v: DashboardWords) {
  const w = v.w;
  return {
    outcomes: OUTCOMES.map((k): Series => ({ key: k, label: w.outcomes[k] })),
    catchers: SPAM_CATCHERS.map((k): Series => ({ key: k, label: w.catchers[k] })),
    reports: REPORT_REASONS.map((k): Series => ({ key: `report-${k}`, label: w.reportReasons[k] })),
    threads: [
      { key: "published", label: w.threadSeries.published },
      { key: "unpublished", label: w.threadSeries.unpublished },
    ] as Series[],
  };
}
type Ctx = { d: Dashboard; v: DashboardWords; s: ReturnType<typeof seriesOf> };

export function renderDashboardPage(d: Dashboard, viewer: DashboardViewer, lang: Lang = "en"): string {
  const v = dashboardWords(lang);
  const c: Ctx = { d, v, s: seriesOf(v) };
  const w = v.w;
  const body = html`<div class="console-root dashboard">
    ${consoleBar(v, viewer)}
    <section class="console-view" aria-labelledby="dash-title">
      <h2 id="dash-title">${w.heading} <span class="dash-sub">${fill(v.form(w.subtitle, d.days), { site: d.site.name, n: v.num(d.days) })}</span></h2>
      ${filters(c)}
      <p class="form-hint">${fill(w.dayNote, { from: v.day(d.dayKeys[0]!), to: v.day(d.dayKeys.at(-1)!) })} ${w.countedHow}</p>
      <div class="dash-grid">
        ${commentsCard(c)} ${holdReasonsCard(c)} ${spamCard(c)} ${decisionsCard(c)} ${threadsCard(c)} ${reportsCard(c)}
      </div>
    </section>
  </div>`;
  return layout({
    title: fill(w.title, { site: d.site.name }),
    m: PAGE_CATALOGS[lang],
    body,
    styles: ["/static/css/moderate.css", "/static/css/dashboard.css"],
    bodyClass: "moderate",
    noindex: true,
  });
}

/** The console's top bar, as links: the other views live in the console's script (/moderate#/…). Its
 *  links and their order are the console's own (moderate-page.ts), the admin's only for an admin. */
function consoleBar(v: DashboardWords, viewer: DashboardViewer): SafeHtml {
  const s = v.t.shell;
  const admin = viewer.role === "admin";
  const link = (view: keyof typeof s.nav) => html`<a href="/moderate#/${view}">${s.nav[view]}</a>`;
  return html`<header class="console-bar">
    <h1 class="console-title">${s.heading}</h1>
    <nav class="console-nav" aria-label="${s.sections}">
      ${link("queue")}
      <a href="/moderate/dashboard" aria-current="page">${s.nav.dashboard}</a>
      ${admin ? (["settings", "sites", "moderators", "import", "readers", "audit"] as const).map(link) : ""}
      ${link("mail")}
    </nav>
    <p class="console-user"><span class="me-name">${viewer.name}</span> <span class="role-badge">${s.roles[viewer.role]}</span></p>
  </header>`;
}

function filters({ d, v }: Ctx): SafeHtml {
  const w = v.w;
  const href = (days: number) => `/moderate/dashboard?site=${encodeURIComponent(d.site.id)}&days=${days}`;
  return html`<div class="dash-filters">
    ${
      d.sites.length > 1
        ? html`<form method="get" action="/moderate/dashboard" class="dash-site">
          <input type="hidden" name="days" value="${d.days}" />
          <label for="dash-site">${w.site}</label>
          <select id="dash-site" name="site">
            ${d.sites.map((s) => html`<option value="${s.id}" ${s.id === d.site.id ? "selected" : ""}>${s.name}</option>`)}
          </select>
          <button type="submit">${w.show}</button>
        </form>`
        : ""
    }
    <nav class="dash-periods" aria-label="${w.period}">
      ${DASHBOARD_PERIODS.map((days) =>
        days === d.days
          ? html`<a href="${href(days)}" aria-current="page">${v.count(w.days, days)}</a>`
          : html`<a href="${href(days)}">${v.count(w.days, days)}</a>`,
      )}
    </nav>
  </div>`;
}

function card(
  v: DashboardWords,
  id: string,
  title: string,
  summary: SafeHtml | string,
  chart: SafeHtml,
  table: SafeHtml,
) {
  return html`<section class="dash-card" aria-labelledby="${id}-h">
    <h3 id="${id}-h">${title}</h3>
    <p class="dash-figure">${summary}</p>
    ${chart}
    <details class="dash-table"><summary>${v.w.figures}</summary><div class="table-scroll">${table}</div></details>
  </section>`;
}

/** A sentence whose count (`{n}`, in the plural form for it) is bold; other placeholders plain. */
const bold = (v: DashboardWords, forms: Parameters<DashboardWords["form"]>[0], n: number, values = {}) =>
  fillHtml(v.form(forms, n), { ...values, n: html`<strong>${v.num(n)}</strong>` });

function dayTable({ d, v }: Ctx, caption: string, series: readonly Series[], values: Record<string, number>[]) {
  return html`<table><caption class="visually-hidden">${caption}</caption>
    <thead><tr><th scope="col">${v.w.day}</th>${series.map((s) => html`<th scope="col">${s.label}</th>`)}</tr></thead>
    <tbody>${d.dayKeys.map(
      (day, i) =>
        html`<tr><th scope="row">${v.day(day)}</th>${series.map((s) => html`<td>${v.num(values[i]?.[s.key] ?? 0)}</td>`)}</tr>`,
    )}</tbody></table>`;
}

function rowTable(
  v: DashboardWords,
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
              html`<tr><th scope="row">${r.label}</th>${r.cells.map((c) => html`<td>${typeof c === "number" ? v.num(c) : c}</td>`)}</tr>`,
          )
        : html`<tr><td colspan="${cols.length + 1}">${v.w.none}</td></tr>`
    }</tbody></table>`;
}

function commentsCard(c: Ctx): SafeHtml {
  const { d, v, s } = c;
  const w = v.w.comments;
  const total = d.commentsPerDay.reduce((sum, p) => sum + OUTCOMES.reduce((t, k) => t + p[k], 0), 0);
  const published = d.commentsPerDay.reduce((sum, p) => sum + p.published, 0);
  const title = fill(w.chartTitle, { site: d.site.name });
  return card(
    v,
    "dash-comments",
    w.heading,
    bold(v, w.summary, total, { pct: v.pct(published, total) }),
    html`${legend(s.outcomes)}${dayBars({
      id: "chart-comments",
      title,
      desc: fill(w.desc, {
        days: v.count(v.w.days, d.dayKeys.length),
        comments: v.count(v.t.comments, total),
        published: v.num(published),
      }),
      days: d.dayKeys,
      series: s.outcomes,
      values: d.commentsPerDay,
      dayLabel: v.day,
      format: v.num,
    })}`,
    dayTable(c, title, s.outcomes, d.commentsPerDay),
  );
}

function holdReasonsCard({ d, v, s }: Ctx): SafeHtml {
  const w = v.w.reasons;
  const rows: BarRow[] = d.holdReasons.map((r) => ({ label: v.holdReason(r.code), values: r.byOutcome }));
  const top = d.holdReasons[0];
  return card(
    v,
    "dash-reasons",
    w.heading,
    top
      ? fillHtml(w.mostOften, { reason: html`<strong>${v.holdReason(top.code)}</strong>`, n: v.num(top.total) })
      : w.none,
    rows.length
      ? html`${legend(s.outcomes)}${rowBars({
          id: "chart-reasons",
          title: w.chartTitle,
          desc: fill(w.desc, {
            list: d.holdReasons.map((r) => `${v.holdReason(r.code)} ${v.num(r.total)}`).join(", "),
          }),
          rows,
          series: s.outcomes,
          format: v.num,
        })}`
      : html``,
    rowTable(
      v,
      w.chartTitle,
      w.column,
      d.holdReasons.map((r) => ({
        label: v.holdReason(r.code),
        cells: [r.total, ...OUTCOMES.map((k) => r.byOutcome[k])],
      })),
      [v.w.all, ...s.outcomes.map((x) => x.label)],
    ),
  );
}

function spamCard({ d, v, s }: Ctx): SafeHtml {
  const w = v.w.spam;
  const total = SPAM_CATCHERS.reduce((sum, k) => sum + d.spamCaught[k], 0);
  const caught = (x: Series) => d.spamCaught[x.key as keyof typeof d.spamCaught];
  const rows: BarRow[] = s.catchers.map((x) => ({ label: x.label, values: { [x.key]: caught(x) } }));
  return card(
    v,
    "dash-spam",
    w.heading,
    total ? bold(v, w.summary, total, { pct: v.pct(d.spamCaught.score, total) }) : w.none,
    rowBars({
      id: "chart-spam",
      title: w.chartTitle,
      desc: fill(w.desc, { list: s.catchers.map((x) => `${x.label} ${v.num(caught(x))}`).join(", ") }),
      rows,
      series: s.catchers,
      format: v.num,
    }),
    rowTable(
      v,
      w.chartTitle,
      w.column,
      s.catchers.map((x) => ({ label: x.label, cells: [caught(x)] })),
      [w.count],
    ),
  );
}

function decisionsCard({ d, v }: Ctx): SafeHtml {
  const w = v.w.decisions;
  const { medianSeconds, count, perDay } = d.decisions;
  const unit = v.durationUnit(Math.max(0, ...perDay.map((p) => p.medianSeconds)));
  const timed = (forms: typeof w.overall, n: number, time: string, more = {}) =>
    fill(v.form(forms, n), { ...more, time, n: v.num(n) });
  const overall = medianSeconds === null ? w.overallNone : timed(w.overall, count, v.duration(medianSeconds));
  const values = perDay.map((p) => ({ wait: p.medianSeconds / unit.seconds }));
  return card(
    v,
    "dash-decisions",
    w.heading,
    medianSeconds === null
      ? w.none
      : fillHtml(v.form(w.summary, count), {
          time: html`<strong>${v.duration(medianSeconds)}</strong>`,
          n: v.num(count),
        }),
    dayBars({
      id: "chart-decisions",
      title: w.chartTitle,
      desc: fill(w.desc, { unit: unit.name, overall }),
      days: d.dayKeys,
      series: [{ key: "wait", label: fill(w.series, { unit: unit.name }) }],
      values,
      whole: false,
      dayLabel: v.day,
      format: (x) => `${v.num(Math.round(x * 10) / 10)}${unit.short}`,
      barTitle: (day) => {
        const p = perDay[d.dayKeys.indexOf(day)]!;
        return p.decisions
          ? timed(w.bar, p.decisions, v.duration(p.medianSeconds), { day: v.day(day) })
          : fill(w.barNone, { day: v.day(day) });
      },
    }),
    rowTable(
      v,
      w.chartTitle,
      v.w.day,
      d.dayKeys.map((day, i) => ({
        label: v.day(day),
        cells: [perDay[i]!.decisions, perDay[i]!.decisions ? v.duration(perDay[i]!.medianSeconds) : "–"],
      })),
      [w.count, w.wait],
    ),
  );
}

function threadLink(t: Dashboard["busiestThreads"][number]): SafeHtml | string {
  const href = t.articleSlug ? `/articles/${encodeURIComponent(t.articleSlug)}` : t.url;
  return href ? html`<a href="${href}">${t.title}</a>` : t.title;
}

function threadsCard({ d, v, s }: Ctx): SafeHtml {
  const w = v.w.threads;
  const rows: BarRow[] = d.busiestThreads.map((t) => ({
    label: t.title,
    values: { published: t.published, unpublished: t.comments - t.published },
  }));
  const top = d.busiestThreads[0];
  return card(
    v,
    "dash-threads",
    w.heading,
    top ? bold(v, w.summary, top.comments) : w.none,
    rows.length
      ? html`${legend(s.threads)}${rowBars({
          id: "chart-threads",
          title: w.chartTitle,
          desc: fill(w.desc, { list: d.busiestThreads.map((t) => `${t.title} ${v.num(t.comments)}`).join(", ") }),
          rows,
          series: s.threads,
          format: v.num,
        })}`
      : html``,
    rowTable(
      v,
      w.chartTitle,
      w.column,
      d.busiestThreads.map((t) => ({ label: threadLink(t), cells: [t.comments, t.published] })),
      [w.comments, w.published],
    ),
  );
}

function reportsCard(c: Ctx): SafeHtml {
  const { d, v, s } = c;
  const w = v.w.reports;
  const values = d.reportsPerDay.map((p) => Object.fromEntries(REPORT_REASONS.map((k) => [`report-${k}`, p[k]])));
  const total = d.reportsPerDay.reduce((sum, p) => sum + REPORT_REASONS.reduce((t, k) => t + p[k], 0), 0);
  const spam = d.reportsPerDay.reduce((sum, p) => sum + p.spam, 0);
  return card(
    v,
    "dash-reports",
    w.heading,
    total ? bold(v, w.summary, total, { pct: v.pct(spam, total) }) : w.none,
    html`${legend(s.reports)}${dayBars({
      id: "chart-reports",
      title: w.chartTitle,
      desc: v.count(w.desc, total),
      days: d.dayKeys,
      series: s.reports,
      values,
      dayLabel: v.day,
      format: v.num,
    })}`,
    dayTable(c, w.chartTitle, s.reports, values),
  );
}
