// The page shell (src/views/moderate-page.ts) comes in English; in another language the console puts its
// catalog's words into it once at start: headings, labels, tabs, buttons, the shortcut list, the
// dialogs. Only text changes (and <html lang>): ids, values and the markup stay as the server sent them.
// The values of the reason presets stay English on purpose: they are what the audit log records.
import { lang, t } from "./lang.ts";

function setText(selector: string, text: string): void {
  for (const node of document.querySelectorAll(selector)) node.textContent = text;
}

/** Replaces an element's own leading text, keeping its child elements (a count, a hint, an input). */
function setLeadingText(node: Element | null, text: string): void {
  const first = [...(node?.childNodes ?? [])].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
  if (first) first.textContent = text;
}

function setAttr(selector: string, name: string, value: string): void {
  document.querySelector(selector)?.setAttribute(name, value);
}

export function translateShell(): void {
  if (lang === "en") return; // the server's shell is English already
  const s = t.shell;
  document.documentElement.lang = lang;
  setText("#console-loading", s.loading);
  setText("#login-title", s.signInHeading);
  setText("label[for=login-email]", s.email);
  setText("label[for=login-password]", s.password);
  setText("#login-form button[type=submit]", s.signIn);
  setText('#login-form a[href="/moderate/forgot-password"]', s.forgot);
  setText(".console-title", s.heading);
  setAttr(".console-nav", "aria-label", s.sections);
  for (const [view, text] of Object.entries(s.nav)) setText(`.console-nav a[data-view=${view}], #${view}-title`, text);
  setText('.console-nav a[href="/moderate/dashboard"]', s.nav.dashboard);
  setText("#show-help", s.shortcuts);
  setText("#logout", s.logOut);
  translateQueue();
  translateDialogs();
}

function translateQueue(): void {
  const s = t.shell;
  setText("#queue-title", s.queueHeading);
  setAttr(".queue-tabs", "aria-label", s.queues);
  for (const [queue, text] of Object.entries(s.tabs))
    setLeadingText(document.querySelector(`.queue-tab[data-queue=${queue}]`), `${text} `);
  setText("label[for=filter-article]", s.article);
  setText('#filter-article option[value=""]', s.allArticles);
  setText("label[for=filter-q]", s.search);
  setAttr("#filter-q", "placeholder", s.searchPlaceholder);
  setText("#sort-label", s.order);
  setText("#sort-toggle", t.oldestFirst);
  setText("[data-bulk=approve]", t.action.approve);
  setText("[data-bulk=reject]", t.action.reject);
  setText("[data-bulk=spam]", t.action.spam);
  setText("[data-bulk=clear]", s.untickAll);
  setText("#load-more, #audit-more", s.loadMore);
}

function translateDialogs(): void {
  const s = t.shell;
  const d = s.dialog;
  setText("#shortcuts-title", s.shortcutsTitle);
  document.querySelectorAll("#shortcuts dd").forEach((dd, i) => (dd.textContent = s.keys[i] ?? dd.textContent));
  setText("#shortcuts form button", s.close);
  setText("#ban-already", d.banAlready);
  setLeadingText(document.querySelector("label[for=ban-reason]"), `${d.reason} `);
  setText("label[for=ban-reason] .form-hint", d.reasonOptional);
  setText("#ban-confirm", d.banConfirm);
  setText("dialog button[value=cancel]", d.cancel);
  setText("#ban-lift", d.liftInstead);
  const [decision, reason] = document.querySelectorAll("#reason-form legend");
  if (decision) decision.textContent = d.decision;
  if (reason) reason.textContent = d.reason;
  setLeadingText(
    document.querySelector("#reason-form input[name=action][value=reject]")?.parentElement ?? null,
    ` ${t.action.reject}`,
  );
  setLeadingText(
    document.querySelector("#reason-form input[name=action][value=spam]")?.parentElement ?? null,
    ` ${t.action.spam}`,
  );
  document.querySelectorAll("#reason-form input[name=preset]").forEach((input, i) => {
    setLeadingText(input.parentElement, ` ${d.presets[i] ?? d.other}`);
  });
  setLeadingText(document.querySelector("label[for=reason-text]"), `${d.details} `);
  setText("label[for=reason-text] .form-hint", d.detailsHint);
  setText("#reason-confirm", t.action.reject);
}
