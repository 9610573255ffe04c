// Signing in from the widget, where Parley's cookies are third-party (and usually blocked): "log in
// with" opens a popup on Parley's origin that runs the provider's flow and posts back a token for this
// site only. The widget accepts that message only from Parley's origin and from the popup it opened,
// keeps the token per site in localStorage (a reload stays signed in), sends it as a header, and
// forgets it on Log out.
import type { Api } from "./api.ts";
import { h } from "../client/dom.ts";
import { forgetReaderSignIn, readerSignIn, rememberReaderSignIn, type StoredSignIn } from "../client/storage.ts";

export type Reader = { name: string; provider: string; providerLabel: string; avatarUrl: string | null };
export type Provider = { id: string; label: string; status: "ready" | "unknown" | "unavailable" };
export type Commenting = "anonymous" | "signed-in-only" | "anonymous-held";
type Options = { commenting: Commenting; providers: Provider[]; emailLink?: boolean; startUrl: string };

/** The fragment a mailed sign-in link brings the reader back with (src/identity/email-sign-in.ts). */
const FRAGMENT = /(?:^#|&)parley-sign-in=([\w-]{20,200})/;

export const READER_TOKEN_HEADER = "X-Parley-Reader-Token";

export class WidgetSignIn {
  commenting: Commenting = "anonymous";
  providers: Provider[] = [];
  emailLink = false;
  #startUrl = "";
  #stored: StoredSignIn | null;
  #popup: Window | null = null;
  readonly #listeners = new Set<() => void>();
  readonly #parleyOrigin: string;

  readonly #api: Api;
  readonly #site: string;
  readonly #say: (message: string) => void;

  constructor(
    api: Api,
    base: string,
    site: string,
    /** Tells the reader what happened (the widget's live region). */
    say: (message: string) => void,
  ) {
    this.#api = api;
    this.#site = site;
    this.#say = say;
    this.#parleyOrigin = new URL(base).origin;
    this.#stored = readerSignIn(site);
    window.addEventListener("message", this.#onMessage);
  }

  get reader(): Reader | null {
    return this.#stored?.reader ?? null;
  }

  /** The header that signs the widget's calls in, when a reader is signed in. */
  headers(): Record<string, string> {
    return this.#stored ? { [READER_TOKEN_HEADER]: this.#stored.token } : {};
  }

  /** What the site offers, and whether the stored token still names someone (expired or signed out elsewhere: forgotten). */
  async load(): Promise<void> {
    const options = await this.#api.get<Options>("/api/embed/sign-in", { site: this.#site }).catch(() => null);
    if (options) {
      this.commenting = options.commenting;
      this.providers = options.providers;
      this.emailLink = !!options.emailLink;
      this.#startUrl = options.startUrl;
    }
    const mailed = this.#takeMailedToken();
    if (mailed)
      this.#stored = {
        token: mailed,
        expiresAt: "",
        reader: { name: "", provider: "", providerLabel: "", avatarUrl: null },
      };
    if (!this.#stored) return;
    const me = await this.#api
      .get<{ reader: Reader | null }>("/api/reader/me", { site: this.#site }, this.headers())
      .catch(() => undefined); // unreachable: keep the sign-in, the next call will tell
    if (me && !me.reader) this.#forget();
    else if (me?.reader) {
      this.#stored = { ...this.#stored, reader: me.reader };
      if (mailed) rememberReaderSignIn(this.#site, this.#stored);
    } else if (mailed) this.#stored = null; // not confirmed: try the link's page again later
  }

  /** A mailed link brought the reader back with a token in the fragment: take it out of the address bar. */
  #takeMailedToken(): string | null {
    const m = FRAGMENT.exec(location.hash);
    if (!m) return null;
    const rest = location.hash.replace(m[0], "").replace(/^#&?/, "");
    history.replaceState(history.state, "", `${location.pathname}${location.search}${rest ? "#" + rest : ""}`);
    return m[1]!;
  }

  /** "Email me a sign-in link": the link brings the reader back to this page, signed in. */
  async mailLink(name: string, email: string): Promise<string> {
    const page = location.href.replace(/#.*$/, "");
    const res = await this.#api.send<{ email: string }>(
      "POST",
      `/api/reader/email-link?site=${encodeURIComponent(this.#site)}`,
      { authorName: name, authorEmail: email, return: page, widget: true },
    );
    return res.data.email;
  }

  /** Called from the button's click, so the browser lets the popup open. */
  open(provider: Provider): void {
    const url = new URL(`${this.#startUrl}/${encodeURIComponent(provider.id)}/start`);
    url.searchParams.set("popup", "1");
    url.searchParams.set("site", this.#site);
    url.searchParams.set("origin", location.origin);
    this.#popup = window.open(url.href, "parley-sign-in", "popup,width=520,height=680");
    if (!this.#popup) this.#say("Your browser blocked the sign-in window. Allow pop-ups for this page and try again.");
  }

  async logout(): Promise<void> {
    const headers = this.headers();
    this.#forget();
    this.#say("You are logged out.");
    // The server forgets the token too; if it cannot be reached, the token expires by itself.
    await this.#api
      .send("POST", `/api/reader/logout?site=${encodeURIComponent(this.#site)}`, {}, headers)
      .catch(() => {});
  }

  /** Runs on every sign-in change; returns how to stop. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  destroy(): void {
    window.removeEventListener("message", this.#onMessage);
    this.#listeners.clear();
  }

  #forget(): void {
    this.#stored = null;
    forgetReaderSignIn(this.#site);
    this.#changed();
  }

  #changed(): void {
    for (const listener of this.#listeners) listener();
  }

  // Only Parley's origin, and only the popup this widget opened: any other window (the host page's
  // own scripts, another frame, a page the reader opened) cannot sign the widget in or out.
  readonly #onMessage = (event: MessageEvent): void => {
    if (event.origin !== this.#parleyOrigin || !this.#popup || event.source !== this.#popup) return;
    const data = event.data as {
      type?: string;
      token?: unknown;
      expiresAt?: unknown;
      reader?: Reader;
      message?: unknown;
    } | null;
    if (data?.type === "parley:sign-in-refused") {
      this.#say(typeof data.message === "string" ? data.message : "Sign-in did not work.");
      return;
    }
    if (data?.type !== "parley:signed-in" || typeof data.token !== "string" || !data.reader) return;
    if (!/^[\w-]{20,200}$/.test(data.token) || typeof data.reader.name !== "string") return;
    this.#popup = null;
    this.#stored = {
      token: data.token,
      expiresAt: typeof data.expiresAt === "string" ? data.expiresAt : "",
      reader: data.reader,
    };
    rememberReaderSignIn(this.#site, this.#stored);
    this.#changed();
    this.#say(`You are commenting as ${data.reader.name} (${data.reader.providerLabel}).`);
  };
}

/** In the form: "You are commenting as … · Log out · Change" for a reader, else "or log in with" and the buttons. */
export function signInBox(signIn: WidgetSignIn): HTMLElement | null {
  const r = signIn.reader;
  const buttons = signIn.providers.map((p) => {
    const b = h("button", {
      type: "button",
      class: "sib",
      "data-provider": p.id,
      text: p.status === "unavailable" ? `${p.label} (unavailable right now)` : p.label,
      disabled: p.status === "unavailable",
    });
    b.addEventListener("click", () => signIn.open(p));
    return h("li", {}, b);
  });
  const list = buttons.length ? h("ul", { class: "sil" }, ...buttons) : null;
  if (!r) {
    const mail = signIn.emailLink ? emailLinkBox(signIn) : null;
    if (!list && !mail) return null;
    const lead = signIn.commenting === "signed-in-only" ? "Log in with" : "or log in with";
    return h("div", { class: "si" }, list ? h("p", { class: "small muted", text: lead }) : null, list, mail);
  }
  const logout = h("button", { type: "button", class: "link", text: "Log out" });
  logout.addEventListener("click", () => void signIn.logout());
  const change = h("button", { type: "button", class: "link", text: "Change", "aria-expanded": "false" });
  const switcher = list ? h("div", { class: "si", hidden: true }, list) : null;
  change.hidden = !switcher;
  change.addEventListener("click", () => {
    if (!switcher) return;
    switcher.hidden = !switcher.hidden;
    change.setAttribute("aria-expanded", String(!switcher.hidden));
  });
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
        "You are commenting as ",
        h("strong", { text: r.name }),
        ` (${r.providerLabel})`,
        h("span", { class: "acts" }, logout, change),
      ),
    ),
    switcher,
  );
}

/** "Email me a sign-in link" and its two fields; the answer says where to look. */
function emailLinkBox(signIn: WidgetSignIn): HTMLElement {
  const open = h("button", {
    type: "button",
    class: "link",
    text: "Email me a sign-in link",
    "aria-expanded": "false",
  });
  const name = h("input", {
    type: "text",
    maxlength: 80,
    autocomplete: "name",
    "aria-label": "Name",
    placeholder: "Name",
  });
  const email = h("input", {
    type: "email",
    maxlength: 254,
    autocomplete: "email",
    "aria-label": "Email for the sign-in link",
    placeholder: "Email",
  });
  const send = h("button", { type: "button", text: "Send me the link" });
  const status = h("p", { class: "small", role: "status" });
  const fields = h("div", { class: "row mail-link", hidden: true }, name, email, send);
  open.addEventListener("click", () => {
    fields.hidden = !fields.hidden;
    open.setAttribute("aria-expanded", String(!fields.hidden));
    if (!fields.hidden) name.focus();
  });
  const sendLink = async () => {
    send.disabled = true;
    status.textContent = "Sending…";
    try {
      const to = await signIn.mailLink(name.value.trim(), email.value.trim());
      status.textContent = `Check your mailbox: we sent a sign-in link to ${to}. It brings you back here, signed in.`;
      fields.hidden = true;
    } catch (e) {
      const err = e as { message?: string; fields?: Record<string, string> };
      status.textContent = Object.values(err.fields ?? {}).join(" ") || err.message || "The link could not be sent.";
    } finally {
      send.disabled = false;
    }
  };
  send.addEventListener("click", () => void sendLink());
  return h("div", {}, open, fields, status);
}
