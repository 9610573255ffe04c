// An import as it runs: polls the server's job, and shows its progress (items read, comments written,
// rate, time left) and at the end the same summary the CLI prints, every problem with its id or line.
import { h } from "../dom.ts";
import { announce } from "./announce.ts";
import { get, messageOf } from "./api.ts";
import type { ImportJob } from "./api-types.ts";
import { say, t } from "./lang.ts";
import { formatNumber, formatPercent } from "./time.ts";

const POLL_MS = 500;
let polling: ReturnType<typeof setTimeout> | undefined;

export function watchImport(id: string, root: HTMLElement, done: () => void): void {
  clearTimeout(polling);
  const tick = async () => {
    let job: ImportJob;
    try {
      ({ job } = await get<{ job: ImportJob }>(`/api/admin/imports/${encodeURIComponent(id)}`));
    } catch (error) {
      root.replaceChildren(h("p", { class: "queue-status is-error", role: "alert", text: messageOf(error) }));
      return done();
    }
    root.replaceChildren(renderJob(job));
    if (job.status === "running") polling = setTimeout(() => void tick(), POLL_MS);
    else {
      done();
      announce(job.status === "done" ? t.admin.importFinished : t.admin.importFailed);
    }
  };
  void tick();
}

function renderJob(job: ImportJob): HTMLElement {
  const p = job.progress;
  const share = p?.totalBytes ? Math.min(1, p.bytesRead / p.totalBytes) : job.status === "done" ? 1 : 0;
  const seconds = (p?.elapsedMs ?? 0) / 1000;
  const rate = seconds > 0 ? Math.round((p?.commentsRead ?? 0) / seconds) : 0;
  const left = share > 0 && share < 1 ? (seconds / share) * (1 - share) : null;
  const file = job.fileName;
  const heading = say(
    job.status === "running"
      ? t.admin.importing
      : job.status === "done"
        ? job.dryRun
          ? t.admin.dryRunOf
          : t.admin.imported
        : t.admin.couldNotImport,
    { file },
  );
  return h(
    "section",
    { class: `import-job is-${job.status}`, "aria-label": heading },
    h("h3", { text: heading }),
    h("progress", { max: 100, value: Math.round(share * 100), "aria-label": t.admin.importProgress }),
    p
      ? h(
          "p",
          { class: "import-figures" },
          say(t.admin.figures, {
            share: formatPercent(share),
            items: formatNumber(p.itemsRead),
            written: formatNumber(p.commentsWritten),
            rate: formatNumber(rate),
          }),
          left !== null && job.status === "running" ? say(t.admin.timeLeft, { time: duration(left) }) : "",
        )
      : null,
    job.error ? h("p", { class: "queue-status is-error", role: "alert", text: job.error }) : null,
    job.report.length > 0 ? summaryView(job) : null,
  );
}

function summaryView(job: ImportJob): HTMLElement {
  const [first = "", ...rest] = job.report;
  const problems = rest.filter((l) => l.startsWith("  "));
  const lines = rest.filter((l) => !l.startsWith("  "));
  return h(
    "div",
    { class: "import-summary" },
    h("p", { class: "import-summary-head", text: first }),
    h("ul", {}, ...lines.map((l) => h("li", { text: l }))),
    problems.length > 0
      ? h(
          "details",
          { open: problems.length <= 20 },
          h("summary", { text: say(t.admin.problems, { n: job.summary?.problems.total ?? problems.length }) }),
          h(
            "ul",
            { class: "import-problems mono" },
            ...problems.map((l) => h("li", { text: l.trim().replace(/^- /, "") })),
          ),
        )
      : null,
    job.summary?.as === "articles" && !job.dryRun ? h("p", {}, h("a", { href: "/", text: t.admin.seeArticles })) : null,
  );
}

const unit = (unit: "second" | "minute") =>
  new Intl.NumberFormat(t.locale, { style: "unit", unit, unitDisplay: "short" });

/** "12 s", "3 min": how long is left, in the console's language. */
function duration(seconds: number): string {
  if (seconds < 60) return unit("second").format(Math.max(1, Math.round(seconds)));
  return unit("minute").format(Math.round(seconds / 60));
}
