// The moderator console's shell, in the moderator's language (the console's catalog, src/client/i18n/console/:
// the server picks it from Accept-Language, and the script reads it back from <html lang>, so nothing is
// swapped after the page shows). It holds no data: its script (src/client/console/, bundled to
// public/js/moderate.js) signs the moderator in and fills every view from the authenticated API, so
// the page itself can be served to anyone.
import { html } from "../render/html.ts";
import { layout } from "./layout.ts";
import type { ProviderInfo } from "../identity/identity-client.ts";
import { MODERATION_QUEUES } from "../domain/comment.ts";
import { fill } from "../domain/fill.ts";
import { CONSOLE_CATALOGS } from "../client/i18n/console/catalogs.ts";
import type { ConsoleMessages } from "../client/i18n/console/messages.ts";
import type { Lang } from "../client/i18n/languages.ts";
import { PAGE_CATALOGS } from "../client/i18n/page-catalogs.ts";

/** The keys of each shortcut; what it does is in the catalog (shell.keys, in this order). */
const SHORTCUT_KEYS = ["j / k", "a", "r", "s", "Shift+R / Shift+S", "b", "x", "/", "Esc", "?"] as const;

/** The reasons offered when rejecting or marking as spam with a reason (free text may follow). Their
 * values stay English in every language: they are what the audit log records (the labels are translated). */
export const REASON_PRESETS = [
  "Off-topic",
  "Personal attack or harassment",
  "Advertising or spam",
  "Misinformation",
  "Duplicate",
] as const;

/** `signedIn`: the request carried a valid session cookie (the script cannot see that httpOnly cookie);
 * without one the script shows the sign-in form at once instead of asking /api/auth/me for a 401. */
const queueTab = (t: ConsoleMessages, key: (typeof MODERATION_QUEUES)[number]) =>
  html`<a href="#/queue/${key}" class="queue-tab" data-queue="${key}">${t.shell.tabs[key]} <span class="count" data-count="${key}">–</span></a>`;

/** "Sign in with <provider>" for each configured identity provider (accounts linked by an admin). */
function providerSignIn(t: ConsoleMessages, providers: readonly ProviderInfo[]) {
  if (!providers.length) return "";
  const s = t.shell;
  return html`<div class="provider-sign-in" aria-labelledby="provider-sign-in-title">
    <p id="provider-sign-in-title" class="or-line"><span>${s.orLine}</span></p>
    <ul class="provider-buttons">
      ${providers.map((p) =>
        p.status === "unavailable"
          ? html`<li><span class="provider-button is-unavailable" aria-disabled="true">${fill(s.signInWithUnavailable, { provider: p.label })}</span></li>`
          : html`<li><a class="provider-button" href="/moderate/sign-in/${p.id}" data-provider="${p.id}">${fill(s.signInWith, { provider: p.label })}</a></li>`,
      )}
    </ul>
    <p class="small form-hint">${s.providerHint}</p>
  </div>`;
}

