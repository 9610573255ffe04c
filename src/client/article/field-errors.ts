// The comment form's errors with JavaScript on: every bad field at once (as the no-JS page does),
// focus on the first. A field's error goes as soon as the reader changes that field, so a message
// never stays beside text it no longer describes; the others stay until the next submit.
export type ApiError = { code?: string; message?: string; field?: string; fields?: Record<string, string> };

import type { PageCatalog } from "../i18n/page-catalogs.ts";

export function followFieldErrors(m: PageCatalog, form: HTMLFormElement, status: HTMLElement) {
  form.addEventListener("input", (e) => {
    const name = (e.target as HTMLInputElement | null)?.name;
    if (name) clearField(name);
  });

  function clearField(name: string) {
    const slot = form.querySelector<HTMLElement>(`#${CSS.escape(name)}-error`);
    const input = form.elements.namedItem(name) as HTMLElement | null;
    if (!slot || slot.hidden || !input) return;
    slot.hidden = true;
    slot.textContent = "";
    slot.parentElement?.classList.remove("has-error");
    input.removeAttribute("aria-invalid");
    const described = (input.getAttribute("aria-describedby") ?? "").split(/\s+/).filter((id) => id && id !== slot.id);
    if (described.length) input.setAttribute("aria-describedby", described.join(" "));
    else input.removeAttribute("aria-describedby");
  }

  function clear() {
    for (const slot of form.querySelectorAll<HTMLElement>(".field-error")) clearField(slot.id.replace(/-error$/, ""));
    form.querySelector(".form-error")?.remove(); // the no-JS page's form-wide error
    status.textContent = "";
    status.classList.remove("is-error");
  }

  function show(error: ApiError = {}) {
    const fields = error.fields ?? (error.field ? { [error.field]: error.message ?? "" } : {});
    let first: HTMLElement | null = null;
    for (const [name, message] of Object.entries(fields)) {
      const slot = form.querySelector<HTMLElement>(`#${CSS.escape(name)}-error`);
      const input = form.elements.namedItem(name) as HTMLElement | null;
      if (!slot || !input) continue;
      slot.textContent = message;
      slot.hidden = false;
      slot.parentElement?.classList.add("has-error");
      input.setAttribute("aria-invalid", "true");
      const described = new Set((input.getAttribute("aria-describedby") ?? "").split(/\s+/).filter(Boolean)); // keep the hints
      input.setAttribute("aria-describedby", [...described.add(slot.id)].join(" "));
      first ??= input;
    }
    if (first) {
      first.focus();
      status.textContent = "";
    } else {
      status.textContent = error.message || m.couldNotPost;
      status.classList.add("is-error"); // a refusal must not read like "Posting…"
    }
  }

  return { show, clear };
}
