// The console's Mail view: every moderator chooses their mail alerts; admins also see the outbox
// (each mail's state, why it failed, and a preview of what was sent or stored: with no SMTP_URL
// this is where mail goes) and the addresses that bounced, which they may allow again.
import { h } from "../dom.ts";
import { announce } from "./announce.ts";
import { get, messageOf, post, put } from "./api.ts";
import type { Me, Outbox, OutboxMail } from "./api-types.ts";
import { say, t } from "./lang.ts";
import { timeElement } from "./time.ts";

const failure = (text: string) => h("p", { class: "queue-status is-error", role: "alert", text });

export async function showMail(me: Me): Promise<void> {
  const root = document.getElementById("mail-body") as HTMLElement;
  root.replaceChildren(h("p", { class: "queue-status", role: "status", text: t.admin.loading }));
  const parts = [await alertsForm()];
  if (me.role === "admin") parts.push(await outboxSection());
  root.replaceChildren(...parts);
}

async function alertsForm(): Promise<HTMLElement> {
  let mode = "none";
  try {
    ({ alertMode: mode } = await get<{ alertMode: string }>("/api/moderation/me/alerts"));
  } catch (error) {
    return failure(say(t.admin.couldNotLoadAlerts, { message: messageOf(error) }));
  }
  const status = h("span", { class: "form-status", role: "status" });
  const form = h(
    "form",
    { class: "console-form settings-form mail-alerts", "aria-labelledby": "alerts-title" },
    h("h3", { id: "alerts-title", text: t.admin.myAlerts }),
    h(
      "fieldset",
      {},
      h("legend", { text: t.admin.alertsLegend }),
      ...Object.entries(t.admin.alertChoices).map(([value, label]) =>
        h(
          "p",
          { class: "form-check" },
          h("label", {}, h("input", { type: "radio", name: "alertMode", value, checked: value === mode }), ` ${label}`),
        ),
      ),
    ),
    h("p", { class: "form-actions" }, h("button", { type: "submit", class: "submit", text: t.admin.save }), status),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const chosen = form.querySelector<HTMLInputElement>("input[name=alertMode]:checked")?.value ?? "none";
    put("/api/moderation/me/alerts", { alertMode: chosen }).then(
      () => {
        status.textContent = t.admin.saved;
        announce(t.admin.alertsSaved);
      },
      (error: unknown) => {
        status.textContent = messageOf(error);
      },
    );
  });
  return form;
}

async function outboxSection(): Promise<HTMLElement> {
  let data: Outbox;
  try {
    data = await get<Outbox>("/api/admin/mail/outbox?limit=100");
  } catch (error) {
    return failure(say(t.admin.couldNotLoadOutbox, { message: messageOf(error) }));
  }
  const preview = h("div", { class: "mail-preview", hidden: true });
  const rows = data.items.map((m) => outboxRow(m, preview));
  const headings = t.admin.outboxColumns;
  return h(
    "section",
    { class: "mail-outbox", "aria-labelledby": "outbox-title" },
    h("h3", { id: "outbox-title", text: t.admin.outbox }),
    h("p", {
      class: "form-hint",
      text: data.embedded ? t.admin.outboxStored : t.admin.outboxRelay,
    }),
    rows.length
      ? h(
          "div",
          { class: "table-scroll" },
          h(
            "table",
            { class: "mail-table" },
            h("thead", {}, h("tr", {}, ...headings.map((text) => h("th", { scope: "col", text })))),
            h("tbody", {}, ...rows),
          ),
        )
      : h("p", { class: "queue-status", text: t.admin.noMail }),
    preview,
    suppressedList(data.suppressed),
  );
}

function outboxRow(m: OutboxMail, preview: HTMLElement): HTMLTableRowElement {
  const button = h("button", { type: "button", class: "link-button", text: t.admin.preview, "aria-expanded": "false" });
  button.addEventListener("click", () => showPreview(preview, m, button));
  return h(
    "tr",
    { "data-mail-id": m.id },
    h("td", {}, timeElement(m.createdAt)),
    h("td", { text: m.kind }),
    h("td", { class: "mono", text: m.toAddress ?? t.admin.purged }),
    h("td", {}, h("span", { class: `mail-status is-${m.status}`, text: t.admin.mailStatus[m.status] ?? m.status })),
    h("td", { text: m.subject ?? "" }, m.lastError ? h("span", { class: "form-hint", text: ` ${m.lastError}` }) : null),
    h("td", {}, m.subject ? button : null),
  );
}

function showPreview(box: HTMLElement, mail: OutboxMail, button: HTMLButtonElement): void {
  const open = button.getAttribute("aria-expanded") === "true";
  for (const b of document.querySelectorAll(".mail-table button[aria-expanded=true]"))
    b.setAttribute("aria-expanded", "false");
  if (open) {
    box.hidden = true;
    box.replaceChildren();
    return;
  }
  button.setAttribute("aria-expanded", "true");
  const src = `/api/admin/mail/outbox/${encodeURIComponent(mail.id)}/preview`;
  box.replaceChildren(
    h("h4", { text: mail.subject }),
    h(
      "p",
      { class: "form-hint" },
      say(t.admin.to, { address: mail.toAddress ?? t.admin.purged }),
      h("a", { href: `${src}?format=text`, target: "_blank", text: t.admin.plainText }),
    ),
    h("iframe", {
      src,
      title: say(t.admin.previewOf, { subject: mail.subject ?? "" }),
      class: "mail-frame",
      sandbox: "",
    }),
  );
  box.hidden = false;
}

function suppressedList(list: Outbox["suppressed"]): HTMLElement {
  if (!list.length) return h("p", { class: "form-hint", text: t.admin.noBounces });
  return h(
    "div",
    { class: "mail-suppressed" },
    h("h3", { text: t.admin.bounced }),
    h(
      "ul",
      {},
      ...list.map((a) => {
        const button = h("button", { type: "button", class: "link-button", text: t.admin.allowAgain });
        const item = h(
          "li",
          {},
          h("span", { class: "mono", text: a.address }),
          ` — ${a.suppressReason ?? t.admin.bouncedReason} `,
          button,
        );
        button.addEventListener("click", () => {
          post("/api/admin/mail/suppressions/lift", { address: a.address }).then(
            () => {
              announce(say(t.admin.mayGetMail, { address: a.address }));
              item.remove();
            },
            (error: unknown) => announce(say(t.admin.couldNotAllow, { message: messageOf(error) })),
          );
        });
        return item;
      }),
    ),
  );
}
