// The pages of an admin's invitation to link a sign-in provider to a moderator account
// (src/identity/moderator-sign-in.ts), without script: choose a provider, and the outcome; in the
// site's language.
import type { PageCatalog } from "../client/i18n/page-catalogs.ts";
import { fill } from "../domain/fill.ts";
import { fillHtml, html } from "../render/html.ts";
import { layout } from "./layout.ts";
import type { ProviderInfo } from "../identity/identity-client.ts";

const page = (m: PageCatalog, title: string, body: ReturnType<typeof html>) =>
  layout({
    m,
    title: `${title} · Parley`,
    noindex: true,
    styles: ["/static/css/moderate.css"],
    bodyClass: "moderate",
    body: html`<section class="error-page sign-in-result">${body}</section>`,
  });

/** Opening the invitation uses nothing (a mail scanner may open it); choosing a provider starts the flow, and
 * the invitation is used only when the provider sends the moderator back. */
export function renderInvitation(
  m: PageCatalog,
  p: { token: string; name: string; email: string; providers: ProviderInfo[] },
): string {
  return page(
    m,
    m.linkProviderTitle,
    html`<h1>${m.linkProviderTitle}</h1>
      <p>${fillHtml(m.linkExplain, { name: html`<strong>${p.name}</strong>`, email: p.email })}</p>
      <p>${m.chooseProvider}</p>
      <ul class="provider-buttons">
        ${p.providers.map((pr) =>
          pr.status === "unavailable"
            ? html`<li><span class="provider-button is-unavailable" aria-disabled="true">${pr.label} ${m.unavailableNow}</span></li>`
            : html`<li><a class="provider-button" rel="nofollow" href="/moderate/link-provider/${pr.id}?t=${encodeURIComponent(p.token)}">${fill(m.linkNamedProvider, { provider: pr.label })}</a></li>`,
        )}
      </ul>
      <p class="small">${m.invitationWarning}</p>`,
  );
}

export function renderProviderLinked(
  m: PageCatalog,
  p: { moderatorName: string; providerLabel: string; label: string },
): string {
  return page(
    m,
    m.providerLinkedTitle,
    html`<h1>${fill(m.providerIsLinked, { provider: p.providerLabel })}</h1>
      <p role="status">
        ${fillHtml(m.providerLinkedText, {
          provider: p.providerLabel,
          label: html`<strong>${p.label}</strong>`,
          name: html`<strong>${p.moderatorName}</strong>`,
        })}
      </p>
      <p>
        ${fillHtml(m.consoleWithProvider, {
          link: html`<a href="/moderate">${m.signInToConsole}</a>`,
          provider: p.providerLabel,
        })}
      </p>`,
  );
}
