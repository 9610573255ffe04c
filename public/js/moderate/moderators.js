// Admin: the moderator accounts. Add one (email, name, role, a first password they change by
// "Forgot your password?"), change a role, disable or re-enable; disabling signs the account out at
// once. Your own row has no buttons: another admin changes it.
import { get, patch, post } from "./api.js";
import { announce, el } from "./dom.js";

export async function showModerators(me) {
  const root = document.getElementById("moderators-body");
  root.replaceChildren(el("p", { class: "queue-status", role: "status", text: "Loading accounts…" }));
  let moderators;
  try {
    ({ moderators } = await get("/api/admin/moderators"));
  } catch (error) {
    root.replaceChildren(
      el("p", { class: "queue-status is-error", role: "alert", text: `Could not load the accounts: ${error.message}` }),
    );
    return;
  }
  const body = el(
    "tbody",
    {},
    moderators.map((m) => row(m, me)),
  );
  const table = el(
    "table",
    { class: "moderators-table" },
    el(
      "thead",
      {},
      el(
        "tr",
        {},
        ["Name", "Email", "Role", "State", ""].map((h) => el("th", { scope: "col", text: h })),
      ),
    ),
    body,
  );
  root.replaceChildren(newModeratorForm(body, me), el("div", { class: "table-scroll" }, table));
}

function row(m, me) {
  const status = el("span", { class: "form-status", role: "status" });
  const tr = el(
    "tr",
    { "data-moderator-id": m.id },
    el("td", { text: m.name }),
    el("td", { class: "mono", text: m.email }),
    el("td", {}),
    el("td", { text: m.disabled ? "Disabled" : "Active" }),
    el("td", {}),
  );
  const [, , roleCell, , actions] = tr.children;
  if (m.id === me.id) {
    roleCell.textContent = m.role === "admin" ? "Admin (you)" : "Moderator (you)";
    return tr;
  }
  const role = el(
    "select",
    { "aria-label": `Role of ${m.name}` },
    el("option", { value: "moderator", text: "Moderator" }),
    el("option", { value: "admin", text: "Admin" }),
  );
  role.value = m.role;
  role.addEventListener("change", () => change(tr, m, { role: role.value }, status, me));
  roleCell.append(role);
  const toggle = el("button", { type: "button", class: "link-button", text: m.disabled ? "Enable" : "Disable" });
  toggle.addEventListener("click", () => change(tr, m, { disabled: !m.disabled }, status, me));
  actions.append(toggle, " ", status);
  return tr;
}

async function change(tr, m, body, status, me) {
  status.textContent = "Saving…";
  try {
    const { moderator } = await patch(`/api/admin/moderators/${encodeURIComponent(m.id)}`, body);
    tr.replaceWith(row(moderator, me));
    announce(
      body.role
        ? `${moderator.name} is now ${moderator.role === "admin" ? "an admin" : "a moderator"}`
        : `${moderator.name} is ${moderator.disabled ? "disabled and signed out" : "enabled again"}`,
    );
  } catch (error) {
    status.textContent = error.message;
    const select = tr.querySelector("select");
    if (select) select.value = m.role;
  }
}

function newModeratorForm(body, me) {
  const field = (id, label, attrs) => {
    const input = el("input", { id, name: id.replace("new-mod-", ""), ...attrs });
    const error = el("span", { class: "field-error", id: `${id}-error`, hidden: true });
    input.setAttribute("aria-describedby", error.id);
    return { input, error, p: el("p", { class: "form-field" }, el("label", { for: id, text: label }), input, error) };
  };
  const fields = {
    email: field("new-mod-email", "Email", { type: "email", maxlength: 254, required: true, autocomplete: "off" }),
    name: field("new-mod-name", "Name", { type: "text", maxlength: 80, required: true }),
    password: field("new-mod-password", "First password (at least 10 characters)", {
      type: "password",
      maxlength: 200,
      required: true,
      autocomplete: "new-password",
    }),
  };
  const role = el(
    "select",
    { id: "new-mod-role" },
    el("option", { value: "moderator", text: "Moderator" }),
    el("option", { value: "admin", text: "Admin" }),
  );
  const status = el("span", { class: "form-status", role: "status" });
  const form = el(
    "form",
    { class: "console-form settings-form", novalidate: true, "aria-label": "Add a moderator" },
    el("h3", { text: "Add a moderator" }),
    fields.email.p,
    fields.name.p,
    el("p", { class: "form-field" }, el("label", { for: role.id, text: "Role" }), role),
    fields.password.p,
    el("p", { class: "form-actions" }, el("button", { type: "submit", class: "submit", text: "Add" }), status),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    for (const f of Object.values(fields)) f.error.hidden = true;
    status.textContent = "Adding…";
    try {
      const { moderator } = await post("/api/admin/moderators", {
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
      const target = fields[error.field];
      if (!target) return void (status.textContent = error.message);
      target.error.textContent = error.message;
      target.error.hidden = false;
      target.input.focus();
    }
  });
  return form;
}
