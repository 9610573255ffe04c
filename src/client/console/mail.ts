// The console's Mail view: every moderator chooses their mail alerts; admins also see the outbox
// (each mail's state, why it failed, and a preview of what was sent or stored: with no SMTP_URL
// this is where mail goes) and the addresses that bounced, which they may allow again.
import { h } from "../dom.ts";
import { announce } from "./announce.ts";
import { get, messageOf, post, put } from "./api.ts";
import type { Me, Outbox, OutboxMail } from "./api-types.ts";
import { timeElement } from "./time.ts";

const STATUS_TEXT: Record<string, string> = {
  queued: "Queued",
  sending: "Sending",
  sent: "Sent",
  stored: "Stored (not sent)",
  failed: "Failed",
  skipped: "Not sent",
};
const ALERT_CHOICES: [value: string, label: string][] = [
  ["each", "A mail for each held or reported comment"],
  ["hourly", "One mail an hour listing what waits"],
  ["none", "No mail"],
];

const failure = (text: string) => h("p", { class: "queue-status is-error", role: "alert", text });

export async function showMail(me: Me): Promise<void> {
  const root = document.getElementById("mail-body") as HTMLElement;
  root.replaceChildren(h("p", { class: "queue-status", role: "status", text: "Loading…" }));
  const parts = [await alertsForm()];
  if (me.role === "admin") parts.push(await outboxSection());
  root.replaceChildren(...parts);
}

async function alertsForm(): Promise<HTMLElement> {
  let mode = "none";
  try {
    ({ alertMode: mode } = await get<{ alertMode: string }>("/api/moderation/me/alerts"));
  } catch (error) {
    return failure(`Could not load your mail alerts: ${messageOf(error)}`);
  }
  const status = h("span", { class: "form-status", role: "status" });
  const form = h(
    "form",
    { class: "console-form settings-form mail-alerts", "aria-labelledby": "alerts-title" },
    h("h3", { id: "alerts-title", text: "My mail alerts" }),
    h(
      "fieldset",
      {},
      h("legend", { text: "When comments wait for moderation, send me" }),
      ...ALERT_CHOICES.map(([value, label]) =>
        h(
          "p",
          { class: "form-check" },
          h("label", {}, h("input", { type: "radio", name: "alertMode", value, checked: value === mode }), ` ${label}`),
        ),
      ),
    ),
    h("p", { class: "form-actions" }, h("button", { type: "submit", class: "submit", text: "Save" }), status),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const chosen = form.querySelector<HTMLInputElement>("input[name=alertMode]:checked")?.value ?? "none";
    put("/api/moderation/me/alerts", { alertMode: chosen }).then(
      () => {
        status.textContent = "Saved.";
        announce("Mail alerts saved.");
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
    return failure(`Could not load the outbox: ${messageOf(error)}`);
  }
  const preview = h("div", { class: "mail-preview", hidden: true });
  const rows = data.items.map((m) => outboxRow(m, preview));
  const headings = ["When", "Kind", "To", "State", "Subject", ""];
  return h(
    "section",
    { class: "mail-outbox", "aria-labelledby": "outbox-title" },
    h("h3", { id: "outbox-title", text: "Outbox" }),
    h("p", {
      class: "form-hint",
      text: data.embedded
        ? "No SMTP relay is set (SMTP_URL): mails are stored here, not sent. Preview them below."
        : "Mail goes out through the SMTP relay set in SMTP_URL.",
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
      : h("p", { class: "queue-status", text: "No mail yet." }),
    preview,
    suppressedList(data.suppressed),
  );
}

function outboxRow(m: OutboxMail, preview: HTMLElement): HTMLTableRowElement {
  const button = h("button", { type: "button", class: "link-button", text: "Preview", "aria-expanded": "false" });
  button.addEventListener("click", () => showPreview(preview, m, button));
  return h(
    "tr",
    { "data-mail-id": m.id },
    h("td", {}, timeElement(m.createdAt)),
    h("td", { text: m.kind }),
    h("td", { class: "mono", text: m.toAddress ?? "(purged)" }),
    h("td", {}, h("span", { class: `mail-status is-${m.status}`, text: STATUS_TEXT[m.status] ?? m.status })),
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
      `To ${mail.toAddress ?? "(purged)"} · `,
      h("a", { href: `${src}?format=text`, target: "_blank", text: "plain text" }),
    ),
    h("iframe", { src, title: `Preview: ${mail.subject}`, class: "mail-frame", sandbox: "" }),
  );
  box.hidden = false;
}

function suppressedList(list: Outbox["suppressed"]): HTMLElement {
  if (!list.length) return h("p", { class: "form-hint", text: "No address has bounced." });
  return h(
    "div",
    { class: "mail-suppressed" },
    h("h3", { text: "Addresses that bounced (no mail is sent to them)" }),
    h(
      "ul",
      {},
      ...list.map((a) => {
        const button = h("button", { type: "button", class: "link-button", text: "Allow again" });
        const item = h(
          "li",
          {},
          h("span", { class: "mono", text: a.address }),
          ` — ${a.suppressReason ?? "bounced"} `,
          button,
        );
        button.addEventListener("click", () => {
          post("/api/admin/mail/suppressions/lift", { address: a.address }).then(
            () => {
              announce(`${a.address} may get mail again.`);
              item.remove();
            },
            (error: unknown) => announce(`Could not allow it: ${messageOf(error)}`),
          );
        });
        return item;
      }),
    ),
  );
}
