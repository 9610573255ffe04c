// Signing in from the widget, where Parley's cookies are third-party (and usually blocked): "log in
// with" opens a popup on Parley's origin that runs the provider's flow and posts back a token for this
// site only. The widget accepts that message only from Parley's origin, from the popup it opened, and
// carrying the nonce it made when it opened that popup; a mailed link's token (in the page's fragment)
// only with a nonce this browser made when it asked for the link. So a crafted link or message with
// someone else's token cannot sign the visitor in as them (login CSRF). It keeps the token per site in
// localStorage (a reload stays signed in), sends it as a header, and forgets it on Log out.
import type { Api } from "./api.ts";
import { h } from "../client/dom.ts";
import { en } from "../client/i18n/en.ts";
import { fill, type Messages } from "../client/i18n/messages.ts";
import {
  forgetReaderSignIn,
  newNonce,
  readerSignIn,
  rememberReaderSignIn,
  type StoredSignIn,
} from "../client/storage.ts";

export type Reader = { name: string; provider: string; providerLabel: string; avatarUrl: string | null };
export type Provider = { id: string; label: string; status: "ready" | "unknown" | "unavailable" };
export type Commenting = "anonymous" | "signed-in-only" | "anonymous-held";
type Options = { commenting: Commenting; providers: Provider[]; emailLink?: boolean; startUrl: string };

export const READER_TOKEN_HEADER = "X-Parley-Reader-Token";

export class WidgetSignIn {
  commenting: Commenting = "anonymous";
  providers: Provider[] = [];
  emailLink = false;
  private startUrl = "";
  private stored: StoredSignIn | null;
  private popup: Window | null = null;
  /** The nonce sent when the popup was opened: its answer must carry it. */
  private popupNonce: string | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly parleyOrigin: string;
  m: Messages = en;

  constructor(
    private readonly api: Api,
    private readonly base: string,
    readonly site: string,
    /** Tells the reader what happened (the widget's live region). */
    readonly say: (message: string) => void,
    /** The widget's catalog, once loaded (English until then). */
    private readonly messages: Promise<Messages>,
  ) {
    void messages.then((m) => (this.m = m));
    this.parleyOrigin = new URL(base).origin;
    this.stored = readerSignIn(site);
    window.addEventListener("message", this.onMessage);
  }

  get reader(): Reader | null {
    return this.stored?.reader ?? null;
  }

  /** The header that signs the widget's calls in, when a reader is signed in. */
  headers(): Record<string, string> {
    return this.stored ? { [READER_TOKEN_HEADER]: this.stored.token } : {};
  }

  /** What the site offers, and whether the stored token still names someone (expired or signed out elsewhere: forgotten). */
  async load(): Promise<void> {
    const options = await this.api.get<Options>("/api/embed/sign-in", { site: this.site }).catch(() => null);
    if (options) {
      this.commenting = options.commenting;
      this.providers = options.providers;
      this.emailLink = !!options.emailLink;
      this.startUrl = options.startUrl;
    }
    const mailed = await this.takeMailedToken();
    if (mailed)
      this.stored = {
        token: mailed,
        expiresAt: "",
        reader: { name: "", provider: "", providerLabel: "", avatarUrl: null },
      };
    if (!this.stored) return;
    const me = await this.api
      .get<{ reader: Reader | null }>("/api/reader/me", { site: this.site }, this.headers())
      .catch(() => undefined); // unreachable: keep the sign-in, the next call will tell
    if (me && !me.reader) this.forget();
    else if (me?.reader) {
      this.stored = { ...this.stored, reader: me.reader };
      if (mailed) rememberReaderSignIn(this.site, this.stored);
    } else if (mailed) this.stored = null; // not confirmed: try the link's page again later
  }

  /** A mailed link brought the reader back with a token in the fragment (its code is in embed-panels.js). */
  private async takeMailedToken(): Promise<string | null> {
    if (!location.hash.includes("parley-sign-in=")) return null;
    const [panels, m] = await Promise.all([this.panels().catch(() => null), this.messages]);
    return panels?.takeMailedToken(this.site, this.say, m) ?? null;
  }

