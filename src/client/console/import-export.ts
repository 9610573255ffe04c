// Admin → Import / Export: upload a WordPress, Disqus or Parley export into a site, watch its progress
// (import-progress.ts polls the server's job), and download a site's export (Parley JSON Lines,
// lossless and re-importable, or WXR for WordPress).
import { h } from "../dom.ts";
import { messageOf, request, withQuery } from "./api.ts";
import type { ImportJob, SiteView } from "./api-types.ts";
import { watchImport } from "./import-progress.ts";
import { loadSitesInto } from "./load-into.ts";
import { say, t } from "./lang.ts";

export async function showImportExport(): Promise<void> {
  const root = document.getElementById("import-body") as HTMLElement;
  const sites = await loadSitesInto(root, t.admin.loading);
  if (!sites) return;
  const progress = h("div", { class: "import-progress", id: "import-progress", "aria-live": "polite" });
  root.replaceChildren(importForm(sites, progress), progress, exportSection(sites));
}

function siteSelect(id: string, sites: SiteView[]): HTMLSelectElement {
  return h(
    "select",
    { id, name: "site" },
    ...sites.map((s) =>
      h("option", { value: s.id, text: s.id === "default" ? say(t.admin.hostedBlog, { name: s.name }) : s.name }),
    ),
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
  const format = h("select", { id: "import-format", name: "format" }, ...options(Object.entries(t.admin.formats)));
  const as = h(
    "select",
    { id: "import-as", name: "as" },
    ...options(Object.entries(t.admin.importAs).map(([value, text]) => [value === "auto" ? "" : value, text])),
  );
  const site = siteSelect("import-site", sites);
  const pingbacks = h("input", { id: "import-pingbacks", type: "checkbox", name: "pingbacks", checked: true });
  const dryRun = h("input", { id: "import-dry-run", type: "checkbox", name: "dryRun" });
  const status = h("span", { class: "form-status", role: "status" });
  const submit = h("button", { type: "submit", class: "submit", text: t.admin.importButton });
  const form = h(
    "form",
    { class: "console-form settings-form import-form", novalidate: true, "aria-labelledby": "import-form-title" },
    h("h3", { id: "import-form-title", text: t.admin.importTitle }),
    h("p", {
      class: "form-hint",
      text: t.admin.importHint,
    }),
    h(
      "div",
      { class: "import-grid" },
      field(t.admin.exportFile, file),
      field(t.admin.format, format),
      field(t.admin.intoSite, site),
      field(t.admin.postsBecome, as),
    ),
    h("p", { class: "form-check" }, h("label", {}, pingbacks, t.admin.importPingbacks)),
    h("p", { class: "form-check" }, h("label", {}, dryRun, t.admin.dryRun)),
    h("p", { class: "form-actions" }, submit, status),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const chosen = file.files?.[0];
    if (!chosen) {
      status.textContent = t.admin.chooseFile;
      file.focus();
      return;
    }
    submit.disabled = true;
    status.textContent = say(t.admin.uploading, { file: chosen.name });
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
    links.replaceChildren(download("parley", t.admin.downloadParley), download("wxr", t.admin.downloadWxr));
  site.addEventListener("change", update);
  update();
  return h(
    "section",
    { class: "console-form settings-form", "aria-labelledby": "export-title" },
    h("h3", { id: "export-title", text: t.admin.exportTitle }),
    h("p", {
      class: "form-hint",
      text: t.admin.exportHint,
    }),
    field(t.admin.site, site),
    links,
  );
}
