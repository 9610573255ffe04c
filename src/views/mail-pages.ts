// The pages a reader lands on from a mail: the address confirmed, a subscription (or all mail) stopped
// with an Undo button, or started again. Plain server-rendered pages that work without JavaScript.
import type { Confirmed } from "../mail/confirm-address.ts";
import type { Unsubscribed } from "../mail/unsubscribe.ts";
import { layout } from "./layout.ts";
import { html } from "../render/html.ts";

function describe(u: Unsubscribed): string {
  if (u.what.kind === "all") return `all mail from Parley to ${u.address}`;
  return u.what.kind === "thread"
    ? `mail about new comments on “${u.what.threadTitle}”`
    : `mail about replies to your comment on “${u.what.threadTitle}”`;
}

export function renderConfirmedPage(c: Confirmed): string {
  const items = c.started.map((s) =>
    s.kind === "thread"
      ? `New comments on “${s.threadTitle}”, at most one mail per digest period`
      : `Replies to your comment on “${s.threadTitle}”`,
  );
  return layout({
    title: "Email address confirmed · Parley",
    noindex: true,
    body: html`<section class="mail-page">
      <h1>Your email address is confirmed</h1>
      <p>
        Thank you: <strong>${c.address}</strong> is confirmed. Comments you post from this browser with it count as
        yours.
      </p>
      ${
        items.length
          ? html`<p>We will mail you about:</p>
              <ul>
                ${items.map((i) => html`<li>${i}</li>`)}
              </ul>`
          : html`<p>It was confirmed already; nothing else changed.</p>`
      }
      <p>Every mail has a link to stop it.</p>
      <p><a href="/">Back to all articles</a></p>
    </section>`,
  });
}

export function renderUnsubscribedPage(u: Unsubscribed, token: string): string {
  const what = describe(u);
  return layout({
    title: u.stopped ? "Unsubscribed · Parley" : "Subscribed again · Parley",
    noindex: true,
    body: html`<section class="mail-page">
      ${
        u.stopped
          ? html`<h1>You are unsubscribed</h1>
              <p>We stopped ${what}.</p>
              <form method="post" action="/mail/unsubscribe/undo">
                <input type="hidden" name="t" value="${token}" />
                <p><button type="submit" class="submit">Undo: keep sending it</button></p>
              </form>`
          : html`<h1>You are subscribed again</h1>
              <p>We will send ${what} again.</p>
              <form method="post" action="/mail/unsubscribe/redo">
                <input type="hidden" name="t" value="${token}" />
                <p><button type="submit" class="link-button">Unsubscribe after all</button></p>
              </form>`
      }
      <p><a href="/">Back to all articles</a></p>
    </section>`,
  });
}
