// The pages a sign-in shows on Parley's origin: a refusal with its reason, and the popup's last page,
// which hands the widget its token by postMessage (public/js/sign-in-popup.js; no inline script).
import { layout } from "./layout.ts";
import { html } from "../render/html.ts";

/** `popup.origin`: where to tell the widget (null when the popup's own origin was refused). */
export function renderSignInRefused(
  message: string,
  back: string | null,
  popup: { origin: string | null } | null,
): string {
  return layout({
    title: "Sign-in did not work · Parley",
    noindex: true,
    scripts: popup ? ["/static/js/sign-in-popup.js"] : [],
    body: html`<section
      class="error-page sign-in-result"
      data-outcome="refused"
      data-origin="${popup?.origin ?? ""}"
      data-message="${message}"
    >
      <h1>Sign-in did not work</h1>
      <p role="alert">${message}</p>
      ${
        popup
          ? html`<p><button type="button" class="sign-in-close">Close this window</button></p>`
          : html`<p><a href="${back ?? "/"}">Back to the comments</a></p>`
      }
    </section>`,
  });
}

export type PopupSignedIn = {
  origin: string;
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
