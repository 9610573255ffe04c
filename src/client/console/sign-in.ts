// Signing in and out of the console: the form, its errors (a 429 says when to try again), and the
// session's end (a 401 from any request shows the form again).
import { announce } from "./announce.ts";
import { ApiError, messageOf, post, setCsrfToken } from "./api.ts";
import type { Session } from "./api-types.ts";
import { say, t } from "./lang.ts";

const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;

export function showLogin(message: string): void {
  setCsrfToken("");
  byId("console-loading").hidden = true;
  byId("app-view").hidden = true;
  byId("login-view").hidden = false;
  const error = byId("login-error");
  error.textContent = message;
  error.hidden = !message;
  document.title = t.shell.signInTitle;
  byId("login-email").focus();
}

/** Wires the form; `signedIn` gets the session the server answered with. */
export function initSignIn(signedIn: (session: Session) => Promise<void>, signedOut: (message: string) => void): void {
  const form = byId<HTMLFormElement>("login-form");
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void logIn(form, signedIn);
  });
  byId("logout").addEventListener("click", () => void logOut(signedOut));
}

async function logIn(form: HTMLFormElement, signedIn: (session: Session) => Promise<void>): Promise<void> {
  const error = byId("login-error");
  const button = form.querySelector<HTMLButtonElement>("button[type=submit]");
  const emailField = byId<HTMLInputElement>("login-email");
  const passwordField = byId<HTMLInputElement>("login-password");
  const email = emailField.value.trim();
  const password = passwordField.value;
  if (!email || !password) {
    error.textContent = t.signIn.missing;
    error.hidden = false;
    (email ? passwordField : emailField).focus();
    return;
  }
  if (button) button.disabled = true;
  error.hidden = true;
  try {
    const session = await post<Session>("/api/auth/login", { email, password });
    form.reset();
    await signedIn(session);
    // The form (and its focused button) is gone: put the keyboard at the top of the console, not on <body>.
    const title = document.querySelector<HTMLElement>(".console-title");
    if (title) {
      title.tabIndex = -1;
      title.focus();
    }
  } catch (err) {
    const message = messageOf(err);
    error.textContent =
      err instanceof ApiError && err.status === 429 ? `${message} ${retryText(err.retryAfter)}`.trim() : message;
    error.hidden = false;
    passwordField.select();
  } finally {
    if (button) button.disabled = false;
  }
}

/** "You can try again in 14 minutes." from a Retry-After in seconds. */
function retryText(seconds: number | undefined): string {
  if (!seconds) return "";
  if (seconds < 90) return say(t.signIn.retrySeconds, { n: seconds });
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 90) return say(t.signIn.retryMinutes, { n: minutes });
  const at = new Date(Date.now() + seconds * 1000).toLocaleTimeString(t.locale, { hour: "numeric", minute: "2-digit" });
  return say(t.signIn.retryAt, { time: at });
}

async function logOut(signedOut: (message: string) => void): Promise<void> {
  try {
    await post("/api/auth/logout");
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401))
      return announce(say(t.signIn.couldNotSignOut, { message: messageOf(error) }));
  }
  signedOut(t.signIn.signedOut);
}
