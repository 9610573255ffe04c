// The moderator console (/moderate): sign-in, then the queue, settings and audit views, routed by the
// address's hash (#/queue/held?article=…, #/settings, #/audit) so every view can be bookmarked.
// For a live feed: onQueueEvent(event) updates counts and cards, and the document receives
// "parley:signed-in" / "parley:signed-out" events to know when to connect or disconnect.
import { get, post, setCsrfToken, whenSignedOut } from "./moderate/api.js";
import { initAudit, showAudit } from "./moderate/audit.js";
import { announce } from "./moderate/dom.js";
import { initKeyboard } from "./moderate/keyboard.js";
import { initQueueActions } from "./moderate/queue-actions.js";
import { initQueue, parseQueueHash, showQueue } from "./moderate/queue-view.js";
import { showSettings } from "./moderate/settings.js";
import { showSites } from "./moderate/sites.js";
import { showModerators } from "./moderate/moderators.js";
import { showMail } from "./moderate/mail.js";
import { showImportExport } from "./moderate/import-export.js";
import { showReaderData } from "./moderate/reader-data.js";

export { onQueueEvent } from "./moderate/queue-live.js";
import "./moderate/live-feed.js"; // connects on "parley:signed-in"

const $ = (id) => document.getElementById(id);
const VIEWS = ["queue", "settings", "sites", "moderators", "import", "readers", "audit", "mail"];
const ADMIN_VIEWS = ["settings", "sites", "moderators", "import", "readers", "audit"];
let me = null;
let wired = false;

start();

async function start() {
  $("login-form").addEventListener("submit", logIn);
  $("logout").addEventListener("click", logOut);
  whenSignedOut(() => showLogin("Your session has ended. Sign in again."));
  // The server saw no valid session cookie: sign in, without a request that can only answer 401.
  if ($("console").dataset.session === "no") return showLogin("");
  try {
    signedIn(await get("/api/auth/me"));
  } catch (error) {
    showLogin(error.status === 401 ? "" : `The console could not start: ${error.message}`);
  }
}

function showLogin(message) {
  me = null;
  setCsrfToken("");
  $("console-loading").hidden = true;
  $("app-view").hidden = true;
  $("login-view").hidden = false;
  const error = $("login-error");
  error.textContent = message;
  error.hidden = !message;
  document.title = "Sign in · Moderation · Parley";
  document.dispatchEvent(new CustomEvent("parley:signed-out"));
  $("login-email").focus();
}

async function logIn(e) {
  e.preventDefault();
  const form = e.currentTarget;
  const error = $("login-error");
  const button = form.querySelector("button[type=submit]");
  const email = form.elements.email.value.trim();
  const password = form.elements.password.value;
  if (!email || !password) {
    error.textContent = "Enter your email and password.";
    error.hidden = false;
    (email ? form.elements.password : form.elements.email).focus();
    return;
  }
  button.disabled = true;
  error.hidden = true;
  try {
    const res = await post("/api/auth/login", { email, password });
    form.reset();
    await signedIn(res);
    // The form (and its focused button) is gone: put the keyboard at the top of the console, not on <body>.
    const title = document.querySelector(".console-title");
    title.tabIndex = -1;
    title.focus();
  } catch (err) {
    error.textContent = err.status === 429 ? `${err.message} ${retryText(err.retryAfter)}`.trim() : err.message;
    error.hidden = false;
    form.elements.password.select();
  } finally {
    button.disabled = false;
  }
}

/** "You can try again in 14 minutes." from a Retry-After in seconds. */
function retryText(seconds) {
  if (!seconds) return "";
  if (seconds < 90) return `You can try again in ${seconds} seconds.`;
  const minutes = Math.ceil(seconds / 60);
  return minutes < 90
    ? `You can try again in ${minutes} minutes.`
    : `You can try again at ${new Date(Date.now() + seconds * 1000).toLocaleTimeString([], { hour: "numeric", minute: "2-digit" })}.`;
}

async function logOut() {
  try {
    await post("/api/auth/logout");
  } catch (error) {
    if (error.status !== 401) return announce(`Could not sign out: ${error.message}`);
  }
  showLogin("You are signed out.");
}

async function signedIn({ moderator, csrfToken }) {
  me = moderator;
  setCsrfToken(csrfToken);
  $("me-name").textContent = moderator.name;
  $("me-role").textContent = moderator.role;
  for (const link of document.querySelectorAll("[data-admin-only]")) link.hidden = moderator.role !== "admin";
  $("console-loading").hidden = true;
  $("login-view").hidden = true;
  $("app-view").hidden = false;
  if (!wired) {
    wired = true;
    const articles = await get("/api/articles").catch(() => []);
    initQueue(articles);
    initQueueActions();
    initAudit();
    initKeyboard({ isQueueVisible: () => !$("queue-view").hidden && !$("app-view").hidden });
    window.addEventListener("hashchange", route);
  }
  document.dispatchEvent(new CustomEvent("parley:signed-in", { detail: { moderator } }));
  route();
}

function route() {
  if (!me) return;
  const [pathPart = "", query = ""] = location.hash.replace(/^#\/?/, "").split("?");
  const path = pathPart.split("/");
  const params = new URLSearchParams(query);
  let view = VIEWS.includes(path[0]) ? path[0] : "queue";
  if (ADMIN_VIEWS.includes(view) && me.role !== "admin") view = "queue";
  for (const v of VIEWS) $(`${v}-view`).hidden = v !== view;
  for (const link of document.querySelectorAll(".console-nav a")) {
    if (link.dataset.view === view) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  if (view === "settings") showSettings();
  else if (view === "sites") showSites();
  else if (view === "moderators") showModerators(me);
  else if (view === "audit") showAudit({ comment: params.get("comment") ?? "" });
  else if (view === "mail") showMail(me);
  else if (view === "import") showImportExport();
  else if (view === "readers") showReaderData();
  else showQueue(parseQueueHash(path, params));
}
