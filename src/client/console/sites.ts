// Admin: the sites that embed the comment widget. Register one (a name and the origins allowed to
// embed it), change its name or origins, and copy the script tag to paste into its pages. Origins
// are one per line, exactly scheme://host[:port]; the server says which line is wrong.
import { h } from "../dom.ts";
import { announce } from "./announce.ts";
import { ApiError, messageOf, patch, post } from "./api.ts";
import type { SiteView } from "./api-types.ts";
import { loadSitesInto } from "./load-into.ts";
import { count, say, t } from "./lang.ts";

type SiteInput = { name: string; allowedOrigins: string[] };
type SiteFormOptions = {
  id: string;
  site?: SiteView;
  title: string;
  submitLabel: string;
  onSubmit: (input: SiteInput, form: HTMLFormElement) => Promise<void>;
};

export async function showSites(): Promise<void> {
  const root = document.getElementById("sites-body") as HTMLElement;
  const sites = await loadSitesInto(root, t.admin.loadingSites);
  if (!sites) return;
  const list = h("div", { class: "sites-list" }, ...sites.map(siteCard));
  root.replaceChildren(newSiteForm(list), list);
}

function siteForm({ id, site, title, submitLabel, onSubmit }: SiteFormOptions): HTMLFormElement {
  const name = h("input", { id: `${id}-name`, type: "text", maxlength: 100, required: true, value: site?.name ?? "" });
  const origins = h("textarea", {
    id: `${id}-origins`,
    class: "mono",
    rows: 3,
    placeholder: "https://blog.example.com",
    "aria-describedby": `${id}-origins-hint ${id}-origins-error`,
  });
  origins.value = (site?.allowedOrigins ?? []).join("\n");
  const errors: Record<"name" | "allowedOrigins", HTMLElement> = {
    name: h("span", { class: "field-error", id: `${id}-name-error`, hidden: true }),
    allowedOrigins: h("span", { class: "field-error", id: `${id}-origins-error`, hidden: true }),
  };
  name.setAttribute("aria-describedby", errors.name.id);
  const status = h("span", { class: "form-status", role: "status" });
  const button = h("button", { type: "submit", class: "submit", text: submitLabel });
  const form = h(
    "form",
    { class: "console-form settings-form", novalidate: true, "aria-label": title },
    h("h3", { text: title }),
    h("p", { class: "form-field" }, h("label", { for: name.id, text: t.admin.name }), name, errors.name),
    h(
      "p",
      { class: "form-field" },
      h("label", { for: origins.id, text: t.admin.allowedOrigins }),
      origins,
      h("span", {
        class: "form-hint",
        id: `${id}-origins-hint`,
        text: t.admin.originsHint,
      }),
      errors.allowedOrigins,
    ),
    h("p", { class: "form-actions" }, button, status),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void submit();
  });
  async function submit() {
    for (const err of Object.values(errors)) err.hidden = true;
    const lines = origins.value
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean);
    button.disabled = true;
    status.textContent = t.admin.saving;
    try {
      await onSubmit({ name: name.value, allowedOrigins: lines }, form);
      status.textContent = t.admin.saved;
    } catch (error) {
      status.textContent = "";
      const [field = "", index] = (error instanceof ApiError ? (error.field ?? "") : "").split(".");
      const target = field === "name" || field === "allowedOrigins" ? errors[field] : undefined;
      if (!target) return void (status.textContent = messageOf(error));
      target.textContent =
        index === undefined
          ? messageOf(error)
          : say(t.admin.originLine, {
              line: Number(index) + 1,
              origin: lines[Number(index)] ?? "",
              message: messageOf(error),
            });
      target.hidden = false;
      (field === "name" ? name : origins).focus();
    } finally {
      button.disabled = false;
    }
  }
  return form;
}

function newSiteForm(list: HTMLElement): HTMLFormElement {
  return siteForm({
    id: "new-site",
    title: t.admin.registerSite,
    submitLabel: t.admin.registerButton,
    async onSubmit(input, form) {
      const { site } = await post<{ site: SiteView }>("/api/admin/sites", input);
      list.prepend(siteCard(site));
      form.reset();
      announce(say(t.admin.siteRegistered, { name: site.name }));
    },
  });
}

function siteCard(site: SiteView): HTMLFormElement {
  const snippet = `<script src="${location.origin}/embed.js" data-parley-site="${site.id}" async></script>`;
  const copy = h("button", { type: "button", class: "link-button", text: t.admin.copyTag });
  copy.addEventListener("click", () => {
    navigator.clipboard.writeText(snippet).then(
      () => announce(t.admin.tagCopied),
      () => announce(t.admin.copyByHand),
    );
  });
  const form = siteForm({
    id: `site-${site.id}`,
    site,
    title: site.name,
    submitLabel: t.admin.save,
    async onSubmit(input, f) {
      const res = await patch<{ site: SiteView }>(`/api/admin/sites/${encodeURIComponent(site.id)}`, input);
      Object.assign(site, res.site);
      const heading = f.querySelector("h3");
      if (heading) heading.textContent = site.name;
      announce(say(t.admin.siteSaved, { name: site.name }));
    },
  });
  form
    .querySelector("h3")
    ?.after(
      h("p", { class: "form-hint" }, say(count(t.admin.siteFacts, site.threadCount), { id: site.id })),
      h("div", { class: "embed-snippet" }, h("pre", {}, h("code", { text: snippet })), copy),
    );
  return form;
}
