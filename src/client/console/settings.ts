// Admin settings: the site's moderation settings, and per-article overrides ("use the site's value"
// or an own value). Only changed fields are sent; a 422 shows each message beside the field it names.
import { h } from "../dom.ts";
import { announce, dismissToast } from "./announce.ts";
import { ApiError, get, messageOf, put } from "./api.ts";
import type { ArticleSettingsAnswer, SettingsPage, SiteSettings, SiteView } from "./api-types.ts";
import { say, t } from "./lang.ts";
import { loadInto } from "./load-into.ts";
import { FIELDS } from "./settings-field-specs.ts";
import { INVALID, fieldFor, type FieldValue, type SettingsField } from "./settings-fields.ts";

type Article = SettingsPage["articles"][number];
type Values = Record<string, FieldValue>;

let siteId = "default"; // whose settings are shown: the hosted blog, or a site that embeds the widget

/** The settings as plain key → value (the form walks keys it may not know by name). */
const valuesOf = (settings: Partial<SiteSettings>): Values => settings;
const same = (a: FieldValue, b: FieldValue) => JSON.stringify(a) === JSON.stringify(b);

export async function showSettings(): Promise<void> {
  const root = document.getElementById("settings-body") as HTMLElement;
  const loaded = await loadInto(root, t.admin.loadingSettings, t.admin.couldNotLoadSettings, () =>
    Promise.all([
      get<SettingsPage>(`/api/admin/settings?site=${encodeURIComponent(siteId)}`),
      get<{ sites: SiteView[] }>("/api/admin/sites"),
    ]),
  );
  if (!loaded) return;
  const [page, { sites }] = loaded;
  root.replaceChildren(
    sites.length > 1 ? sitePicker(sites) : "",
    siteForm(page),
    page.articles.length || siteId === "default" ? articlePanel(page) : "",
  );
}

/** Each site has its own rules: the hosted blog's, and one set per site that embeds the widget. */
function sitePicker(sites: SiteView[]): HTMLElement {
  const select = h(
    "select",
    { id: "settings-site" },
    ...sites.map((s) =>
      h("option", { value: s.id, text: s.id === "default" ? say(t.admin.thisBlog, { name: s.name }) : s.name }),
    ),
  );
  select.value = siteId;
  select.addEventListener("change", () => {
    siteId = select.value;
    void showSettings().then(() => document.getElementById("settings-site")?.focus());
  });
  return h(
    "p",
    { class: "console-form form-field settings-site" },
    h("label", { for: "settings-site", text: t.admin.site }),
    select,
  );
}

const keysOf = (site: Values) => [
  ...FIELDS.map((f) => f.key).filter((k) => k in site),
  ...Object.keys(site).filter((k) => !FIELDS.some((f) => f.key === k)),
];

type Shell = { attrs: Record<string, string>; intro: Node[]; lead?: Node[]; submit: string };

/** The form around the fields: its intro, the alert for what is not about one field, the groups, Save. */
function formShell(fields: SettingsField[], { attrs, intro, lead = [], submit }: Shell): HTMLFormElement {
  return h(
    "form",
    { class: "console-form settings-form", novalidate: true, ...attrs },
    ...intro,
    h("p", { class: "form-error", role: "alert", hidden: true }),
    ...lead,
    ...grouped(fields),
    h(
      "p",
      { class: "form-actions" },
      h("button", { type: "submit", class: "submit", text: submit }),
      h("span", { class: "form-status", role: "status" }),
    ),
  );
}

function siteForm(page: SettingsPage): HTMLFormElement {
  const site = valuesOf(page.site);
  const fields = keysOf(site).map((key) => fieldFor(key, site[key], { idPrefix: "site" }));
  const form = formShell(fields, {
    attrs: { id: "site-settings", "aria-labelledby": "site-settings-title" },
    submit: t.admin.saveSiteSettings,
    intro: [
      h("h3", { id: "site-settings-title", text: t.admin.siteSettings }),
      h("p", {
        class: "form-hint",
        text: siteId === "default" ? t.admin.siteHintDefault : t.admin.siteHintEmbed,
      }),
    ],
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const changes: Values = {};
    for (const f of fields) {
      const value = f.read();
      if (value !== INVALID && !same(value, valuesOf(page.site)[f.key])) changes[f.key] = value;
    }
    void save(form, fields, changes, async () => {
      const res = await put<{ site: SiteSettings }>(`/api/admin/settings?site=${encodeURIComponent(siteId)}`, changes);
      page.site = res.site;
      for (const f of fields) f.write(valuesOf(page.site)[f.key]);
      announce(t.admin.siteSettingsSaved);
    });
  });
  return form;
}

