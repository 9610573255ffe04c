// The pages a sign-in shows on Parley's origin: a refusal with its reason, and the popup's last page,
// which hands the widget its token by postMessage (public/js/sign-in-popup.js; no inline script).
import { layout } from "./layout.ts";
import { html } from "../render/html.ts";

/** `popup.origin`: where to tell the widget (null when the popup's own origin was refused). */
export function renderSignInRefused(
  message: string,
  back: string | null,
  popup: { origin: string | null; nonce?: string | null } | null,
  backText = "Back to the comments",
): string {
  return layout({
    title: "Sign-in did not work · Parley",
    noindex: true,
    scripts: popup ? ["/static/js/sign-in-popup.js"] : [],
    body: html`<section
      class="error-page sign-in-result"
      data-outcome="refused"
      data-origin="${popup?.origin ?? ""}"
      data-nonce="${popup?.nonce ?? ""}"
      data-message="${message}"
    >
      <h1>Sign-in did not work</h1>
      <p role="alert">${message}</p>
      ${
        popup
          ? html`<p><button type="button" class="sign-in-close">Close this window</button></p>`
          : html`<p><a href="${back ?? "/"}">${backText}</a></p>`
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

export function renderPopupSignedIn(p: PopupSignedIn): string {
  return layout({
    title: "Signed in · Parley",
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
      <h1>Signed in</h1>
      <p>You are signed in as ${p.reader.name} (${p.reader.providerLabel}). This window closes by itself.</p>
      <p><button type="button" class="sign-in-close">Close this window</button></p>
    </section>`,
  });
}

/** After "email me a sign-in link" (the no-JS form): where to look, and the way back. */
export function renderSignInLinkSent(email: string, back: string): string {
  return layout({
    title: "Check your mailbox · Parley",
    noindex: true,
    body: html`<section class="error-page sign-in-result" data-outcome="link-sent">
      <h1>Check your mailbox</h1>
      <p role="status">We sent a sign-in link to <strong>${email}</strong>. It works once, for a short while.</p>
      <p><a href="${back}">Back to the comments</a></p>
    </section>`,
  });
}

/** The mailed link's page: one click signs in (a mail scanner that opens the link uses nothing). */
export function renderEmailSignInConfirm(p: { token: string; name: string; email: string }): string {
  return layout({
    title: "Sign in · Parley",
    noindex: true,
    body: html`<section class="error-page sign-in-result" data-outcome="confirm">
      <h1>Sign in to comment</h1>
      <p>You are signing in as <strong>${p.name}</strong> (${p.email}).</p>
      <form method="post" action="/auth/email/verify">
        <input type="hidden" name="t" value="${p.token}" />
        <p><button type="submit" class="submit">Sign me in</button></p>
      </form>
    </section>`,
  });
}
