// The pages a reader lands on from a mail: the address confirmed, a subscription (or all mail) stopped
// with an Undo button, or started again. Plain server-rendered pages that work without JavaScript.
import type { Confirmed } from "../mail/confirm-address.ts";
import type { Unsubscribed } from "../mail/unsubscribe.ts";
import type { PageCatalog } from "../client/i18n/page-catalogs.ts";
import { fill } from "../client/i18n/messages.ts";
import { layout } from "./layout.ts";
import { fillHtml, html } from "../render/html.ts";

/** "We stopped …" / "We will send … again", by what the link was for. */
function describe(sentences: PageCatalog["stopped"], u: Unsubscribed): string {
  if (u.what.kind === "all") return fill(sentences.all, { address: u.address });
  return fill(u.what.kind === "thread" ? sentences.thread : sentences.replies, { title: u.what.threadTitle });
}

export function renderConfirmedPage(m: PageCatalog, c: Confirmed): string {
  const items = c.started.map((s) =>
    fill(s.kind === "thread" ? m.startedThread : m.startedReplies, { title: s.threadTitle }),
  );
  return layout({
    m,
    title: `${m.addressConfirmedTitle} · Parley`,
    noindex: true,
    body: html`<section class="mail-page">
      <h1>${m.addressConfirmed}</h1>
      <p>${fillHtml(m.confirmedText, { address: html`<strong>${c.address}</strong>` })}</p>
      ${
        items.length
          ? html`<p>${m.willMailAbout}</p>
              <ul>
                ${items.map((i) => html`<li>${i}</li>`)}
              </ul>`
          : html`<p>${m.confirmedAlready}</p>`
      }
      <p>${m.everyMailStops}</p>
      <p><a href="/">${m.backToArticles}</a></p>
    </section>`,
  });
}

export function renderUnsubscribedPage(m: PageCatalog, u: Unsubscribed, token: string): string {
  return layout({
    m,
    title: `${u.stopped ? m.unsubscribedTitle : m.subscribedAgainTitle} · Parley`,
    noindex: true,
    body: html`<section class="mail-page">
      ${
        u.stopped
          ? html`<h1>${m.youAreUnsubscribed}</h1>
              <p>${describe(m.stopped, u)}</p>
              <form method="post" action="/mail/unsubscribe/undo">
                <input type="hidden" name="t" value="${token}" />
                <p><button type="submit" class="submit">${m.undoKeepSending}</button></p>
              </form>`
          : html`<h1>${m.youAreSubscribedAgain}</h1>
              <p>${describe(m.sendingAgain, u)}</p>
              <form method="post" action="/mail/unsubscribe/redo">
                <input type="hidden" name="t" value="${token}" />
                <p><button type="submit" class="link-button">${m.unsubscribeAfterAll}</button></p>
              </form>`
      }
      <p><a href="/">${m.backToArticles}</a></p>
    </section>`,
  });
}
