// Admin → Import / Export: upload a WordPress, Disqus or Parley export into a site, watch its progress
// (polled from the server's job: items read, comments written, rate, time left), read the same summary
// the CLI prints (every problem with its id or line), and download a site's export (Parley JSON Lines,
// lossless and re-importable, or WXR for WordPress).
import { get, request, withQuery } from "./api.js";
import { announce, el } from "./dom.js";

const POLL_MS = 500;
let polling = null;

export async function showImportExport() {
  const root = document.getElementById("import-body");
  root.replaceChildren(el("p", { class: "queue-status", role: "status", text: "Loading…" }));
  let sites;
  try {
    ({ sites } = await get("/api/admin/sites"));
  } catch (error) {
    root.replaceChildren(
      el("p", { class: "queue-status is-error", role: "alert", text: `Could not load the sites: ${error.message}` }),
    );
    return;
  }
  const progress = el("div", { class: "import-progress", id: "import-progress", "aria-live": "polite" });
  root.replaceChildren(importForm(sites, progress), progress, exportSection(sites));
}

function siteSelect(id, sites) {
  return el(
    "select",
    { id, name: "site" },
    sites.map((s) => el("option", { value: s.id, text: s.id === "default" ? `${s.name} (hosted blog)` : s.name })),
  );
}

function field(label, control, hint) {
  const hintId = hint ? `${control.id}-hint` : undefined;
  if (hintId) control.setAttribute("aria-describedby", hintId);
  return el(
    "p",
    { class: "form-field" },
    el("label", { for: control.id, text: label }),
    control,
    hint && el("span", { class: "form-hint", id: hintId, text: hint }),
  );
}

function importForm(sites, progress) {
  const file = el("input", {
    id: "import-file",
    type: "file",
    name: "file",
    accept: ".xml,.jsonl,.json,application/xml,text/xml",
    required: true,
  });
  const format = el(
    "select",
    { id: "import-format", name: "format" },
    el("option", { value: "wordpress", text: "WordPress (WXR, Tools → Export)" }),
    el("option", { value: "disqus", text: "Disqus (the XML export Disqus mails you)" }),
    el("option", { value: "parley", text: "Parley export (JSON Lines)" }),
  );
  const as = el(
    "select",
    { id: "import-as", name: "as" },
    el("option", { value: "", text: "Automatic (articles on the hosted blog, pages elsewhere)" }),
    el("option", { value: "articles", text: "Hosted articles (title, body, author, category)" }),
    el("option", { value: "pages", text: "Embedded pages (threads keyed by the page URL)" }),
  );
  const pingbacks = el("input", { id: "import-pingbacks", type: "checkbox", name: "pingbacks", checked: true });
  const dryRun = el("input", { id: "import-dry-run", type: "checkbox", name: "dryRun" });
  const status = el("span", { class: "form-status", role: "status" });
  const submit = el("button", { type: "submit", class: "submit", text: "Import" });
  const form = el(
    "form",
    { class: "console-form settings-form import-form", novalidate: true, "aria-labelledby": "import-form-title" },
    el("h3", { id: "import-form-title", text: "Import comments" }),
    el("p", {
      class: "form-hint",
      text: "Safe to repeat: comments already imported are not written twice, and an interrupted import finishes when run again.",
    }),
    el(
      "div",
      { class: "import-grid" },
      field("Export file", file),
      field("Format", format),
      field("Into site", siteSelect("import-site", sites)),
      field("Posts become", as),
    ),
    el("p", { class: "form-check" }, el("label", {}, pingbacks, " Import WordPress pingbacks and trackbacks")),
    el("p", { class: "form-check" }, el("label", {}, dryRun, " Dry run: read and report, write nothing")),
    el("p", { class: "form-actions" }, submit, status),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const chosen = file.files?.[0];
    if (!chosen) {
      status.textContent = "Choose an export file first.";
      file.focus();
      return;
    }
    submit.disabled = true;
    status.textContent = `Uploading ${chosen.name}…`;
    try {
      const path = withQuery("/api/admin/imports", {
        format: format.value,
        site: form.elements.site.value,
        as: as.value,
        pingbacks: pingbacks.checked ? "import" : "skip",
        dryRun: dryRun.checked ? "true" : "false",
        name: chosen.name,
      });
      const { job } = await upload(path, chosen);
      status.textContent = "";
      watch(job.id, progress, () => (submit.disabled = false));
    } catch (error) {
      status.textContent = error.message;
      submit.disabled = false;
    }
  });
  return form;
}

