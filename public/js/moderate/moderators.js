// Admin: the moderator accounts. Add one (email, name, role, a first password they change by
// "Forgot your password?"), change a role, disable or re-enable; disabling signs the account out at
// once. Your own row has no role or state buttons: another admin changes it. Every row shows the
// sign-in providers linked to the account: "Link a sign-in provider" makes a one-time invitation
// (mailed to the account, or shown here once to hand over when Parley cannot send mail); "Unlink" ends one.
import { del, get, patch, post } from "./api.js";
import { announce, el } from "./dom.js";

export async function showModerators(me) {
  const root = document.getElementById("moderators-body");
  root.replaceChildren(el("p", { class: "queue-status", role: "status", text: "Loading accounts…" }));
  let moderators;
  let context;
  try {
    const answer = await get("/api/admin/moderators");
    moderators = answer.moderators;
    context = { me, providers: answer.providers ?? [], byMail: answer.invitationsByMail };
  } catch (error) {
    root.replaceChildren(
      el("p", { class: "queue-status is-error", role: "alert", text: `Could not load the accounts: ${error.message}` }),
    );
    return;
  }
  const body = el(
    "tbody",
    {},
    moderators.map((m) => row(m, context)),
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
        ["Name", "Email", "Role", "State", "Sign-in providers", ""].map((h) => el("th", { scope: "col", text: h })),
      ),
    ),
    body,
  );
  root.replaceChildren(newModeratorForm(body, context), el("div", { class: "table-scroll" }, table));
}

function row(m, context) {
  const { me } = context;
  const status = el("span", { class: "form-status", role: "status" });
  const tr = el(
    "tr",
    { "data-moderator-id": m.id },
    el("td", { text: m.name }),
    el("td", { class: "mono", text: m.email }),
    el("td", {}),
    el("td", { text: m.disabled ? "Disabled" : "Active" }),
    identitiesCell(m, context),
    el("td", {}),
  );
  const [, , roleCell, , , actions] = tr.children;
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
  role.addEventListener("change", () => change(tr, m, { role: role.value }, status, context));
  roleCell.append(role);
  const toggle = el("button", { type: "button", class: "link-button", text: m.disabled ? "Enable" : "Disable" });
  toggle.addEventListener("click", () => change(tr, m, { disabled: !m.disabled }, status, context));
  actions.append(toggle, " ", status);
  return tr;
}

/** The providers linked to the account (each with Unlink), and "Link a sign-in provider". */
function identitiesCell(m, context) {
  const cell = el("td", { class: "identities" });
  const status = el("p", { class: "identity-invite", role: "status" });
  const list = el(
    "ul",
    { class: "identity-list" },
    (m.identities ?? []).map((identity) => {
      const unlink = el("button", {
        type: "button",
        class: "link-button",
        text: "Unlink",
        "aria-label": `Unlink ${identity.providerLabel} (${identity.label}) from ${m.name}`,
      });
      unlink.addEventListener("click", async () => {
        if (
          !window.confirm(
            `Unlink ${identity.providerLabel} (${identity.label}) from ${m.name}? It will no longer sign in.`,
          )
        )
          return;
        try {
          await del(`/api/admin/moderators/${encodeURIComponent(m.id)}/identities/${encodeURIComponent(identity.id)}`);
          m.identities = m.identities.filter((i) => i.id !== identity.id);
          cell.replaceWith(identitiesCell(m, context));
          announce(`${identity.providerLabel} unlinked from ${m.name}`);
        } catch (error) {
          status.textContent = error.message;
        }
      });
      return el("li", {}, el("strong", { text: identity.providerLabel }), ` ${identity.label} `, unlink);
    }),
  );
  if (!(m.identities ?? []).length) list.append(el("li", { class: "form-hint", text: "Password only" }));
  cell.append(list);
  if (!context.providers.length || m.disabled) return cell;
  const invite = el("button", { type: "button", text: "Link a sign-in provider" });
  invite.addEventListener("click", async () => {
    invite.disabled = true;
    status.textContent = "Making an invitation…";
    try {
      const { invitation } = await post(`/api/admin/moderators/${encodeURIComponent(m.id)}/identity-invitations`, {});
      const minutes = Math.round((new Date(invitation.expiresAt).getTime() - Date.now()) / 60_000);
      if (invitation.mailedTo) {
        status.textContent = `Invitation mailed to ${invitation.mailedTo}. It works once, for ${minutes} minutes.`;
      } else {
        const link = el("input", {
          type: "text",
          readonly: true,
          value: invitation.url,
          "aria-label": "Invitation link",
        });
        status.replaceChildren(
          `Hand this link to ${m.name} (it works once, for ${minutes} minutes, and is shown only now):`,
          link,
        );
        link.focus();
        link.select();
      }
    } catch (error) {
      status.textContent = error.message;
    } finally {
      invite.disabled = false;
    }
  });
  cell.append(invite, status);
  return cell;
}

async function change(tr, m, body, status, context) {
  status.textContent = "Saving…";
  try {
    const { moderator } = await patch(`/api/admin/moderators/${encodeURIComponent(m.id)}`, body);
    tr.replaceWith(row({ ...moderator, identities: m.identities }, context));
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

function newModeratorForm(body, context) {
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
      body.append(row({ ...moderator, identities: [] }, context));
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
