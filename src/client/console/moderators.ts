// Admin: the moderator accounts. Add one (email, name, role, a first password they change by
// "Forgot your password?"), change a role, disable or re-enable; disabling signs the account out at
// once. Your own row has no buttons: another admin changes it.
import { h } from "../dom.ts";
import { announce } from "./announce.ts";
import { ApiError, get, messageOf, patch, post } from "./api.ts";
import type { Me, ModeratorSummary } from "./api-types.ts";

type Role = ModeratorSummary["role"];
type Change = { role: Role } | { disabled: boolean };

export async function showModerators(me: Me): Promise<void> {
  const root = document.getElementById("moderators-body") as HTMLElement;
  root.replaceChildren(h("p", { class: "queue-status", role: "status", text: "Loading accounts…" }));
  let moderators: ModeratorSummary[];
  try {
    ({ moderators } = await get<{ moderators: ModeratorSummary[] }>("/api/admin/moderators"));
  } catch (error) {
    root.replaceChildren(
      h("p", {
        class: "queue-status is-error",
        role: "alert",
        text: `Could not load the accounts: ${messageOf(error)}`,
      }),
    );
    return;
  }
  const body = h("tbody", {}, ...moderators.map((m) => row(m, me)));
  const headings = ["Name", "Email", "Role", "State", ""];
  const table = h(
    "table",
    { class: "moderators-table" },
    h("thead", {}, h("tr", {}, ...headings.map((text) => h("th", { scope: "col", text })))),
    body,
  );
  root.replaceChildren(newModeratorForm(body, me), h("div", { class: "table-scroll" }, table));
}

const roleSelect = (attrs: Record<string, string>) =>
  h(
    "select",
    attrs,
    h("option", { value: "moderator", text: "Moderator" }),
    h("option", { value: "admin", text: "Admin" }),
  );

function row(m: ModeratorSummary, me: Me): HTMLTableRowElement {
  const status = h("span", { class: "form-status", role: "status" });
  const roleCell = h("td", {});
  const actions = h("td", {});
  const tr = h(
    "tr",
    { "data-moderator-id": m.id },
    h("td", { text: m.name }),
    h("td", { class: "mono", text: m.email }),
    roleCell,
    h("td", { text: m.disabled ? "Disabled" : "Active" }),
    actions,
  );
  if (m.id === me.id) {
    roleCell.textContent = m.role === "admin" ? "Admin (you)" : "Moderator (you)";
    return tr;
  }
  const role = roleSelect({ "aria-label": `Role of ${m.name}` });
  role.value = m.role;
  role.addEventListener("change", () => void change(tr, m, { role: role.value as Role }, status, me));
  roleCell.append(role);
  const toggle = h("button", { type: "button", class: "link-button", text: m.disabled ? "Enable" : "Disable" });
  toggle.addEventListener("click", () => void change(tr, m, { disabled: !m.disabled }, status, me));
  actions.append(toggle, " ", status);
  return tr;
}

async function change(tr: HTMLElement, m: ModeratorSummary, body: Change, status: HTMLElement, me: Me) {
  status.textContent = "Saving…";
  try {
    const { moderator } = await patch<{ moderator: ModeratorSummary }>(
      `/api/admin/moderators/${encodeURIComponent(m.id)}`,
      body,
    );
    tr.replaceWith(row(moderator, me));
    announce(
      "role" in body
        ? `${moderator.name} is now ${moderator.role === "admin" ? "an admin" : "a moderator"}`
        : `${moderator.name} is ${moderator.disabled ? "disabled and signed out" : "enabled again"}`,
    );
  } catch (error) {
    status.textContent = messageOf(error);
    const select = tr.querySelector("select");
    if (select) select.value = m.role;
  }
}

type NewField = { input: HTMLInputElement; error: HTMLElement; p: HTMLElement };

function newField(id: string, label: string, attrs: Record<string, string | number | boolean>): NewField {
  const input = h("input", { id, name: id.replace("new-mod-", ""), ...attrs });
  const error = h("span", { class: "field-error", id: `${id}-error`, hidden: true });
  input.setAttribute("aria-describedby", error.id);
  return { input, error, p: h("p", { class: "form-field" }, h("label", { for: id, text: label }), input, error) };
}

function newModeratorForm(body: HTMLElement, me: Me): HTMLFormElement {
  const fields: Record<"email" | "name" | "password", NewField> = {
    email: newField("new-mod-email", "Email", { type: "email", maxlength: 254, required: true, autocomplete: "off" }),
    name: newField("new-mod-name", "Name", { type: "text", maxlength: 80, required: true }),
    password: newField("new-mod-password", "First password (at least 10 characters)", {
      type: "password",
      maxlength: 200,
      required: true,
      autocomplete: "new-password",
    }),
  };
  const role = roleSelect({ id: "new-mod-role" });
  const status = h("span", { class: "form-status", role: "status" });
  const form = h(
    "form",
    { class: "console-form settings-form", novalidate: true, "aria-label": "Add a moderator" },
    h("h3", { text: "Add a moderator" }),
    fields.email.p,
    fields.name.p,
    h("p", { class: "form-field" }, h("label", { for: role.id, text: "Role" }), role),
    fields.password.p,
    h("p", { class: "form-actions" }, h("button", { type: "submit", class: "submit", text: "Add" }), status),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void add();
  });
  async function add() {
    for (const f of Object.values(fields)) f.error.hidden = true;
    status.textContent = "Adding…";
    try {
      const { moderator } = await post<{ moderator: ModeratorSummary }>("/api/admin/moderators", {
        email: fields.email.input.value,
        name: fields.name.input.value,
        role: role.value,
        password: fields.password.input.value,
      });
      body.append(row(moderator, me));
      form.reset();
      status.textContent = "";
      announce(`${moderator.name} added`);
    } catch (error) {
      status.textContent = "";
      const key = error instanceof ApiError ? error.field : undefined;
      const target = key === "email" || key === "name" || key === "password" ? fields[key] : undefined;
      if (!target) return void (status.textContent = messageOf(error));
      target.error.textContent = messageOf(error);
      target.error.hidden = false;
      target.input.focus();
    }
  }
  return form;
}