  /** "Email me a sign-in link": the link brings the reader back to this page, signed in. */
  async mailLink(name: string, email: string, nonce: string): Promise<string> {
    const page = location.href.replace(/#.*$/, "");
    const res = await this.api.send<{ email: string }>(
      "POST",
      `/api/reader/email-link?site=${encodeURIComponent(this.site)}`,
      { authorName: name, authorEmail: email, return: page, widget: true, nonce },
    );
    return res.data.email;
  }

  /** The panels' bundle (embed-panels.js): the email-link fields live there. */
  panels(): Promise<typeof import("./comment-panels.ts")> {
    return import(`${this.base}/embed-panels.js`) as Promise<typeof import("./comment-panels.ts")>;
  }

  readonly failed = (): void => this.say(this.m.didNotWork);

  /** Called from the button's click, so the browser lets the popup open. */
  open(provider: Provider): void {
    const url = new URL(`${this.startUrl}/${encodeURIComponent(provider.id)}/start`);
    url.searchParams.set("popup", "1");
    url.searchParams.set("site", this.site);
    url.searchParams.set("origin", location.origin);
    this.popupNonce = newNonce();
    url.searchParams.set("nonce", this.popupNonce);
    this.popup = window.open(url.href, "parley-sign-in", "popup,width=520,height=680");
    if (!this.popup) this.say(this.m.popupBlocked);
  }

  async logout(): Promise<void> {
    const headers = this.headers();
    this.forget();
    this.say(this.m.loggedOut);
    // The server forgets the token too; if it cannot be reached, the token expires by itself.
    await this.api
      .send("POST", `/api/reader/logout?site=${encodeURIComponent(this.site)}`, {}, headers)
      .catch(() => {});
  }

  /** Runs on every sign-in change; returns how to stop. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    window.removeEventListener("message", this.onMessage);
    this.listeners.clear();
  }

  private forget(): void {
    this.stored = null;
    forgetReaderSignIn(this.site);
    this.changed();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  // Only Parley's origin, and only the popup this widget opened: any other window (the host page's
  // own scripts, another frame, a page the reader opened) cannot sign the widget in or out.
  private readonly onMessage = (event: MessageEvent): void => {
    if (event.origin !== this.parleyOrigin || !this.popup || event.source !== this.popup) return;
    const data = event.data as {
      type?: string;
      nonce?: unknown;
      token?: unknown;
      expiresAt?: unknown;
      reader?: Reader;
      message?: unknown;
    } | null;
    // The answer to the sign-in this widget started, and no other (a window it opened, navigated elsewhere).
    if (!this.popupNonce || data?.nonce !== this.popupNonce) return;
    if (data?.type === "parley:sign-in-refused") {
      this.say(typeof data.message === "string" ? data.message : "Sign-in did not work.");
      return;
    }
    if (data?.type !== "parley:signed-in" || typeof data.token !== "string" || !data.reader) return;
    if (!/^[\w-]{20,200}$/.test(data.token) || typeof data.reader.name !== "string") return;
    this.popup = null;
    this.popupNonce = null;
    this.stored = {
      token: data.token,
      expiresAt: typeof data.expiresAt === "string" ? data.expiresAt : "",
      reader: data.reader,
    };
    rememberReaderSignIn(this.site, this.stored);
    this.changed();
    this.say(`${fill(this.m.commentingAs, { name: data.reader.name, provider: data.reader.providerLabel })}.`);
  };
}

/** In the form: "You are commenting as … · Log out · Change" for a reader, else "or log in with" and the buttons. */
export function signInBox(signIn: WidgetSignIn): HTMLElement | null {
  const { m } = signIn;
  const r = signIn.reader;
  const buttons = signIn.providers.map((p) => {
    const b = h("button", {
      type: "button",
      class: "sib",
      "data-provider": p.id,
      text: p.status === "unavailable" ? `${p.label} ${m.unavailableNow}` : p.label,
      disabled: p.status === "unavailable",
    });
    b.addEventListener("click", () => signIn.open(p));
    return h("li", {}, b);
  });
  const list = buttons.length ? h("ul", { class: "sil" }, ...buttons) : null;
  if (!r) {
    const mail = signIn.emailLink ? emailLinkBox(signIn) : null;
    if (!list && !mail) return null;
    const lead = signIn.commenting === "signed-in-only" ? m.logInWith : m.orLogInWith;
    return h("div", { class: "si" }, list ? h("p", { class: "small muted", text: lead }) : null, list, mail);
  }
  const logout = h("button", { type: "button", class: "link", text: m.logOut });
  logout.addEventListener("click", () => void signIn.logout());
  const change = h("button", { type: "button", class: "link", text: m.change, "aria-expanded": "false" });
  const switcher = list ? h("div", { class: "si", hidden: true }, list) : null;
  change.hidden = !switcher;
  change.addEventListener("click", () => {
    if (!switcher) return;
    switcher.hidden = !switcher.hidden;
    change.setAttribute("aria-expanded", String(!switcher.hidden));
  });
  // "You are commenting as {name} ({provider})": the name in bold, wherever the language puts it.
  const [before = "", after = ""] = m.commentingAs.split("{name}");
  // A host page whose CSP refuses the provider's image host still gets a picture: the initial.
  const initial = h("span", { class: "av", "aria-hidden": "true", text: (r.name.trim()[0] ?? "?").toUpperCase() });
  const avatar = r.avatarUrl
    ? h("img", { class: "ra", src: r.avatarUrl, alt: "", width: 32, height: 32, referrerpolicy: "no-referrer" })
    : initial;
  avatar.addEventListener("error", () => avatar.replaceWith(initial), { once: true });
  return h(
    "div",
    { class: "who" },
    h(
      "div",
      { class: "signed-in-as" },
      avatar,
      h(
        "p",
        { class: "small" },
        before,
        h("strong", { text: r.name }),
        fill(after, { provider: r.providerLabel }),
        h("span", { class: "acts" }, logout, change),
      ),
    ),
    switcher,
  );
}

/** "Email me a sign-in link": its two fields come with the panels' bundle (embed-panels.js) on the first click. */
function emailLinkBox(signIn: WidgetSignIn): HTMLElement {
  const open = h("button", {
    type: "button",
    class: "link",
    text: signIn.m.emailMeLink,
    "aria-expanded": "false",
  });
  const box = h("div", {}, open);
  let fields: HTMLElement | undefined;
  open.addEventListener("click", () => {
    if (fields) {
      fields.hidden = !fields.hidden;
      open.setAttribute("aria-expanded", String(!fields.hidden));
      return;
    }
    signIn.panels().then((p) => {
      const made = p.emailLinkFields(signIn, signIn.site);
      fields = made.fields;
      box.append(fields, made.status);
      open.setAttribute("aria-expanded", "true");
      fields.querySelector("input")?.focus();
    }, signIn.failed);
  });
  return box;
}
