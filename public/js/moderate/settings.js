// Admin settings: the site's moderation settings, and per-article overrides ("use the site's value"
// or an own value). Only changed fields are sent; a 422 shows each message beside the field it names.
import { get, put } from "./api.js";
import { announce, dismissToast, el } from "./dom.js";
import { FIELDS, INVALID, fieldFor } from "./settings-fields.js";

let data = null; // { site, articles: [{ slug, title, overrides }] }
let siteId = "default"; // whose settings are shown: the hosted blog, or a site that embeds the widget

export async function showSettings() {
  const root = document.getElementById("settings-body");
  root.replaceChildren(el("p", { class: "queue-status", role: "status", text: "Loading settings…" }));
  let sites;
  try {
    [data, { sites }] = await Promise.all([
      get(`/api/admin/settings?site=${encodeURIComponent(siteId)}`),
      get("/api/admin/sites"),
    ]);
  } catch (error) {
    root.replaceChildren(
      el("p", { class: "queue-status is-error", role: "alert", text: `Could not load the settings: ${error.message}` }),
    );
    return;
  }
  root.replaceChildren(
    ...(sites.length > 1 ? [sitePicker(sites)] : []),
    siteForm(),
    ...(data.articles.length || siteId === "default" ? [articlePanel()] : []),
  );
}

/** Each site has its own rules: the hosted blog's, and one set per site that embeds the widget. */
function sitePicker(sites) {
  const select = el(
    "select",
    { id: "settings-site" },
    sites.map((s) => el("option", { value: s.id, text: s.id === "default" ? `${s.name} (this blog)` : s.name })),
  );
  select.value = siteId;
  select.addEventListener("change", () => {
    siteId = select.value;
    void showSettings().then(() => document.getElementById("settings-site")?.focus());
  });
  return el(
    "p",
    { class: "console-form form-field settings-site" },
    el("label", { for: "settings-site", text: "Site" }),
    select,
  );
}

const keysOf = (site) => [
  ...FIELDS.map((f) => f.key).filter((k) => k in site),
  ...Object.keys(site).filter((k) => !FIELDS.some((f) => f.key === k)),
];

function siteForm() {
  const fields = keysOf(data.site).map((key) => fieldFor(key, data.site[key], { idPrefix: "site" }));
  const form = el(
    "form",
    {
      class: "console-form settings-form",
      id: "site-settings",
      novalidate: true,
      "aria-labelledby": "site-settings-title",
    },
    el("h3", { id: "site-settings-title", text: "Site settings" }),
    el("p", {
      class: "form-hint",
      text:
        siteId === "default"
          ? "Apply to every article unless the article overrides them below."
          : "Apply to every page of this site that embeds the comments.",
    }),
    el("p", { class: "form-error", role: "alert", hidden: true }),
    grouped(fields),
    el(
      "p",
      { class: "form-actions" },
      el("button", { type: "submit", class: "submit", text: "Save site settings" }),
      el("span", { class: "form-status", role: "status" }),
    ),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const changes = {};
    for (const f of fields) {
      const value = f.read();
      if (value !== INVALID && JSON.stringify(value) !== JSON.stringify(data.site[f.key])) changes[f.key] = value;
    }
    await save(form, fields, changes, async () => {
      const res = await put(`/api/admin/settings?site=${encodeURIComponent(siteId)}`, changes);
      data.site = res.site;
      for (const f of fields) f.write(data.site[f.key]);
      announce("Site settings saved");
    });
  });
  return form;
}

function articlePanel() {
  const select = el(
    "select",
    { id: "override-article" },
    data.articles.map((a) => el("option", { value: a.slug, text: a.title })),
  );
  const holder = el("div", { class: "override-holder" });
  const render = () => holder.replaceChildren(articleForm(data.articles.find((a) => a.slug === select.value)));
  select.addEventListener("change", render);
  const panel = el(
    "section",
    { class: "settings-articles console-form", "aria-labelledby": "article-settings-title" },
    el("h3", { id: "article-settings-title", text: "Per-article overrides" }),
    el("p", { class: "form-field" }, el("label", { for: "override-article", text: "Article" }), select),
    holder,
  );
  if (data.articles.length) render();
  else holder.append(el("p", { class: "queue-status", text: "No articles yet." }));
  return panel;
}

