// The moderator console (/moderate), bundled to public/js/moderate.js: sign-in, then the queue,
// settings and audit views, routed by the address's hash (#/queue/held?article=…, #/settings,
// #/audit) so every view can be bookmarked. Signed in, the live feed keeps the queue current.
import { ApiError, get, messageOf, setCsrfToken, setFallbackMessages, whenSignedOut } from "./api.ts";
import type { ArticleListing, Me, Session } from "./api-types.ts";
import { initAudit, showAudit } from "./audit.ts";
import { showImportExport } from "./import-export.ts";
import { initKeyboard } from "./keyboard.ts";
import { connectLiveFeed, disconnectLiveFeed } from "./live-feed.ts";
import { showMail } from "./mail.ts";
import { showModerators } from "./moderators.ts";
import { initQueueActions } from "./queue-actions.ts";
import { parseQueueHash } from "./queue-state.ts";
import { initQueue, showQueue } from "./queue-view.ts";
import { showReaderData } from "./reader-data.ts";
import { showSettings } from "./settings.ts";
import { say, t } from "./lang.ts";
import { initSignIn, showLogin } from "./sign-in.ts";
import { showSites } from "./sites.ts";

const VIEWS = ["queue", "settings", "sites", "moderators", "import", "readers", "audit", "mail"] as const;
type View = (typeof VIEWS)[number];
const ADMIN_VIEWS: readonly View[] = ["settings", "sites", "moderators", "import", "readers", "audit"];
const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
let me: Me | null = null;
let wired = false;

void start();

async function start(): Promise<void> {
  setFallbackMessages(t);
  initSignIn(signedIn, signedOut);
  whenSignedOut(() => signedOut(t.signIn.ended));
  // The server saw no valid session cookie: sign in, without a request that can only answer 401.
  if (byId("console").dataset.session === "no") return signedOut("");
  try {
    await signedIn(await get<Session>("/api/auth/me"));
  } catch (error) {
    signedOut(
      error instanceof ApiError && error.status === 401
        ? ""
        : say(t.signIn.couldNotStart, { message: messageOf(error) }),
    );
  }
}

function signedOut(message: string): void {
  me = null;
  disconnectLiveFeed();
  showLogin(message);
}

async function signedIn({ moderator, csrfToken }: Session): Promise<void> {
  me = moderator;
  setCsrfToken(csrfToken);
  byId("me-name").textContent = moderator.name;
  byId("me-role").textContent = t.shell.roles[moderator.role];
  for (const link of document.querySelectorAll<HTMLElement>("[data-admin-only]"))
    link.hidden = moderator.role !== "admin";
  byId("console-loading").hidden = true;
  byId("login-view").hidden = true;
  byId("app-view").hidden = false;
  if (!wired) {
    wired = true;
    const articles = await get<ArticleListing[]>("/api/articles").catch((): ArticleListing[] => []);
    initQueue(articles);
    initQueueActions();
    initAudit();
    initKeyboard({ isQueueVisible: () => !byId("queue-view").hidden && !byId("app-view").hidden });
    window.addEventListener("hashchange", route);
  }
  void connectLiveFeed(moderator);
  route();
}

const isView = (s: string | undefined): s is View => (VIEWS as readonly string[]).includes(s ?? "");

function route(): void {
  if (!me) return;
  const [pathPart = "", query = ""] = location.hash.replace(/^#\/?/, "").split("?");
  const path = pathPart.split("/");
  const params = new URLSearchParams(query);
  let view: View = isView(path[0]) ? path[0] : "queue";
  if (ADMIN_VIEWS.includes(view) && me.role !== "admin") view = "queue";
  for (const v of VIEWS) byId(`${v}-view`).hidden = v !== view;
  for (const link of document.querySelectorAll<HTMLElement>(".console-nav a")) {
    if (link.dataset.view === view) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  if (view === "settings") void showSettings();
  else if (view === "sites") void showSites();
  else if (view === "moderators") void showModerators(me);
  else if (view === "audit") void showAudit({ comment: params.get("comment") ?? "" });
  else if (view === "mail") void showMail(me);
  else if (view === "import") void showImportExport();
  else if (view === "readers") showReaderData();
  else void showQueue(parseQueueHash(path, params));
}
