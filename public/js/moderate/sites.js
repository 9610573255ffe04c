// Admin: the sites that embed the comment widget. Register one (a name and the origins allowed to
// embed it), change its name or origins, and copy the script tag to paste into its pages. Origins
// are one per line, exactly scheme://host[:port]; the server says which line is wrong.
import { get, patch, post } from "./api.js";
import { announce, el } from "./dom.js";

export async function showSites() {
  const root = document.getElementById("sites-body");
  root.replaceChildren(el("p", { class: "queue-status", role: "status", text: "Loading sites…" }));
  let sites;
  try {
    ({ sites } = await get("/api/admin/sites"));
  } catch (error) {
    root.replaceChildren(
      el("p", { class: "queue-status is-error", role: "alert", text: `Could not load the sites: ${error.message}` }),
    );
    return;
  }
  const list = el("div", { class: "sites-list" }, sites.map(siteCard));
  root.replaceChildren(newSiteForm(list), list);
}

function siteForm({ id, site, title, submitLabel, onSubmit }) {
  const name = el("input", { id: `${id}-name`, type: "text", maxlength: 100, required: true, value: site?.name ?? "" });
  const origins = el("textarea", {
    id: `${id}-origins`,
    class: "mono",
    rows: 3,
    placeholder: "https://blog.example.com",
    "aria-describedby": `${id}-origins-hint ${id}-origins-error`,
  });
  origins.value = (site?.allowedOrigins ?? []).join("\n");
  const errors = {
    name: el("span", { class: "field-error", id: `${id}-name-error`, hidden: true }),
    allowedOrigins: el("span", { class: "field-error", id: `${id}-origins-error`, hidden: true }),
  };
  name.setAttribute("aria-describedby", errors.name.id);
  const status = el("span", { class: "form-status", role: "status" });
  const form = el(
    "form",
    { class: "console-form settings-form", novalidate: true, "aria-label": title },
    el("h3", { text: title }),
    el("p", { class: "form-field" }, el("label", { for: name.id, text: "Name" }), name, errors.name),
    el(
      "p",
      { class: "form-field" },
      el("label", { for: origins.id, text: "Allowed origins" }),
      origins,
      el("span", {
        class: "form-hint",
        id: `${id}-origins-hint`,
        text: "One per line, exactly scheme://host[:port] (no path). Only pages on these origins can show and post comments.",
      }),
      errors.allowedOrigins,
    ),
    el("p", { class: "form-actions" }, el("button", { type: "submit", class: "submit", text: submitLabel }), status),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    for (const err of Object.values(errors)) err.hidden = true;
    const lines = origins.value
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean);
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    status.textContent = "Saving…";
    try {
      await onSubmit({ name: name.value, allowedOrigins: lines }, form);
      status.textContent = "Saved.";
    } catch (error) {
      status.textContent = "";
      const [field, index] = (error.field ?? "").split(".");
      const target = errors[field];
      if (!target) return void (status.textContent = error.message);
      target.textContent =
        index === undefined ? error.message : `Line ${Number(index) + 1} (${lines[Number(index)]}): ${error.message}`;
      target.hidden = false;
      (field === "name" ? name : origins).focus();
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

function newSiteForm(list) {
  return siteForm({
    id: "new-site",
    title: "Register a site",
    submitLabel: "Register site",
    async onSubmit(input, form) {
      const { site } = await post("/api/admin/sites", input);
      list.prepend(siteCard(site));
      form.reset();
      announce(`Site “${site.name}” registered`);
    },
  });
}

function siteCard(site) {
  const snippet = `<script src="${location.origin}/embed.js" data-parley-site="${site.id}" async></script>`;
  const copy = el("button", { type: "button", class: "link-button", text: "Copy tag" });
  copy.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(snippet);
      announce("Script tag copied");
    } catch {
      announce("Select the tag and copy it by hand");
    }
  });
  const form = siteForm({
    id: `site-${site.id}`,
    site,
    title: site.name,
    submitLabel: "Save",
    async onSubmit(input, f) {
      const res = await patch(`/api/admin/sites/${encodeURIComponent(site.id)}`, input);
      Object.assign(site, res.site);
      f.querySelector("h3").textContent = site.name;
      announce(`Site “${site.name}” saved`);
    },
  });
  form
    .querySelector("h3")
    .after(
      el(
        "p",
        { class: "form-hint" },
        `Site id ${site.id} · ${site.threadCount} ${site.threadCount === 1 ? "thread" : "threads"}`,
      ),
      el("div", { class: "embed-snippet" }, el("pre", {}, el("code", { text: snippet })), copy),
    );
  return form;
}
