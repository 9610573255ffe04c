// The moderator's "forgot your password" pages (src/accounts/reset-password.ts), without script: ask
// for a link, the mailed link's form for the new password, and the outcome. In the site's language
// (the handler picks the catalog: the site's setting, else Accept-Language).
import type { PageCatalog } from "../client/i18n/page-catalogs.ts";
import { fill } from "../domain/fill.ts";
import { html } from "../render/html.ts";
import { layout } from "./layout.ts";

const page = (m: PageCatalog, title: string, body: ReturnType<typeof html>) =>
  layout({
    m,
    title: `${title} · Parley`,
    noindex: true,
    body: html`<section class="error-page sign-in-result">${body}</section>`,
  });

const PASSWORD_MIN = 10;
const RESET_EMAIL_INPUT = html`<input id="reset-email" name="email" type="email" autocomplete="username" required maxlength="254" />`;
const PASSWORD_LIMITS = html`minlength="${PASSWORD_MIN}" maxlength="200"`;
const NEW_PASSWORD_INPUT = html`<input id="new-password" name="password" type="password" autocomplete="new-password" required ${PASSWORD_LIMITS} />`;

/** `minutes`: how long the mailed link works. */
export function renderForgotPassword(m: PageCatalog, sent: boolean, minutes: number): string {
  return page(
    m,
    m.resetTitle,
    html`<h1>${m.resetTitle}</h1>
      ${
        sent
          ? html`<p role="status">${fill(m.resetSent, { minutes })}</p>
              <p><a href="/moderate">${m.backToSignIn}</a></p>`
          : html`<form method="post" action="/moderate/forgot-password" class="console-form">
              <p><label for="reset-email">${m.accountEmail}</label> ${RESET_EMAIL_INPUT}</p>
              <p><button type="submit" class="submit">${m.mailResetLink}</button></p>
            </form>`
      }`,
  );
}

export function renderNewPasswordForm(m: PageCatalog, token: string, error?: string): string {
  return page(
    m,
    m.newPasswordTitle,
    html`<h1>${m.newPasswordTitle}</h1>
      ${error ? html`<p class="form-error" role="alert">${error}</p>` : ""}
      <form method="post" action="/moderate/reset-password" class="console-form">
        <input type="hidden" name="t" value="${token}" />
        <p><label for="new-password">${fill(m.newPasswordLabel, { n: PASSWORD_MIN })}</label> ${NEW_PASSWORD_INPUT}</p>
        <p><button type="submit" class="submit">${m.setPassword}</button></p>
      </form>
      <p>${m.signsOutEverywhere}</p>`,
  );
}

export function renderPasswordResetDone(m: PageCatalog, message: string, ok: boolean): string {
  const title = ok ? m.passwordChanged : m.resetFailed;
  return page(
    m,
    title,
    html`<h1>${title}</h1>
      <p role="${ok ? "status" : "alert"}">${message}</p>
      <p><a href="${ok ? "/moderate" : "/moderate/forgot-password"}">${ok ? m.signInShort : m.askNewLink}</a></p>`,
  );
}
