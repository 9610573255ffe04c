// The moderator's "forgot your password" pages (src/accounts/reset-password.ts), without script: ask
// for a link, the mailed link's form for the new password, and the outcome.
import { html } from "../render/html.ts";
import { layout } from "./layout.ts";

const page = (title: string, body: ReturnType<typeof html>) =>
  layout({
    title: `${title} · Parley`,
    noindex: true,
    body: html`<section class="error-page sign-in-result">${body}</section>`,
  });

const RESET_EMAIL_INPUT = html`<input id="reset-email" name="email" type="email" autocomplete="username" required maxlength="254" />`;
const PASSWORD_LIMITS = html`minlength="10" maxlength="200"`;
const NEW_PASSWORD_INPUT = html`<input id="new-password" name="password" type="password" autocomplete="new-password" required ${PASSWORD_LIMITS} />`;

export function renderForgotPassword(sent: boolean): string {
  return page(
    "Reset your password",
    html`<h1>Reset your password</h1>
      ${
        sent
          ? html`<p role="status">If a moderator account has that address, we sent it a link to choose a new password. It works once, for 30 minutes.</p>
              <p><a href="/moderate">Back to sign in</a></p>`
          : html`<form method="post" action="/moderate/forgot-password" class="console-form">
              <p><label for="reset-email">Your account's email</label> ${RESET_EMAIL_INPUT}</p>
              <p><button type="submit" class="submit">Mail me a reset link</button></p>
            </form>`
      }`,
  );
}

export function renderNewPasswordForm(token: string, error?: string): string {
  return page(
    "Choose a new password",
    html`<h1>Choose a new password</h1>
      ${error ? html`<p class="form-error" role="alert">${error}</p>` : ""}
      <form method="post" action="/moderate/reset-password" class="console-form">
        <input type="hidden" name="t" value="${token}" />
        <p><label for="new-password">New password (at least 10 characters)</label> ${NEW_PASSWORD_INPUT}</p>
        <p><button type="submit" class="submit">Set the password</button></p>
      </form>
      <p>Setting it signs you out on every device.</p>`,
  );
}

export function renderPasswordResetDone(message: string, ok: boolean): string {
  return page(
    ok ? "Password changed" : "Reset did not work",
    html`<h1>${ok ? "Password changed" : "Reset did not work"}</h1>
      <p role="${ok ? "status" : "alert"}">${message}</p>
      <p><a href="${ok ? "/moderate" : "/moderate/forgot-password"}">${ok ? "Sign in" : "Ask for a new link"}</a></p>`,
  );
}
