// The console's Mail view: every moderator chooses their mail alerts; admins also see the outbox
// (each mail's state, why it failed, and a preview of what was sent or stored: with no SMTP_URL
// this is where mail goes) and the addresses that bounced, which they may allow again.
import { get, post, put } from "./api.js";
import { announce, el, timeElement } from "./dom.js";

const STATUS_TEXT = {
  queued: "Queued",
  sending: "Sending",
  sent: "Sent",
  stored: "Stored (not sent)",
  failed: "Failed",
  skipped: "Not sent",
};

export async function showMail(me) {
  const root = document.getElementById("mail-body");
  root.replaceChildren(el("p", { class: "queue-status", role: "status", text: "Loading…" }));
  const parts = [await alertsForm()];
  if (me.role === "admin") parts.push(await outboxSection());
  root.replaceChildren(...parts);
}

async function alertsForm() {
  let mode = "none";
  try {
    ({ alertMode: mode } = await get("/api/moderation/me/alerts"));
  } catch (error) {
    return el("p", {
      class: "queue-status is-error",
      role: "alert",
      text: `Could not load your mail alerts: ${error.message}`,
    });
  }
  const choices = [
    ["each", "A mail for each held or reported comment"],
    ["hourly", "One mail an hour listing what waits"],
    ["none", "No mail"],
  ];
  const status = el("span", { class: "form-status", role: "status" });
  const form = el(
    "form",
    { class: "console-form settings-form mail-alerts", "aria-labelledby": "alerts-title" },
    el("h3", { id: "alerts-title", text: "My mail alerts" }),
    el(
      "fieldset",
      {},
      el("legend", { text: "When comments wait for moderation, send me" }),
      choices.map(([value, label]) =>
        el(
          "p",
          { class: "form-check" },
          el(
            "label",
            {},
            el("input", { type: "radio", name: "alertMode", value, checked: value === mode }),
            ` ${label}`,
          ),
        ),
      ),
    ),
    el("p", { class: "form-actions" }, el("button", { type: "submit", class: "submit", text: "Save" }), status),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const value = form.elements.alertMode.value;
    try {
      await put("/api/moderation/me/alerts", { alertMode: value });
      status.textContent = "Saved.";
      announce("Mail alerts saved.");
    } catch (error) {
      status.textContent = error.message;
    }
  });
  return form;
}

async function outboxSection() {
  let data;
  try {
    data = await get("/api/admin/mail/outbox?limit=100");
  } catch (error) {
    return el("p", {
      class: "queue-status is-error",
      role: "alert",
      text: `Could not load the outbox: ${error.message}`,
    });
  }
  const preview = el("div", { class: "mail-preview", hidden: true });
  const rows = data.items.map((m) => {
    const button = el("button", { type: "button", class: "link-button", text: "Preview", "aria-expanded": "false" });
    button.addEventListener("click", () => showPreview(preview, m, button));
    return el(
      "tr",
      { dataset: { mailId: m.id } },
      el("td", {}, timeElement(m.createdAt)),
      el("td", { text: m.kind }),
      el("td", { class: "mono", text: m.toAddress ?? "(purged)" }),
      el("td", {}, el("span", { class: `mail-status is-${m.status}`, text: STATUS_TEXT[m.status] ?? m.status })),
      el(
        "td",
        { text: m.subject ?? "" },
        m.lastError ? el("span", { class: "form-hint", text: ` ${m.lastError}` }) : null,
      ),
      el("td", {}, m.subject ? button : null),
    );
  });
  return el(
    "section",
    { class: "mail-outbox", "aria-labelledby": "outbox-title" },
    el("h3", { id: "outbox-title", text: "Outbox" }),
    el("p", {
      class: "form-hint",
      text: data.embedded
        ? "No SMTP relay is set (SMTP_URL): mails are stored here, not sent. Preview them below."
        : "Mail goes out through the SMTP relay set in SMTP_URL.",
    }),
    rows.length
      ? el(
          "div",
          { class: "table-scroll" },
          el(
            "table",
            { class: "mail-table" },
            el(
              "thead",
              {},
              el(
                "tr",
                {},
                ["When", "Kind", "To", "State", "Subject", ""].map((h) => el("th", { scope: "col", text: h })),
              ),
            ),
            el("tbody", {}, rows),
          ),
        )
      : el("p", { class: "queue-status", text: "No mail yet." }),
    preview,
    suppressedList(data.suppressed),
  );
}

function showPreview(box, mail, button) {
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
    el("h4", { text: mail.subject }),
    el(
      "p",
      { class: "form-hint" },
      `To ${mail.toAddress ?? "(purged)"} · `,
      el("a", { href: `${src}?format=text`, target: "_blank", text: "plain text" }),
    ),
    el("iframe", { src, title: `Preview: ${mail.subject}`, class: "mail-frame", sandbox: "" }),
  );
  box.hidden = false;
}

function suppressedList(list) {
  if (!list.length) return el("p", { class: "form-hint", text: "No address has bounced." });
  return el(
    "div",
    { class: "mail-suppressed" },
    el("h3", { text: "Addresses that bounced (no mail is sent to them)" }),
    el(
      "ul",
      {},
      list.map((a) => {
        const button = el("button", { type: "button", class: "link-button", text: "Allow again" });
        button.addEventListener("click", async () => {
          try {
            await post("/api/admin/mail/suppressions/lift", { address: a.address });
            announce(`${a.address} may get mail again.`);
            button.closest("li").remove();
          } catch (error) {
            announce(`Could not allow it: ${error.message}`);
          }
        });
        return el(
          "li",
          {},
          el("span", { class: "mono", text: a.address }),
          ` — ${a.suppressReason ?? "bounced"} `,
          button,
        );
      }),
    ),
  );
}
