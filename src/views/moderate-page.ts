// The moderator console's shell. It holds no data: its script (src/client/console/, bundled to
// public/js/moderate.js) signs the moderator in and fills every view from the authenticated API, so
// the page itself can be served to anyone.
import { html } from "../render/html.ts";
import { layout } from "./layout.ts";
import type { ProviderInfo } from "../identity/identity-client.ts";

export const QUEUES = [
  ["pending", "Pending"],
  ["held", "Held"],
  ["reported", "Reported"],
  ["rejected", "Rejected"],
  ["spam", "Spam"],
  ["all", "All"],
] as const;

const SHORTCUTS = [
  ["j / k", "Next / previous comment"],
  ["a", "Approve (all ticked comments, if any are ticked)"],
  ["r", "Reject"],
  ["s", "Mark as spam"],
  ["Shift+R / Shift+S", "Reject / mark as spam, with a reason"],
  ["b", "Ban the author (asks first, showing what else it takes down)"],
  ["x", "Tick / untick the comment for a bulk action"],
  ["/", "Search"],
  ["Esc", "Untick all, close this help"],
  ["?", "Show these shortcuts"],
] as const;

/** The reasons offered when rejecting or marking as spam with a reason (free text may follow). */
export const REASON_PRESETS = [
  "Off-topic",
  "Personal attack or harassment",
  "Advertising or spam",
  "Misinformation",
  "Duplicate",
] as const;

/** `signedIn`: the request carried a valid session cookie (the script cannot see that httpOnly cookie);
 * without one the script shows the sign-in form at once instead of asking /api/auth/me for a 401. */
const queueTab = ([key, label]: readonly [string, string]) =>
  html`<a href="#/queue/${key}" class="queue-tab" data-queue="${key}">${label} <span class="count" data-count="${key}">–</span></a>`;

/** "Sign in with <provider>" for each configured identity provider (accounts linked by an admin). */
function providerSignIn(providers: readonly ProviderInfo[]) {
  if (!providers.length) return "";
  return html`<div class="provider-sign-in" aria-labelledby="provider-sign-in-title">
    <p id="provider-sign-in-title" class="or-line"><span>or</span></p>
    <ul class="provider-buttons">
      ${providers.map((p) =>
        p.status === "unavailable"
          ? html`<li><span class="provider-button is-unavailable" aria-disabled="true">Sign in with ${p.label} (unavailable right now)</span></li>`
          : html`<li><a class="provider-button" href="/moderate/sign-in/${p.id}" data-provider="${p.id}">Sign in with ${p.label}</a></li>`,
      )}
    </ul>
    <p class="small form-hint">Works once an admin has linked your provider account to your moderator account.</p>
  </div>`;
}

