// The reader's data pages (src/privacy/): ask for a link by email, then see what is stored about the
// address, download it, and anonymise or delete the comments. Plain forms: they work without JavaScript.
import type { ReaderDataExport } from "../privacy/reader-data.ts";
import { formatDateTime, layout } from "./layout.ts";
import { html } from "../render/html.ts";

const page = (title: string, body: ReturnType<typeof html>) =>
  layout({
    title: `${title} · Parley`,
    noindex: true,
    body: html`<section class="mail-page your-data">${body}</section>`,
  });

export function renderYourDataRequest(state: { sent?: boolean; error?: string; email?: string } = {}): string {
  if (state.sent)
    return page(
      "Check your mailbox",
      html`<h1>Check your mailbox</h1>
        <p>
          If comments or mail settings are stored for that address, a link to them is on its way. It works for 24 hours.
        </p>
        <p><a href="/">Back to all articles</a></p>`,
    );
  return page(
    "Your data",
    html`<h1>Your data</h1>
      <p>
        See everything Parley stores about your email address (your comments, their past versions, your mail settings),
        download it, or erase it. We mail a link to the address, so only its owner can.
      </p>
      <form class="comment-form" method="post" action="/your-data">
        <p class="form-field">
          <label for="your-data-email">Email address</label>
          <input
            id="your-data-email"
            name="email"
            type="email"
            required
            autocomplete="email"
            value="${state.email ?? ""}"
            ${state.error ? html`aria-invalid="true" aria-describedby="your-data-error"` : ""}
          />
          ${state.error ? html`<span class="field-error" id="your-data-error">${state.error}</span>` : ""}
        </p>
        <p><button type="submit" class="submit">Mail me a link</button></p>
      </form>`,
  );
}

export function renderYourDataView(data: ReaderDataExport, token: string): string {
  const t = encodeURIComponent(token);
  const shown = data.comments.filter((c) => c.status !== "deleted");
  return page(
    "Your data",
    html`<h1>Your data</h1>
      <p>
        Stored for <strong>${data.address}</strong>: ${data.comments.length} comment(s),
        ${data.mail.subscriptions.length} mail subscription(s).
      </p>
      <p class="your-data-downloads">
        <a class="button-secondary" href="/your-data/export.json?t=${t}" download>Download as JSON</a>
        <a class="button-secondary" href="/your-data/export.html?t=${t}" download>Download as a web page</a>
      </p>
      ${
        shown.length
          ? html`<ol class="your-data-comments">
              ${shown.map(
                (c) =>
                  html`<li>
                    <p class="meta">
                      <strong>${c.authorName}</strong> on “${c.page.title}”, ${formatDateTime(new Date(c.createdAt))}
                      (${c.status})
                    </p>
                    <blockquote>${c.text}</blockquote>
                  </li>`,
              )}
            </ol>`
          : html`<p>No comments are shown under this address.</p>`
      }
      <h2>Erase</h2>
      <form method="post" action="/your-data/erase" class="your-data-erase">
        <input type="hidden" name="t" value="${token}" />
        <p class="your-data-choice">
          <button type="submit" name="mode" value="anonymise" class="button-secondary" aria-describedby="erase-anonymise-what">Anonymise my comments</button>
          <span id="erase-anonymise-what">Your comments stay; the name becomes “Deleted reader”, and the email, website and IP hash are removed.</span>
        </p>
        <p class="your-data-choice">
          <button type="submit" name="mode" value="delete" class="button-danger" aria-describedby="erase-delete-what">Delete my comments</button>
          <span id="erase-delete-what">Their text is removed; replies by others stay, under “This comment was removed”.</span>
        </p>
        <p class="your-data-warning">Neither can be undone.</p>
      </form>`,
  );
}

export function renderYourDataErased(mode: "anonymise" | "delete", count: number): string {
  return page(
    "Done",
    html`<h1>${mode === "anonymise" ? "Your comments are anonymised" : "Your comments are deleted"}</h1>
      <p>${count} comment(s) changed. Mail subscriptions for the address are removed.</p>
      <p><a href="/">Back to all articles</a></p>`,
  );
}

/** The HTML download: the same data, readable offline. */
export function renderYourDataDownload(data: ReaderDataExport): string {
  return page(
    "Your data",
    html`<h1>Data stored for ${data.address}</h1>
      <p>Exported ${data.exportedAt}.</p>
      <ol>
        ${data.comments.map(
          (c) =>
            html`<li>
              <p>${c.authorName} · ${c.authorEmail} · ${c.authorUrl ?? "no website"} · IP hash ${c.ipHash ?? "none"}</p>
              <p>On “${c.page.title}” (${c.page.url ?? "no address"}), ${c.createdAt}, ${c.status}</p>
              <blockquote>${c.text}</blockquote>
              ${c.revisions.length > 1 ? html`<p>${c.revisions.length} versions</p>` : ""}
            </li>`,
        )}
      </ol>
      <p>Mail subscriptions: ${data.mail.subscriptions.length}.</p>`,
  );
}
