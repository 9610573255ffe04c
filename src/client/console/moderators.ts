// Admin: the moderator accounts. Add one (email, name, role, a first password they change by
// "Forgot your password?"), change a role, disable or re-enable; disabling signs the account out at
// once. Your own row has no role or state buttons: another admin changes it. Every row shows the
// sign-in providers linked to the account: "Link a sign-in provider" makes a one-time invitation
// (mailed to the account, or shown here once to hand over when Parley cannot send mail); "Unlink" ends one.
import { h } from "../dom.ts";
import { announce } from "./announce.ts";
import { ApiError, del, get, messageOf, patch, post } from "./api.ts";
import type { InvitationAnswer, Me, ModeratorSummary, ModeratorWithIdentities, ModeratorsAnswer } from "./api-types.ts";
import { say, t } from "./lang.ts";
import { loadInto } from "./load-into.ts";

type Role = ModeratorSummary["role"];
type Change = { role: Role } | { disabled: boolean };
type Context = { me: Me; providers: ModeratorsAnswer["providers"] };

export async function showModerators(me: Me): Promise<void> {
  const root = document.getElementById("moderators-body") as HTMLElement;
  const answer = await loadInto(root, t.admin.loadingAccounts, t.admin.couldNotLoadAccounts, () =>
    get<ModeratorsAnswer>("/api/admin/moderators"),
  );
  if (!answer) return;
  const context: Context = { me, providers: answer.providers };
  const body = h("tbody", {}, ...answer.moderators.map((m) => row(m, context)));
  const headings = t.admin.accountColumns;
  const table = h(
    "table",
    { class: "moderators-table" },
    h("thead", {}, h("tr", {}, ...headings.map((text) => h("th", { scope: "col", text })))),
    body,
  );
  root.replaceChildren(newModeratorForm(body, context), h("div", { class: "table-scroll" }, table));
}

const roleSelect = (attrs: Record<string, string>) =>
  h(
    "select",
    attrs,
    h("option", { value: "moderator", text: t.admin.roleNames.moderator }),
    h("option", { value: "admin", text: t.admin.roleNames.admin }),
  );

function row(m: ModeratorWithIdentities, context: Context): HTMLTableRowElement {
  const { me } = context;
  const status = h("span", { class: "form-status", role: "status" });
  const roleCell = h("td", {});
  const actions = h("td", {});
  const tr = h(
    "tr",
    { "data-moderator-id": m.id },
    h("td", { text: m.name }),
    h("td", { class: "mono", text: m.email }),
    roleCell,
    h("td", { text: m.disabled ? t.admin.disabled : t.admin.active }),
    identitiesCell(m, context),
    actions,
  );
  if (m.id === me.id) {
    roleCell.textContent = t.admin.you[m.role];
    return tr;
  }
  const role = roleSelect({ "aria-label": say(t.admin.roleOf, { name: m.name }) });
  role.value = m.role;
  role.addEventListener("change", () => void change(tr, m, { role: role.value as Role }, status, context));
  roleCell.append(role);
  const toggle = h("button", {
    type: "button",
    class: "link-button",
    text: m.disabled ? t.admin.enable : t.admin.disable,
  });
  toggle.addEventListener("click", () => void change(tr, m, { disabled: !m.disabled }, status, context));
  actions.append(toggle, " ", status);
  return tr;
}