export function renderModeratePage(
  opts: { signedIn: boolean; providers?: readonly ProviderInfo[] } = { signedIn: false },
): string {
  const body = html`<div id="console" class="console-root" data-session="${opts.signedIn ? "yes" : "no"}">
    <p id="console-loading" class="console-loading" role="status">Loading the moderation console…</p>
    <noscript><p class="notice">The moderation console needs JavaScript.</p></noscript>

    <section id="login-view" class="login-view" aria-labelledby="login-title" hidden>
      <h1 id="login-title">Sign in to moderate</h1>
      <form id="login-form" class="console-form" novalidate>
        <p id="login-error" class="form-error" role="alert" hidden></p>
        <p>
          <label for="login-email">Email</label>
          <input id="login-email" name="email" type="email" autocomplete="username" required />
        </p>
        <p>
          <label for="login-password">Password</label>
          <input id="login-password" name="password" type="password" autocomplete="current-password" required />
        </p>
        <p><button type="submit" class="submit">Sign in</button></p>
        <p class="small"><a href="/moderate/forgot-password">Forgot your password?</a></p>
      </form>
      ${providerSignIn(opts.providers ?? [])}
    </section>

    <div id="app-view" hidden>
      <header class="console-bar">
        <h1 class="console-title">Moderation</h1>
        <nav class="console-nav" aria-label="Console sections">
          <a href="#/queue" data-view="queue">Queue</a>
          <a href="/moderate/dashboard">Dashboard</a>
          <a href="#/settings" data-view="settings" data-admin-only hidden>Settings</a>
          <a href="#/sites" data-view="sites" data-admin-only hidden>Sites</a>
          <a href="#/moderators" data-view="moderators" data-admin-only hidden>Moderators</a>
          <a href="#/import" data-view="import" data-admin-only hidden>Import / Export</a>
          <a href="#/readers" data-view="readers" data-admin-only hidden>Reader data</a>
          <a href="#/audit" data-view="audit" data-admin-only hidden>Audit log</a>
          <a href="#/mail" data-view="mail">Mail</a>
        </nav>
        <p class="console-user">
          <span id="me-name" class="me-name"></span> <span id="me-role" class="role-badge"></span>
          <button type="button" id="show-help" class="link-button" aria-keyshortcuts="?">Shortcuts</button>
          <button type="button" id="logout" class="link-button">Log out</button>
        </p>
      </header>

      <section id="queue-view" class="console-view" aria-labelledby="queue-title" hidden>
        <h2 id="queue-title" class="visually-hidden">Moderation queue</h2>
        <nav class="queue-tabs" aria-label="Queues">
          ${QUEUES.map(queueTab)}
        </nav>
        <form id="queue-filters" class="queue-filters" role="search">
          <p>
            <label for="filter-article">Article</label>
            <select id="filter-article" name="article">
              <option value="">All articles</option>
            </select>
          </p>
          <p class="grow">
            <label for="filter-q">Search</label>
            <input
              id="filter-q"
              name="q"
              type="search"
              placeholder="Text, author name or email"
              aria-keyshortcuts="/"
            />
          </p>
          <p>
            <span class="label" id="sort-label">Order</span>
            <button type="button" id="sort-toggle" class="toggle" aria-describedby="sort-label">Oldest first</button>
          </p>
        </form>
        <div id="bulk-bar" class="bulk-bar" hidden>
          <span id="bulk-count"></span>
          <button type="button" data-bulk="approve">Approve</button>
          <button type="button" data-bulk="reject">Reject</button>
          <button type="button" data-bulk="spam">Spam</button>
          <button type="button" data-bulk="clear" class="link-button">Untick all</button>
        </div>
        <div id="queue-list" class="queue-list" aria-busy="true"></div>
        <p id="queue-status" class="queue-status" role="status"></p>
        <p class="queue-more"><button type="button" id="load-more" hidden>Load more</button></p>
      </section>

      <section id="settings-view" class="console-view" aria-labelledby="settings-title" hidden>
        <h2 id="settings-title">Settings</h2>
        <div id="settings-body"><p class="queue-status">Loading settings…</p></div>
      </section>

      <section id="sites-view" class="console-view" aria-labelledby="sites-title" hidden>
        <h2 id="sites-title">Sites</h2>
        <p class="form-hint">
          Websites that embed the comment widget with one script tag (see <a href="/embed-demo">the demo</a>).
        </p>
        <div id="sites-body"><p class="queue-status">Loading sites…</p></div>
      </section>

      <section id="moderators-view" class="console-view" aria-labelledby="moderators-title" hidden>
        <h2 id="moderators-title">Moderators</h2>
        <p class="form-hint">Who can moderate, and who can also change settings (admins). Disabling signs an account out at once. A sign-in provider is linked to an account only by an invitation from an admin, never by matching email.</p>
        <div id="moderators-body"><p class="queue-status">Loading…</p></div>
      </section>

      <section id="import-view" class="console-view" aria-labelledby="import-title" hidden>
        <h2 id="import-title">Import / Export</h2>
        <p class="form-hint">Move a site's comments in from WordPress or Disqus, or out again.</p>
        <div id="import-body"><p class="queue-status">Loading…</p></div>
      </section>

      <section id="readers-view" class="console-view" aria-labelledby="readers-title" hidden>
        <h2 id="readers-title">Reader data</h2>
        <p class="form-hint">Everything stored about a reader's email address: see it, download it, erase it.</p>
        <div id="readers-body"><p class="queue-status">Loading…</p></div>
      </section>

      <section id="mail-view" class="console-view" aria-labelledby="mail-title" hidden>
        <h2 id="mail-title">Mail</h2>
        <div id="mail-body"><p class="queue-status">Loading…</p></div>
      </section>

      <section id="audit-view" class="console-view" aria-labelledby="audit-title" hidden>
        <h2 id="audit-title">Audit log</h2>
        <p id="audit-filter" class="audit-filter" hidden></p>
        <div id="audit-body"><p class="queue-status">Loading the audit log…</p></div>
        <p class="queue-more"><button type="button" id="audit-more" hidden>Load more</button></p>
      </section>
    </div>

    <dialog id="shortcuts" class="shortcuts" aria-labelledby="shortcuts-title">
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <dl>
        ${SHORTCUTS.map(
          ([keys, what]) =>
            html`<div>
              <dt><kbd>${keys}</kbd></dt>
              <dd>${what}</dd>
            </div>`,
        )}
      </dl>
      <form method="dialog"><button type="submit" class="submit">Close</button></form>
    </dialog>
    <dialog id="ban-dialog" class="decision-dialog" aria-labelledby="ban-title" aria-describedby="ban-summary">
      <form method="dialog" id="ban-form" class="console-form">
        <h2 id="ban-title">Ban this author?</h2>
        <p id="ban-summary" class="dialog-summary"></p>
        <p id="ban-already" class="form-hint" hidden>
          This author is already banned; banning again renews the ban (and takes down what is listed here).
        </p>
        <p id="ban-published-row" class="dialog-check">
          <label
            ><input type="checkbox" id="ban-reject-published" name="rejectPublished" />
            <span id="ban-published-label"></span
          ></label>
        </p>
        <p>
          <label for="ban-reason">Reason <span class="form-hint">(optional, kept in the audit log)</span></label>
          <input id="ban-reason" name="reason" type="text" maxlength="500" autocomplete="off" />
        </p>
        <!-- The confirming button comes first in the markup: Enter in a field presses it (CSS orders them). -->
        <p class="dialog-buttons">
          <button type="submit" value="confirm" id="ban-confirm" class="submit danger">Ban author</button>
          <button type="submit" value="cancel" class="link-button">Cancel</button>
          <button type="submit" value="unban" id="ban-lift" class="dialog-aside" hidden>Lift the ban instead</button>
        </p>
      </form>
    </dialog>
    <dialog id="reason-dialog" class="decision-dialog" aria-labelledby="reason-title">
      <form method="dialog" id="reason-form" class="console-form">
        <h2 id="reason-title">Decide with a reason</h2>
        <fieldset class="dialog-choice">
          <legend>Decision</legend>
          <label><input type="radio" name="action" value="reject" checked /> Reject</label>
          <label><input type="radio" name="action" value="spam" /> Spam</label>
        </fieldset>
        <fieldset class="dialog-choice">
          <legend>Reason</legend>
          ${REASON_PRESETS.map((r, i) => html`<label><input type="radio" name="preset" value="${r}" ${i === 0 ? " checked" : ""} /> ${r}</label>`)}
          <label><input type="radio" name="preset" value="" /> Other (write it below)</label>
        </fieldset>
        <p>
          <label for="reason-text"
            >Details <span class="form-hint">(needed for Other; kept in the audit log)</span></label
          >
          <textarea id="reason-text" name="details" rows="2" maxlength="400" aria-describedby="reason-error"></textarea>
        </p>
        <p id="reason-error" class="form-error" role="alert" hidden></p>
        <p class="dialog-buttons">
          <button type="submit" value="confirm" id="reason-confirm" class="submit">Reject</button>
          <button type="submit" value="cancel" class="link-button">Cancel</button>
        </p>
      </form>
    </dialog>
    <div id="announcer" class="visually-hidden" role="status" aria-live="polite"></div>
  </div>`;
  return layout({
    title: "Moderation · Parley",
    body,
    scripts: ["/static/js/moderate.js"],
    styles: ["/static/css/moderate.css"],
    bodyClass: "moderate",
    noindex: true,
  });
}
