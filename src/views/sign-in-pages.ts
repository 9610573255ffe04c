// The pages a sign-in shows on Parley's origin: a refusal with its reason, and the popup's last page,
// which hands the widget its token by postMessage (public/js/sign-in-popup.js; no inline script).
import { layout } from "./layout.ts";
import type { PageCatalog } from "../client/i18n/page-catalogs.ts";
import { fillHtml, html } from "../render/html.ts";

/** `popup.origin`: where to tell the widget (null when the popup's own origin was refused). */
export function renderSignInRefused(
  m: PageCatalog,
  message: string,
  back: string | null,
  popup: { origin: string | null; nonce?: string | null } | null,
  /** Where `back` leads, when not back to the comments (the console's own sign-ins). */
  backText?: string,
): string {
  return layout({
    m,
    title: `${m.signInFailed} · Parley`,
    noindex: true,
    scripts: popup ? ["/static/js/sign-in-popup.js"] : [],
    body: html`<section
      class="error-page sign-in-result"
      data-outcome="refused"
      data-origin="${popup?.origin ?? ""}"
      data-nonce="${popup?.nonce ?? ""}"
      data-message="${message}"
    >
      <h1>${m.signInFailed}</h1>
      <p role="alert">${message}</p>
      ${
        popup
          ? html`<p><button type="button" class="sign-in-close">${m.closeWindow}</button></p>`
          : html`<p><a href="${back ?? "/"}">${backText ?? m.backToComments}</a></p>`
      }
    </section>`,
  });
}

export type PopupSignedIn = {
  origin: string;
  /** The widget's nonce from when it opened the popup: the widget takes the token only with it. */
  nonce: string | null;
  token: string;
  expiresAt: string;
  reader: { name: string; provider: string; providerLabel: string; avatarUrl: string | null };
};

export function renderPopupSignedIn(m: PageCatalog, p: PopupSignedIn): string {
  return layout({
    m,
    title: `${m.signedIn} · Parley`,
    noindex: true,
    scripts: ["/static/js/sign-in-popup.js"],
    body: html`<section
      class="sign-in-result"
      data-outcome="signed-in"
      data-origin="${p.origin}"
      data-nonce="${p.nonce ?? ""}"
      data-token="${p.token}"
      data-expires-at="${p.expiresAt}"
      data-reader="${JSON.stringify(p.reader)}"
    >
      <h1>${m.signedIn}</h1>
      <p>${fillHtml(m.signedInAs, { name: p.reader.name, provider: p.reader.providerLabel })}</p>
      <p><button type="button" class="sign-in-close">${m.closeWindow}</button></p>
    </section>`,
  });
}

/** After "email me a sign-in link" (the no-JS form): where to look, and the way back. */
export function renderSignInLinkSent(m: PageCatalog, email: string, back: string): string {
  return layout({
    m,
    title: `${m.checkMailbox} · Parley`,
    noindex: true,
    body: html`<section class="error-page sign-in-result" data-outcome="link-sent">
      <h1>${m.checkMailbox}</h1>
      <p role="status">${fillHtml(m.linkSentTo, { email: html`<strong>${email}</strong>` })}</p>
      <p><a href="${back}">${m.backToComments}</a></p>
    </section>`,
  });
}

/** The mailed link's page: one click signs in (a mail scanner that opens the link uses nothing). */
export function renderEmailSignInConfirm(m: PageCatalog, p: { token: string; name: string; email: string }): string {
  return layout({
    m,
    title: `${m.signInTitle} · Parley`,
    noindex: true,
    body: html`<section class="error-page sign-in-result" data-outcome="confirm">
      <h1>${m.signInToComment}</h1>
      <p>${fillHtml(m.signingInAs, { name: html`<strong>${p.name}</strong>`, email: p.email })}</p>
      <form method="post" action="/auth/email/verify">
        <input type="hidden" name="t" value="${p.token}" />
        <p><button type="submit" class="submit">${m.signMeIn}</button></p>
      </form>
    </section>`,
  });
}
