// Admin → Import / Export: upload a WordPress, Disqus or Parley export into a site, watch its progress
// (import-progress.ts polls the server's job), and download a site's export (Parley JSON Lines,
// lossless and re-importable, or WXR for WordPress).
import { h } from "../dom.ts";
import { get, messageOf, request, withQuery } from "./api.ts";
import type { ImportJob, SiteView } from "./api-types.ts";
import { watchImport } from "./import-progress.ts";

export async function showImportExport(): Promise<void> {
  const root = document.getElementById("import-body") as HTMLElement;
  root.replaceChildren(h("p", { class: "queue-status", role: "status", text: "Loading…" }));
  let sites: SiteView[];
  try {
    ({ sites } = await get<{ sites: SiteView[] }>("/api/admin/sites"));
  } catch (error) {
    root.replaceChildren(
      h("p", { class: "queue-status is-error", role: "alert", text: `Could not load the sites: ${messageOf(error)}` }),
    );
    return;
  }
  const progress = h("div", { class: "import-progress", id: "import-progress", "aria-live": "polite" });
  root.replaceChildren(importForm(sites, progress), progress, exportSection(sites));
}

function siteSelect(id: string, sites: SiteView[]): HTMLSelectElement {
  return h(
    "select",
    { id, name: "site" },
    ...sites.map((s) => h("option", { value: s.id, text: s.id === "default" ? `${s.name} (hosted blog)` : s.name })),
  );
}

const options = (choices: [value: string, text: string][]) =>
  choices.map(([value, text]) => h("option", { value, text }));

function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const hintId = hint ? `${control.id}-hint` : undefined;
  if (hintId) control.setAttribute("aria-describedby", hintId);
  return h(
    "p",
    { class: "form-field" },
    h("label", { for: control.id, text: label }),
    control,
    hint ? h("span", { class: "form-hint", id: hintId, text: hint }) : null,
  );
}

function importForm(sites: SiteView[], progress: HTMLElement): HTMLFormElement {
  const file = h("input", {
    id: "import-file",
    type: "file",
    name: "file",
    accept: ".xml,.jsonl,.json,application/xml,text/xml",
    required: true,
  });
  const format = h(
    "select",
    { id: "import-format", name: "format" },
    ...options([
      ["wordpress", "WordPress (WXR, Tools → Export)"],
      ["disqus", "Disqus (the XML export Disqus mails you)"],
      ["parley", "Parley export (JSON Lines)"],
    ]),
  );
  const as = h(
    "select",
    { id: "import-as", name: "as" },
    ...options([
      ["", "Automatic (articles on the hosted blog, pages elsewhere)"],
      ["articles", "Hosted articles (title, body, author, category)"],
      ["pages", "Embedded pages (threads keyed by the page URL)"],
    ]),
  );
  const site = siteSelect("import-site", sites);
  const pingbacks = h("input", { id: "import-pingbacks", type: "checkbox", name: "pingbacks", checked: true });
  const dryRun = h("input", { id: "import-dry-run", type: "checkbox", name: "dryRun" });
  const status = h("span", { class: "form-status", role: "status" });
  const submit = h("button", { type: "submit", class: "submit", text: "Import" });
  const form = h(
    "form",
    { class: "console-form settings-form import-form", novalidate: true, "aria-labelledby": "import-form-title" },
    h("h3", { id: "import-form-title", text: "Import comments" }),
    h("p", {
      class: "form-hint",
      text: "Safe to repeat: comments already imported are not written twice, and an interrupted import finishes when run again.",
    }),
    h(
      "div",
      { class: "import-grid" },
      field("Export file", file),
      field("Format", format),
      field("Into site", site),
      field("Posts become", as),
    ),
    h("p", { class: "form-check" }, h("label", {}, pingbacks, " Import WordPress pingbacks and trackbacks")),
    h("p", { class: "form-check" }, h("label", {}, dryRun, " Dry run: read and report, write nothing")),
    h("p", { class: "form-actions" }, submit, status),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const chosen = file.files?.[0];
    if (!chosen) {
      status.textContent = "Choose an export file first.";
      file.focus();
      return;
    }
    submit.disabled = true;
    status.textContent = `Uploading ${chosen.name}…`;
    const path = withQuery("/api/admin/imports", {
      format: format.value,
      site: site.value,
      as: as.value,
      pingbacks: pingbacks.checked ? "import" : "skip",
      dryRun: dryRun.checked ? "true" : "false",
      name: chosen.name,
    });
    // The file as the request body (not JSON: the server streams it to disk).
    request<{ job: ImportJob }>("POST", path, chosen).then(
      ({ job }) => {
        status.textContent = "";
        watchImport(job.id, progress, () => (submit.disabled = false));
      },
      (error: unknown) => {
        status.textContent = messageOf(error);
        submit.disabled = false;
      },
    );
  });
  return form;
}

function exportSection(sites: SiteView[]): HTMLElement {
  const site = siteSelect("export-site", sites);
  const links = h("p", { class: "form-actions export-links" });
  const download = (format: string, text: string) =>
    h("a", {
      class: "button",
      href: withQuery("/api/admin/exports", { site: site.value, format }),
      download: "",
      text,
    });
  const update = () =>
    links.replaceChildren(
      download("parley", "Download Parley export (JSON Lines)"),
      download("wxr", "Download WordPress export (WXR)"),
    );
  site.addEventListener("change", update);
  update();
  return h(
    "section",
    { class: "console-form settings-form", "aria-labelledby": "export-title" },
    h("h3", { id: "export-title", text: "Export comments" }),
    h("p", {
      class: "form-hint",
      text:
        "Every thread and comment of a site. The Parley export keeps everything (statuses, replies, revisions, flags, sources) " +
        "and imports back with the Parley format; WXR goes to WordPress (Tools → Import).",
    }),
    field("Site", site),
    links,
  );
}