/** The providers linked to the account (each with Unlink), and "Link a sign-in provider". */
function identitiesCell(m: ModeratorWithIdentities, context: Context): HTMLElement {
  const cell = h("td", { class: "identities" });
  const status = h("p", { class: "identity-invite", role: "status" });
  const items = m.identities.map((identity) => {
    const words = { provider: identity.providerLabel, label: identity.label, name: m.name };
    const unlink = h("button", {
      type: "button",
      class: "link-button",
      text: t.admin.unlink,
      "aria-label": say(t.admin.unlinkLabel, words),
    });
    unlink.addEventListener("click", () => {
      if (!window.confirm(say(t.admin.unlinkConfirm, words))) return;
      del(`/api/admin/moderators/${encodeURIComponent(m.id)}/identities/${encodeURIComponent(identity.id)}`).then(
        () => {
          m.identities = m.identities.filter((i) => i.id !== identity.id);
          cell.replaceWith(identitiesCell(m, context));
          announce(say(t.admin.unlinked, words));
        },
        (error: unknown) => void (status.textContent = messageOf(error)),
      );
    });
    return h("li", {}, h("strong", { text: identity.providerLabel }), ` ${identity.label} `, unlink);
  });
  if (!items.length) items.push(h("li", { class: "form-hint", text: t.admin.passwordOnly }));
  cell.append(h("ul", { class: "identity-list" }, ...items));
  if (!context.providers.length || m.disabled) return cell;
  const invite = h("button", { type: "button", text: t.admin.linkProvider });
  invite.addEventListener("click", () => void makeInvitation(m, invite, status));
  cell.append(invite, status);
  return cell;
}

async function makeInvitation(m: ModeratorSummary, invite: HTMLButtonElement, status: HTMLElement) {
  invite.disabled = true;
  status.textContent = t.admin.makingInvitation;
  try {
    const { invitation } = await post<InvitationAnswer>(
      `/api/admin/moderators/${encodeURIComponent(m.id)}/identity-invitations`,
      {},
    );
    const minutes = Math.round((new Date(invitation.expiresAt).getTime() - Date.now()) / 60_000);
    if (invitation.mailedTo) {
      status.textContent = say(t.admin.invitationMailed, { email: invitation.mailedTo, minutes });
    } else {
      const link = h("input", {
        type: "text",
        readonly: true,
        value: invitation.url ?? "",
        "aria-label": t.admin.invitationLink,
      });
      status.replaceChildren(say(t.admin.invitationHandOver, { name: m.name, minutes }), link);
      link.focus();
      link.select();
    }
  } catch (error) {
    status.textContent = messageOf(error);
  } finally {
    invite.disabled = false;
  }
}

async function change(
  tr: HTMLElement,
  m: ModeratorWithIdentities,
  body: Change,
  status: HTMLElement,
  context: Context,
) {
  status.textContent = t.admin.saving;
  try {
    const { moderator } = await patch<{ moderator: ModeratorSummary }>(
      `/api/admin/moderators/${encodeURIComponent(m.id)}`,
      body,
    );
    tr.replaceWith(row({ ...moderator, identities: m.identities }, context));
    announce(
      say(
        "role" in body
          ? moderator.role === "admin"
            ? t.admin.nowAdmin
            : t.admin.nowModerator
          : moderator.disabled
            ? t.admin.nowDisabled
            : t.admin.nowEnabled,
        { name: moderator.name },
      ),
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

function newModeratorForm(body: HTMLElement, context: Context): HTMLFormElement {
  const fields: Record<"email" | "name" | "password", NewField> = {
    email: newField("new-mod-email", t.admin.email, {
      type: "email",
      maxlength: 254,
      required: true,
      autocomplete: "off",
    }),
    name: newField("new-mod-name", t.admin.name, { type: "text", maxlength: 80, required: true }),
    password: newField("new-mod-password", t.admin.firstPassword, {
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
    { class: "console-form settings-form", novalidate: true, "aria-label": t.admin.addModerator },
    h("h3", { text: t.admin.addModerator }),
    fields.email.p,
    fields.name.p,
    h("p", { class: "form-field" }, h("label", { for: role.id, text: t.admin.role }), role),
    fields.password.p,
    h("p", { class: "form-actions" }, h("button", { type: "submit", class: "submit", text: t.admin.add }), status),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void add();
  });
  async function add() {
    for (const f of Object.values(fields)) f.error.hidden = true;
    status.textContent = t.admin.adding;
    try {
      const { moderator } = await post<{ moderator: ModeratorSummary }>("/api/admin/moderators", {
        email: fields.email.input.value,
        name: fields.name.input.value,
        role: role.value,
        password: fields.password.input.value,
      });
      body.append(row({ ...moderator, identities: [] }, context));
      form.reset();
      status.textContent = "";
      announce(say(t.admin.added, { name: moderator.name }));
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
