// The reader's data pages (src/privacy/): ask for a link by email, then see what is stored about the
// address, download it, and anonymise or delete the comments. Plain forms: they work without JavaScript.
import type { ReaderDataExport } from "../privacy/reader-data.ts";
import type { PageCatalog } from "../client/i18n/page-catalogs.ts";
import { fill, plural } from "../client/i18n/messages.ts";
import { formatDateTime } from "../client/views/format.ts";
import { layout } from "./layout.ts";
import { fillHtml, html } from "../render/html.ts";

const page = (m: PageCatalog, title: string, body: ReturnType<typeof html>) =>
  layout({
    m,
    title: `${title} · Parley`,
    noindex: true,
    body: html`<section class="mail-page your-data">${body}</section>`,
  });

const statusWords = (m: PageCatalog, status: string): string =>
  (m.statuses as Record<string, string | undefined>)[status] ?? status;

export function renderYourDataRequest(
  m: PageCatalog,
  state: { sent?: boolean; error?: string; email?: string } = {},
): string {
  if (state.sent)
    return page(
      m,
      m.checkMailbox,
      html`<h1>${m.checkMailbox}</h1>
        <p>${m.dataLinkSent}</p>
        <p><a href="/">${m.backToArticles}</a></p>`,
    );
  return page(
    m,
    m.yourData,
    html`<h1>${m.yourData}</h1>
      <p>${m.yourDataIntro}</p>
      <form class="comment-form" method="post" action="/your-data">
        <p class="form-field">
          <label for="your-data-email">${m.emailAddress}</label>
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
        <p><button type="submit" class="submit">${m.mailMeLink}</button></p>
      </form>`,
  );
}

export function renderYourDataView(m: PageCatalog, data: ReaderDataExport, token: string): string {
  const t = encodeURIComponent(token);
  const shown = data.comments.filter((c) => c.status !== "deleted");
  const stored = fillHtml(m.storedFor, {
    address: html`<strong>${data.address}</strong>`,
    comments: plural(m, m.commentCount, data.comments.length),
    subscriptions: plural(m, m.subscriptionCount, data.mail.subscriptions.length),
  });
  const meta = (c: ReaderDataExport["comments"][number]) =>
    fillHtml(m.yourComment, {
      name: html`<strong>${c.authorName}</strong>`,
      title: c.page.title,
      date: formatDateTime(m, new Date(c.createdAt)),
      status: statusWords(m, c.status),
    });
  return page(
    m,
    m.yourData,
    html`<h1>${m.yourData}</h1>
      <p>${stored}</p>
      <p class="your-data-downloads">
        <a class="button-secondary" href="/your-data/export.json?t=${t}" download>${m.downloadJson}</a>
        <a class="button-secondary" href="/your-data/export.html?t=${t}" download>${m.downloadHtml}</a>
      </p>
      ${
        shown.length
          ? html`<ol class="your-data-comments">
              ${shown.map(
                (c) =>
                  html`<li>
                    <p class="meta">${meta(c)}</p>
                    <blockquote>${c.text}</blockquote>
                  </li>`,
              )}
            </ol>`
          : html`<p>${m.noCommentsUnder}</p>`
      }
      <h2>${m.erase}</h2>
      <form method="post" action="/your-data/erase" class="your-data-erase">
        <input type="hidden" name="t" value="${token}" />
        <p class="your-data-choice">
          <button type="submit" name="mode" value="anonymise" class="button-secondary" aria-describedby="erase-anonymise-what">${m.anonymiseMine}</button>
          <span id="erase-anonymise-what">${m.anonymiseWhat}</span>
        </p>
        <p class="your-data-choice">
          <button type="submit" name="mode" value="delete" class="button-danger" aria-describedby="erase-delete-what">${m.deleteMine}</button>
          <span id="erase-delete-what">${m.deleteWhat}</span>
        </p>
        <p class="your-data-warning">${m.cannotUndo}</p>
      </form>`,
  );
}

export function renderYourDataErased(m: PageCatalog, mode: "anonymise" | "delete", count: number): string {
  return page(
    m,
    m.done,
    html`<h1>${mode === "anonymise" ? m.anonymised : m.deleted}</h1>
      <p>${plural(m, m.changedCount, count)}</p>
      <p><a href="/">${m.backToArticles}</a></p>`,
  );
}

/** The HTML download: the same data, readable offline. */
export function renderYourDataDownload(m: PageCatalog, data: ReaderDataExport): string {
  return page(
    m,
    m.yourData,
    html`<h1>${fill(m.dataStoredFor, { address: data.address })}</h1>
      <p>${fill(m.exportedAt, { date: data.exportedAt })}</p>
      <ol>
        ${data.comments.map(
          (c) =>
            html`<li>
              <p>${c.authorName} · ${c.authorEmail} · ${c.authorUrl ?? m.noWebsite} · ${fill(m.ipHash, { hash: c.ipHash ?? m.none })}</p>
              <p>${fill(m.commentOnPage, { title: c.page.title, url: c.page.url ?? m.noAddress, date: c.createdAt, status: statusWords(m, c.status) })}</p>
              <blockquote>${c.text}</blockquote>
              ${c.revisions.length > 1 ? html`<p>${plural(m, m.versions, c.revisions.length)}</p>` : ""}
            </li>`,
        )}
      </ol>
      <p>${fill(m.subscriptionsTotal, { n: data.mail.subscriptions.length })}</p>`,
  );
}