function articleForm(article) {
  const fields = keysOf(data.site).map((key) =>
    fieldFor(key, article.overrides[key] ?? data.site[key], {
      idPrefix: `article-${article.slug}`,
      overridable: true,
      overridden: key in article.overrides,
      siteValue: data.site[key],
    }),
  );
  const closedBox = el("input", { type: "checkbox", id: "article-closed" });
  closedBox.checked = !!article.closed;
  const form = el(
    "form",
    { class: "console-form settings-form", id: "article-settings", novalidate: true },
    el("p", {
      class: "form-hint",
      text: "Tick “Override” to give this article its own value; untick it to follow the site again.",
    }),
    el("p", { class: "form-error", role: "alert", hidden: true }),
    el(
      "div",
      { class: "form-field check-line closed-line" },
      closedBox,
      el("label", { for: closedBox.id, text: "Comments are closed on this article" }),
    ),
    grouped(fields),
    el(
      "p",
      { class: "form-actions" },
      el("button", { type: "submit", class: "submit", text: "Save overrides" }),
      el("span", { class: "form-status", role: "status" }),
    ),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const changes = {};
    for (const f of fields) {
      const had = f.key in article.overrides;
      if (!f.isOverridden()) {
        if (had) changes[f.key] = null;
        continue;
      }
      const value = f.read();
      if (value !== INVALID && (!had || JSON.stringify(value) !== JSON.stringify(article.overrides[f.key])))
        changes[f.key] = value;
    }
    if (closedBox.checked !== !!article.closed) changes.closed = closedBox.checked;
    await save(form, fields, changes, async () => {
      const res = await put(`/api/admin/articles/${encodeURIComponent(article.slug)}/settings`, changes);
      article.overrides = res.overrides;
      if (typeof res.closed === "boolean") article.closed = res.closed;
      form.replaceWith(articleForm(article));
      announce(`Settings for “${article.title}” saved`);
    });
  });
  return form;
}

/** Fields in fieldsets by group (Moderation, Words, …), in FIELDS order. */
function grouped(fields) {
  const groups = new Map();
  for (const f of fields) (groups.get(f.group) ?? groups.set(f.group, []).get(f.group)).push(f.node);
  return [...groups].map(([name, nodes]) =>
    el(
      "fieldset",
      { class: "settings-group" },
      el("legend", { text: name }),
      el("div", { class: "settings-grid" }, nodes),
    ),
  );
}

async function save(form, fields, changes, send) {
  const formError = form.querySelector(".form-error");
  const status = form.querySelector(".form-status");
  const button = form.querySelector("button[type=submit]");
  // Whatever the last save said is stale now: its errors, its "Saved.", its toast.
  formError.hidden = true;
  status.textContent = "";
  for (const f of fields) f.setError("");
  dismissToast();
  const bad = fields.find((f) => f.read() === INVALID && (!f.isOverridden || f.isOverridden()));
  if (bad) return bad.focus();
  if (!Object.keys(changes).length) {
    status.textContent = "Nothing changed.";
    return;
  }
  button.disabled = true;
  status.textContent = "Saving…";
  try {
    await send();
    status.textContent = "Saved.";
  } catch (error) {
    status.textContent = "";
    dismissToast();
    showRefusal(form, fields, error);
  } finally {
    button.disabled = false;
  }
}

/** Each field the API refused gets its message beside it (for a list, the bad line in front); anything not
 *  about a field on this form goes in the form's alert. Focus goes to the first bad field. */
function showRefusal(form, fields, error) {
  const byPath = error.fields ?? (error.field ? { [error.field]: error.message } : {});
  const marked = [];
  const elsewhere = [];
  for (const [path, message] of Object.entries(byPath)) {
    const [key, index] = path.split(".");
    const field = fields.find((f) => f.key === key);
    if (!field) elsewhere.push(message);
    else if (!marked.includes(field)) {
      const item = /^\d+$/.test(index ?? "") ? field.read()[Number(index)] : undefined;
      field.setError(typeof item === "string" ? `“${item}”: ${message}` : message);
      marked.push(field);
    }
  }
  if (elsewhere.length || !marked.length) {
    const formError = form.querySelector(".form-error");
    formError.textContent = elsewhere.length ? elsewhere.join(" ") : error.message;
    formError.hidden = false;
  }
  marked[0]?.focus();
}
