// The comment form's sign-in parts, as WordPress.com shows them: "or log in with" and one button per
// provider under the form; once signed in, "You are commenting as <name> (<provider>) · Log out · Change"
// with the avatar (shown by URL, never sending a Referer), in place of the name and email fields.
import type { PageCatalog } from "../client/i18n/page-catalogs.ts";
import { fillHtml, html, raw, type SafeHtml } from "../render/html.ts";

export type SignInView = {
  reader: { name: string; providerLabel: string; avatarUrl: string | null; csrfToken: string } | null;
  providers: { id: string; label: string; status: "ready" | "unknown" | "unavailable" }[];
  commenting: "anonymous" | "signed-in-only" | "anonymous-held";
  /** "Email me a sign-in link" is offered (mail is configured and the site shows it). */
  emailLink?: boolean;
  /** Where sign-in and sign-out come back to (this page's comment form). */
  returnTo: string;
};

/** Replaces the name / email / website fields for a signed-in reader. */
export function renderSignedInAs(m: PageCatalog, v: SignInView): SafeHtml {
  const r = v.reader!;
  return html`<div class="signed-in-as">
    ${
      r.avatarUrl
        ? html`<img
            class="reader-avatar"
            src="${r.avatarUrl}"
            alt=""
            width="40"
            height="40"
            referrerpolicy="no-referrer"
            loading="lazy"
          />`
        : ""
    }
    <p>
      ${fillHtml(m.commentingAs, { name: html`<strong class="reader-name">${r.name}</strong>`, provider: r.providerLabel })} ·
      <button type="submit" form="reader-logout" class="link-button reader-logout">${m.logOut}</button> ·
      <a class="reader-change" href="#sign-in-providers">${m.change}</a>
    </p>
    <input type="hidden" name="csrf" value="${r.csrfToken}" />
  </div>`;
}

/** Under the form: the providers (or, signed in, the way to switch account) and the sign-out form. */
export function renderSignInProviders(m: PageCatalog, v: SignInView): SafeHtml {
  const logout = v.reader
    ? html`<form id="reader-logout" class="reader-logout-form" action="/auth/logout" method="post">
        <input type="hidden" name="csrf" value="${v.reader.csrfToken}" />
        <input type="hidden" name="return" value="${v.returnTo}" />
      </form>`
    : "";
  if (!v.providers.length && !(v.emailLink && !v.reader)) return html`${logout}`;
  const start = (id: string) => `/auth/${id}/start?return=${encodeURIComponent(v.returnTo)}`;
  const buttons = v.providers.map((p) =>
    p.status === "unavailable"
      ? html`<li>
          <span class="sign-in-button is-unavailable" aria-disabled="true" data-provider="${p.id}"
            >${p.label} <small>${m.unavailableNow}</small></span
          >
        </li>`
      : html`<li>
          <a class="sign-in-button" href="${start(p.id)}" data-provider="${p.id}">${p.label}</a>
        </li>`,
  );
  const lead = v.reader ? m.switchAccount : v.commenting === "signed-in-only" ? m.logInWith : m.orLogInWith;
  return html`${logout}
    <div class="sign-in-providers" id="sign-in-providers" ${raw(v.reader ? 'data-signed-in="1"' : "")}>
      <p class="sign-in-lead">${lead}</p>
      <ul class="sign-in-list">
        ${buttons}
      </ul>
      ${v.emailLink && !v.reader ? renderEmailLinkForm(m, v.returnTo) : ""}
    </div>`;
}

/** "Email me a sign-in link": a name and an address, and the link comes by mail (works without script). */
const EMAIL_LINK_INPUT = html`<input id="email-link-email" name="authorEmail" type="email" maxlength="254" autocomplete="email" required />`;

function renderEmailLinkForm(m: PageCatalog, returnTo: string): SafeHtml {
  return html`<details class="email-sign-in">
    <summary>${m.emailMeLink}</summary>
    <form action="/auth/email/request" method="post" class="email-sign-in-form">
      <p><label for="email-link-name">${m.name}</label> <input id="email-link-name" name="authorName" type="text" maxlength="80" autocomplete="name" required /></p>
      <p><label for="email-link-email">${m.email}</label> ${EMAIL_LINK_INPUT}</p>
      <input type="hidden" name="return" value="${returnTo}" />
      <p><button type="submit">${m.sendMeLink}</button></p>
    </form>
  </details>`;
}

/** A line about the site's commenting mode, above the fields. */
export function renderCommentingNote(m: PageCatalog, v: SignInView): SafeHtml {
  if (v.reader) return html``;
  if (v.commenting === "signed-in-only") return html`<p class="commenting-note">${m.signedInOnlyNote}</p>`;
  if (v.commenting === "anonymous-held") return html`<p class="commenting-note">${m.anonymousHeldNote}</p>`;
  return html``;
}