function articlePanel(page: SettingsPage): HTMLElement {
  const select = h(
    "select",
    { id: "override-article" },
    ...page.articles.map((a) => h("option", { value: a.slug, text: a.title })),
  );
  const holder = h("div", { class: "override-holder" });
  const render = () => {
    const article = page.articles.find((a) => a.slug === select.value);
    if (article) holder.replaceChildren(articleForm(page, article));
  };
  select.addEventListener("change", render);
  const panel = h(
    "section",
    { class: "settings-articles console-form", "aria-labelledby": "article-settings-title" },
    h("h3", { id: "article-settings-title", text: t.admin.perArticle }),
    h("p", { class: "form-field" }, h("label", { for: "override-article", text: t.admin.article }), select),
    holder,
  );
  if (page.articles.length) render();
  else holder.append(h("p", { class: "queue-status", text: t.admin.noArticles }));
  return panel;
}

function articleForm(page: SettingsPage, article: Article): HTMLFormElement {
  const site = valuesOf(page.site);
  const overrides = () => valuesOf(article.overrides);
  const fields = keysOf(site).map((key) =>
    fieldFor(key, overrides()[key] ?? site[key], {
      idPrefix: `article-${article.slug}`,
      overridable: true,
      overridden: key in overrides(),
      siteValue: site[key],
    }),
  );
  const closedBox = h("input", { type: "checkbox", id: "article-closed" });
  closedBox.checked = article.closed;
  const form = formShell(fields, {
    attrs: { id: "article-settings" },
    submit: t.admin.saveOverrides,
    intro: [
      h("p", {
        class: "form-hint",
        text: t.admin.overrideHint,
      }),
    ],
    lead: [
      h(
        "div",
        { class: "form-field check-line closed-line" },
        closedBox,
        h("label", { for: closedBox.id, text: t.admin.closedOnArticle }),
      ),
    ],
  });
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const changes: Values = {};
    for (const f of fields) {
      const had = f.key in overrides();
      if (!f.isOverridden()) {
        if (had) changes[f.key] = null;
        continue;
      }
      const value = f.read();
      if (value !== INVALID && (!had || !same(value, overrides()[f.key]))) changes[f.key] = value;
    }
    if (closedBox.checked !== article.closed) changes.closed = closedBox.checked;
    void save(form, fields, changes, async () => {
      const res = await put<ArticleSettingsAnswer>(
        `/api/admin/articles/${encodeURIComponent(article.slug)}/settings`,
        changes,
      );
      article.overrides = res.overrides;
      if (typeof res.closed === "boolean") article.closed = res.closed;
      form.replaceWith(articleForm(page, article));
      announce(say(t.admin.articleSaved, { title: article.title }));
    });
  });
  return form;
}

/** Fields in fieldsets by group (Moderation, Words, …), in FIELDS order. */
function grouped(fields: SettingsField[]): HTMLElement[] {
  const groups = new Map<string, HTMLElement[]>();
  for (const f of fields) groups.set(f.groupName, [...(groups.get(f.groupName) ?? []), f.node]);
  return [...groups].map(([name, nodes]) =>
    h(
      "fieldset",
      { class: "settings-group" },
      h("legend", { text: name }),
      h("div", { class: "settings-grid" }, ...nodes),
    ),
  );
}

async function save(form: HTMLFormElement, fields: SettingsField[], changes: Values, send: () => Promise<void>) {
  const formError = form.querySelector<HTMLElement>(".form-error");
  const status = form.querySelector<HTMLElement>(".form-status");
  const button = form.querySelector<HTMLButtonElement>("button[type=submit]");
  if (!formError || !status || !button) return;
  // Whatever the last save said is stale now: its errors, its "Saved.", its toast.
  formError.hidden = true;
  status.textContent = "";
  for (const f of fields) f.setError("");
  dismissToast();
  const bad = fields.find((f) => f.isOverridden() && f.read() === INVALID);
  if (bad) return bad.focus();
  if (!Object.keys(changes).length) {
    status.textContent = t.admin.nothingChanged;
    return;
  }
  button.disabled = true;
  status.textContent = t.admin.saving;
  try {
    await send();
    status.textContent = t.admin.saved;
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
function showRefusal(form: HTMLFormElement, fields: SettingsField[], error: unknown): void {
  const api = error instanceof ApiError ? error : null;
  const byPath = api?.fields ?? (api?.field ? { [api.field]: api.message } : {});
  const marked: SettingsField[] = [];
  const elsewhere: string[] = [];
  for (const [path, message] of Object.entries(byPath)) {
    const [key, index] = path.split(".");
    const field = fields.find((f) => f.key === key);
    if (!field) elsewhere.push(message);
    else if (!marked.includes(field)) {
      const value = field.read();
      const item = /^\d+$/.test(index ?? "") && Array.isArray(value) ? (value[Number(index)] as unknown) : undefined;
      field.setError(typeof item === "string" ? `“${item}”: ${message}` : message);
      marked.push(field);
    }
  }
  const formError = form.querySelector<HTMLElement>(".form-error");
  if (formError && (elsewhere.length || !marked.length)) {
    formError.textContent = elsewhere.length ? elsewhere.join(" ") : messageOf(error);
    formError.hidden = false;
  }
  marked[0]?.focus();
}
