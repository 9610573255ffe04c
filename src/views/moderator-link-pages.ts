// The pages of an admin's invitation to link a sign-in provider to a moderator account
// (src/identity/moderator-sign-in.ts), without script: choose a provider, and the outcome.
import { html } from "../render/html.ts";
import { layout } from "./layout.ts";
import type { ProviderInfo } from "../identity/identity-client.ts";

const page = (title: string, body: ReturnType<typeof html>) =>
  layout({
    title: `${title} · Parley`,
    noindex: true,
    styles: ["/static/css/moderate.css"],
    bodyClass: "moderate",
    body: html`<section class="error-page sign-in-result">${body}</section>`,
  });

/** Opening the invitation uses nothing (a mail scanner may open it); choosing a provider starts the flow, and
 * the invitation is used only when the provider sends the moderator back. */
export function renderInvitation(p: { token: string; name: string; email: string; providers: ProviderInfo[] }): string {
  return page(
    "Link a sign-in provider",
    html`<h1>Link a sign-in provider</h1>
      <p>
        This links an identity provider account to the moderator account of <strong>${p.name}</strong> (${p.email}).
        Afterwards you can sign in to the console with it; your password keeps working.
      </p>
      <p>Choose the provider. You sign in there, and come back here.</p>
      <ul class="provider-buttons">
        ${p.providers.map((pr) =>
          pr.status === "unavailable"
            ? html`<li><span class="provider-button is-unavailable" aria-disabled="true">${pr.label} (unavailable right now)</span></li>`
            : html`<li><a class="provider-button" rel="nofollow" href="/moderate/link-provider/${pr.id}?t=${encodeURIComponent(p.token)}">Link ${pr.label}</a></li>`,
        )}
      </ul>
      <p class="small">The invitation works once. Anyone who uses it can sign in as this account: if you did not expect it, close this page and tell an admin.</p>`,
  );
}

export function renderProviderLinked(p: { moderatorName: string; providerLabel: string; label: string }): string {
  return page(
    "Provider linked",
    html`<h1>${p.providerLabel} is linked</h1>
      <p role="status">
        The ${p.providerLabel} account <strong>${p.label}</strong> now signs in as <strong>${p.moderatorName}</strong>.
      </p>
      <p><a href="/moderate">Sign in to the console</a> with “Sign in with ${p.providerLabel}”.</p>`,
  );
}