/** The file as the request body (not JSON: the server streams it to disk). */
async function upload(path, file) {
  return request("POST", path, file);
}

function watch(id, root, done) {
  clearTimeout(polling);
  const tick = async () => {
    let job;
    try {
      ({ job } = await get(`/api/admin/imports/${encodeURIComponent(id)}`));
    } catch (error) {
      root.replaceChildren(el("p", { class: "queue-status is-error", role: "alert", text: error.message }));
      return done();
    }
    root.replaceChildren(renderJob(job));
    if (job.status === "running") polling = setTimeout(tick, POLL_MS);
    else {
      done();
      announce(job.status === "done" ? "Import finished." : "Import failed.");
    }
  };
  void tick();
}

function renderJob(job) {
  const p = job.progress;
  const share = p?.totalBytes ? Math.min(1, p.bytesRead / p.totalBytes) : job.status === "done" ? 1 : 0;
  const seconds = (p?.elapsedMs ?? 0) / 1000;
  const rate = seconds > 0 ? Math.round((p?.commentsRead ?? 0) / seconds) : 0;
  const left = share > 0 && share < 1 ? (seconds / share) * (1 - share) : null;
  const heading =
    job.status === "running"
      ? `Importing ${job.fileName}…`
      : job.status === "done"
        ? `${job.dryRun ? "Dry run of" : "Imported"} ${job.fileName}`
        : `Could not import ${job.fileName}`;
  return el(
    "section",
    { class: `import-job is-${job.status}`, "aria-label": heading },
    el("h3", { text: heading }),
    el("progress", { max: 100, value: Math.round(share * 100), "aria-label": "Import progress" }),
    p &&
      el(
        "p",
        { class: "import-figures" },
        `${(share * 100).toFixed(0)}% · ${p.itemsRead.toLocaleString()} items read · ` +
          `${p.commentsWritten.toLocaleString()} comments written · ${rate.toLocaleString()}/s`,
        left !== null && job.status === "running" ? ` · about ${duration(left)} left` : "",
      ),
    job.error && el("p", { class: "queue-status is-error", role: "alert", text: job.error }),
    job.report.length > 0 && summaryView(job),
  );
}

function summaryView(job) {
  const [first, ...rest] = job.report;
  const problems = rest.filter((l) => l.startsWith("  "));
  const lines = rest.filter((l) => !l.startsWith("  "));
  return el(
    "div",
    { class: "import-summary" },
    el("p", { class: "import-summary-head", text: first }),
    el(
      "ul",
      {},
      lines.map((l) => el("li", { text: l })),
    ),
    problems.length > 0 &&
      el(
        "details",
        { open: problems.length <= 20 },
        el("summary", { text: `Problems (${job.summary.problems.total})` }),
        el(
          "ul",
          { class: "import-problems mono" },
          problems.map((l) => el("li", { text: l.trim().replace(/^- /, "") })),
        ),
      ),
    job.summary &&
      job.summary.as === "articles" &&
      !job.dryRun &&
      el("p", {}, el("a", { href: "/", text: "See the imported articles" })),
  );
}

function exportSection(sites) {
  const site = siteSelect("export-site", sites);
  const links = el("p", { class: "form-actions export-links" });
  const update = () => {
    links.replaceChildren(
      el("a", {
        class: "button",
        href: withQuery("/api/admin/exports", { site: site.value, format: "parley" }),
        download: "",
        text: "Download Parley export (JSON Lines)",
      }),
      el("a", {
        class: "button",
        href: withQuery("/api/admin/exports", { site: site.value, format: "wxr" }),
        download: "",
        text: "Download WordPress export (WXR)",
      }),
    );
  };
  site.addEventListener("change", update);
  update();
  return el(
    "section",
    { class: "console-form settings-form", "aria-labelledby": "export-title" },
    el("h3", { id: "export-title", text: "Export comments" }),
    el("p", {
      class: "form-hint",
      text:
        "Every thread and comment of a site. The Parley export keeps everything (statuses, replies, revisions, flags, sources) " +
        "and imports back with the Parley format; WXR goes to WordPress (Tools → Import).",
    }),
    field("Site", site),
    links,
  );
}

function duration(seconds) {
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`;
  return `${Math.round(seconds / 60)} min`;
}