export function renderModeratePage(
  opts: { signedIn: boolean; providers?: readonly ProviderInfo[]; lang?: Lang } = { signedIn: false },
): string {
  const lang = opts.lang ?? "en";
  const t = CONSOLE_CATALOGS[lang];
  const s = t.shell;
  const d = s.dialog;
  const [demoBefore, demoAfter] = s.sitesHint.split("{link}");
  const body = html`<div id="console" class="console-root" data-session="${opts.signedIn ? "yes" : "no"}">
    <p id="console-loading" class="console-loading" role="status">${s.loading}</p>
    <noscript><p class="notice">${s.noScript}</p></noscript>

    <section id="login-view" class="login-view" aria-labelledby="login-title" hidden>
      <h1 id="login-title">${s.signInHeading}</h1>
      <form id="login-form" class="console-form" novalidate>
        <p id="login-error" class="form-error" role="alert" hidden></p>
        <p>
          <label for="login-email">${s.email}</label>
          <input id="login-email" name="email" type="email" autocomplete="username" required />
        </p>
        <p>
          <label for="login-password">${s.password}</label>
          <input id="login-password" name="password" type="password" autocomplete="current-password" required />
        </p>
        <p><button type="submit" class="submit">${s.signIn}</button></p>
        <p class="small"><a href="/moderate/forgot-password">${s.forgot}</a></p>
      </form>
      ${providerSignIn(t, opts.providers ?? [])}
    </section>

    <div id="app-view" hidden>
      <header class="console-bar">
        <h1 class="console-title">${s.heading}</h1>
        <nav class="console-nav" aria-label="${s.sections}">
          <a href="#/queue" data-view="queue">${s.nav.queue}</a>
          <a href="/moderate/dashboard">${s.nav.dashboard}</a>
          <a href="#/settings" data-view="settings" data-admin-only hidden>${s.nav.settings}</a>
          <a href="#/sites" data-view="sites" data-admin-only hidden>${s.nav.sites}</a>
          <a href="#/moderators" data-view="moderators" data-admin-only hidden>${s.nav.moderators}</a>
          <a href="#/import" data-view="import" data-admin-only hidden>${s.nav.import}</a>
          <a href="#/readers" data-view="readers" data-admin-only hidden>${s.nav.readers}</a>
          <a href="#/audit" data-view="audit" data-admin-only hidden>${s.nav.audit}</a>
          <a href="#/mail" data-view="mail">${s.nav.mail}</a>
        </nav>
        <p class="console-user">
          <span id="me-name" class="me-name"></span> <span id="me-role" class="role-badge"></span>
          <button type="button" id="show-help" class="link-button" aria-keyshortcuts="?">${s.shortcuts}</button>
          <button type="button" id="logout" class="link-button">${s.logOut}</button>
        </p>
      </header>

      <section id="queue-view" class="console-view" aria-labelledby="queue-title" hidden>
        <h2 id="queue-title" class="visually-hidden">${s.queueHeading}</h2>
        <nav class="queue-tabs" aria-label="${s.queues}">
          ${MODERATION_QUEUES.map((q) => queueTab(t, q))}
        </nav>
        <form id="queue-filters" class="queue-filters" role="search">
          <p>
            <label for="filter-article">${s.article}</label>
            <select id="filter-article" name="article">
              <option value="">${s.allArticles}</option>
            </select>
          </p>
          <p class="grow">
            <label for="filter-q">${s.search}</label>
            <input
              id="filter-q"
              name="q"
              type="search"
              placeholder="${s.searchPlaceholder}"
              aria-keyshortcuts="/"
            />
          </p>
          <p>
            <span class="label" id="sort-label">${s.order}</span>
            <button type="button" id="sort-toggle" class="toggle" aria-describedby="sort-label">${t.oldestFirst}</button>
          </p>
        </form>
        <div id="bulk-bar" class="bulk-bar" hidden>
          <span id="bulk-count"></span>
          <button type="button" data-bulk="approve">${t.action.approve}</button>
          <button type="button" data-bulk="reject">${t.action.reject}</button>
          <button type="button" data-bulk="spam">${t.action.spam}</button>
          <button type="button" data-bulk="clear" class="link-button">${s.untickAll}</button>
        </div>
        <div id="queue-list" class="queue-list" aria-busy="true"></div>
        <p id="queue-status" class="queue-status" role="status"></p>
        <p class="queue-more"><button type="button" id="load-more" hidden>${s.loadMore}</button></p>
      </section>

      <section id="settings-view" class="console-view" aria-labelledby="settings-title" hidden>
        <h2 id="settings-title">${s.nav.settings}</h2>
        <div id="settings-body"><p class="queue-status">${t.admin.loadingSettings}</p></div>
      </section>

      <section id="sites-view" class="console-view" aria-labelledby="sites-title" hidden>
        <h2 id="sites-title">${s.nav.sites}</h2>
        <p class="form-hint">
          ${demoBefore}<a href="/embed-demo">${s.demoLink}</a>${demoAfter}
        </p>
        <div id="sites-body"><p class="queue-status">${t.admin.loadingSites}</p></div>
      </section>

      <section id="moderators-view" class="console-view" aria-labelledby="moderators-title" hidden>
        <h2 id="moderators-title">${s.nav.moderators}</h2>
        <p class="form-hint">${s.moderatorsHint}</p>
        <div id="moderators-body"><p class="queue-status">${t.admin.loading}</p></div>
      </section>

      <section id="import-view" class="console-view" aria-labelledby="import-title" hidden>
        <h2 id="import-title">${s.nav.import}</h2>
        <p class="form-hint">${s.importHint}</p>
        <div id="import-body"><p class="queue-status">${t.admin.loading}</p></div>
      </section>

      <section id="readers-view" class="console-view" aria-labelledby="readers-title" hidden>
        <h2 id="readers-title">${s.nav.readers}</h2>
        <p class="form-hint">${s.readersHint}</p>
        <div id="readers-body"><p class="queue-status">${t.admin.loading}</p></div>
      </section>

      <section id="mail-view" class="console-view" aria-labelledby="mail-title" hidden>
        <h2 id="mail-title">${s.nav.mail}</h2>
        <div id="mail-body"><p class="queue-status">${t.admin.loading}</p></div>
      </section>

      <section id="audit-view" class="console-view" aria-labelledby="audit-title" hidden>
        <h2 id="audit-title">${s.nav.audit}</h2>
        <p id="audit-filter" class="audit-filter" hidden></p>
        <div id="audit-body"><p class="queue-status">${t.audit.loading}</p></div>
        <p class="queue-more"><button type="button" id="audit-more" hidden>${s.loadMore}</button></p>
      </section>
    </div>

    <dialog id="shortcuts" class="shortcuts" aria-labelledby="shortcuts-title">
      <h2 id="shortcuts-title">${s.shortcutsTitle}</h2>
      <dl>
        ${SHORTCUT_KEYS.map(
          (keys, i) =>
            html`<div>
              <dt><kbd>${keys}</kbd></dt>
              <dd>${s.keys[i]}</dd>
            </div>`,
        )}
      </dl>
      <form method="dialog"><button type="submit" class="submit">${s.close}</button></form>
    </dialog>
    <dialog id="ban-dialog" class="decision-dialog" aria-labelledby="ban-title" aria-describedby="ban-summary">
      <form method="dialog" id="ban-form" class="console-form">
        <h2 id="ban-title"></h2>
        <p id="ban-summary" class="dialog-summary"></p>
        <p id="ban-already" class="form-hint" hidden>
          ${d.banAlready}
        </p>
        <p id="ban-published-row" class="dialog-check">
          <label
            ><input type="checkbox" id="ban-reject-published" name="rejectPublished" />
            <span id="ban-published-label"></span
          ></label>
        </p>
        <p>
          <label for="ban-reason">${d.reason} <span class="form-hint">${d.reasonOptional}</span></label>
          <input id="ban-reason" name="reason" type="text" maxlength="500" autocomplete="off" />
        </p>
        <!-- The confirming button comes first in the markup: Enter in a field presses it (CSS orders them). -->
        <p class="dialog-buttons">
          <button type="submit" value="confirm" id="ban-confirm" class="submit danger">${d.banConfirm}</button>
          <button type="submit" value="cancel" class="link-button">${d.cancel}</button>
          <button type="submit" value="unban" id="ban-lift" class="dialog-aside" hidden>${d.liftInstead}</button>
        </p>
      </form>
    </dialog>
    <dialog id="reason-dialog" class="decision-dialog" aria-labelledby="reason-title">
      <form method="dialog" id="reason-form" class="console-form">
        <h2 id="reason-title">${t.reasonTitleTicked}</h2>
        <fieldset class="dialog-choice">
          <legend>${d.decision}</legend>
          <label><input type="radio" name="action" value="reject" checked /> ${t.action.reject}</label>
          <label><input type="radio" name="action" value="spam" /> ${t.action.spam}</label>
        </fieldset>
        <fieldset class="dialog-choice">
          <legend>${d.reason}</legend>
          ${REASON_PRESETS.map((r, i) => html`<label><input type="radio" name="preset" value="${r}" ${i === 0 ? " checked" : ""} /> ${d.presets[i] ?? r}</label>`)}
          <label><input type="radio" name="preset" value="" /> ${d.other}</label>
        </fieldset>
        <p>
          <label for="reason-text"
            >${d.details} <span class="form-hint">${d.detailsHint}</span></label
          >
          <textarea id="reason-text" name="details" rows="2" maxlength="400" aria-describedby="reason-error"></textarea>
        </p>
        <p id="reason-error" class="form-error" role="alert" hidden></p>
        <p class="dialog-buttons">
          <button type="submit" value="confirm" id="reason-confirm" class="submit">${t.action.reject}</button>
          <button type="submit" value="cancel" class="link-button">${d.cancel}</button>
        </p>
      </form>
    </dialog>
    <div id="announcer" class="visually-hidden" role="status" aria-live="polite"></div>
  </div>`;
  return layout({
    title: s.title,
    m: PAGE_CATALOGS[lang],
    body,
    // The console's words beside its script when not English (i18n/load-catalog.ts): fetched in parallel.
    scripts: lang === "en" ? ["/static/js/moderate.js"] : ["/static/js/moderate.js", `/static/js/moderate-${lang}.js`],
    styles: ["/static/css/moderate.css"],
    bodyClass: "moderate",
    noindex: true,
  });
}
