// One mounted widget: a shadow root on the host page holding the heading, the form, the threaded
// list, "load more" and the live "N new comments" bar. The live connection (socket.io) is a second
// bundle, imported only after the comments are on screen.
import { en } from "../client/i18n/en.ts";
import { plural, type Messages } from "../client/i18n/messages.ts";
import { loadMessages } from "./messages.ts";
import { ApiError, createApi, type Api } from "./api.ts";
import { commentForm, hasText, holdForm, type FilledForm } from "./comment-form.ts";
import type { PostHost } from "./post-comment.ts";
import type { PanelHost } from "./comment-panels.ts";
import { openPanel } from "./panel-slot.ts";
import { CommentList } from "./comment-list.ts";
import type { CommentActions } from "./comment-view.ts";
import { append, h } from "../client/dom.ts";
import type { LiveConnection, LiveHandlers } from "./live.ts";
import type { Sort, WidgetOptions } from "./options.ts";
import { WidgetSignIn } from "./sign-in.ts";
import { editToken, forgetEditToken, recentEditTokens } from "../client/storage.ts";
import { applyStyles } from "./styles.ts";
import { followTheme } from "./theme.ts";
import type { ThreadPayload, WComment } from "./types.ts";

const PAGE_SIZE = 30;

type Panels = typeof import("./comment-panels.ts");
type Pow = typeof import("./proof-of-work.ts");
type Post = typeof import("./post-comment.ts");

export class Widget {
  readonly #root: ShadowRoot;
  readonly #api: Api;
  readonly #signIn: WidgetSignIn;
  readonly #signInReady: Promise<void>;
  #m: Messages = en;
  /** The reader's language's catalog (English is built in; others load beside the thread). */
  readonly #messagesReady: Promise<void>;
  readonly #list: CommentList;
  readonly #waiting = new Map<string, WComment>(); // live arrivals not yet shown
  #data: ThreadPayload | null = null;
  #sort: Sort;
  #live: LiveConnection | null = null;
  #destroyed = false;
  readonly #stopTheme: () => void;
  readonly #ui = {
    section: h("section", { class: "p", "aria-labelledby": "p-title", "aria-busy": "true" }),
    title: h("h2", { id: "p-title", text: en.comments }),
    sortSelect: h(
      "select",
      { id: "p-sort" },
      h("option", { value: "oldest", text: en.oldestFirst }),
      h("option", { value: "newest", text: en.newestFirst }),
    ),
    announcer: h("div", { class: "sr", role: "status", "aria-live": "polite" }),
    formSlot: h("div"),
    newBar: h("button", { type: "button", class: "new", hidden: true }),
    more: h("button", { type: "button", class: "more", hidden: true }),
    message: h("div", { role: "status", text: en.loading, class: "small muted" }),
    liveNote: h("span", { class: "live", hidden: true, title: en.liveTitle, text: en.live }),
  };

  readonly #opts: WidgetOptions;
  readonly #base: string;

  constructor(
    readonly host: HTMLElement,
    opts: WidgetOptions,
    base: string,
  ) {
    this.#opts = opts;
    this.#base = base;
    this.#api = createApi(
      base,
      () => this.#signIn.headers(),
      opts.lang,
      () => this.#m,
    );
    const messages = loadMessages(base, opts.lang);
    this.#signIn = new WidgetSignIn(this.#api, base, opts.site, (m) => this.#say(m), messages);
    this.#signInReady = this.#signIn.load();
    this.#messagesReady = messages.then((m) => {
      this.#m = this.#actions.m = m;
      this.#paintChrome();
    });
    this.#sort = opts.sort;
    this.#stopTheme = followTheme(host, opts.theme);
    this.#root = host.shadowRoot ?? host.attachShadow({ mode: "open" });
    this.#list = new CommentList(this.#root, this.#actions, (n) => this.#bumpCount(n));
    this.#root.replaceChildren();
    applyStyles(this.#root);
    const { section, title, sortSelect, announcer, formSlot, newBar, more, message } = this.#ui;
    sortSelect.value = this.#sort;
    append(
      section,
      h(
        "div",
        { class: "head" },
        title,
        h("span", { class: "row small" }, h("label", { for: "p-sort", text: en.sort }), sortSelect),
      ),
      announcer,
      message,
      formSlot,
      newBar,
      this.#list.el,
      more,
      h("p", { class: "foot" }, this.#ui.liveNote, h("span", { class: "foot-by", text: en.poweredBy })),
    );
    this.#root.append(section);
    sortSelect.addEventListener("change", () => void this.#reload(sortSelect.value === "newest" ? "newest" : "oldest"));
    more.addEventListener("click", () => void this.#loadMore());
    newBar.addEventListener("click", () => this.#showWaiting());
    void this.#reload(this.#sort).then(() => this.#startLiveAfterPaint());
  }

  /** The widget's own words in the reader's language, once its catalog is here. */
  #paintChrome(): void {
    const m = this.#m;
    const ui = this.#ui;
    ui.section.setAttribute("lang", m.locale);
    if (!this.#data) ui.title.textContent = m.comments;
    ui.sortSelect.options[0]!.text = m.oldestFirst;
    ui.sortSelect.options[1]!.text = m.newestFirst;
    this.#root.querySelector('label[for="p-sort"]')!.textContent = m.sort;
    if (!this.#data) ui.message.textContent = m.loading;
    ui.liveNote.textContent = m.live;
    ui.liveNote.title = m.liveTitle;
    this.#root.querySelector(".foot-by")!.textContent = m.poweredBy;
    this.#list.el.setAttribute("aria-label", m.comments);
  }

  destroy(): void {
    this.#destroyed = true;
    this.#stopTheme();
    this.#signIn.destroy();
    this.#live?.close();
    this.#root.replaceChildren();
  }

  // ── loading ──────────────────────────────────────────────────────────
  #fetchPage(cursor?: string): Promise<ThreadPayload> {
    const { site, page, title, url } = this.#opts;
    const tokens = recentEditTokens();
    return this.#api.get<ThreadPayload>(
      "/api/embed/threads",
      { site, page, title, url, sort: this.#sort, limit: String(PAGE_SIZE), cursor },
      tokens.length ? { "X-Parley-Edit-Tokens": tokens.join(",") } : {},
    );
  }

  async #reload(sort: Sort): Promise<void> {
    this.#sort = sort;
    this.#ui.section.setAttribute("aria-busy", "true");
    try {
      const [data] = await Promise.all([this.#fetchPage(), this.#signInReady, this.#messagesReady]);
      if (this.#destroyed) return;
      this.#data = data;
      this.#list.clear();
      this.#ui.message.hidden = true;
      this.#ui.sortSelect.parentElement!.hidden = false;
      this.#renderForm();
      this.#list.add(data.comments, "end");
      this.#updatePaging(data);
      this.#setCount(data.thread.commentCount);
    } catch (e) {
      this.#showFailure(e);
    } finally {
      this.#ui.section.setAttribute("aria-busy", "false");
    }
  }

  async #loadMore(): Promise<void> {
    const { more } = this.#ui;
    if (!this.#data?.nextCursor) return;
    more.disabled = true;
    try {
      const next = await this.#fetchPage(this.#data.nextCursor);
      const first = this.#list.add(next.comments, "end")[0];
      this.#data.nextCursor = next.nextCursor;
      this.#updatePaging(next);
      first?.querySelector<HTMLElement>(".comment-body")?.focus();
    } catch (e) {
      this.#say(e instanceof ApiError ? e.message : "More comments could not be loaded.");
    } finally {
      more.disabled = false;
    }
  }

  #updatePaging(page: ThreadPayload): void {
    const n = page.remainingTopLevel;
    this.#ui.more.hidden = !page.nextCursor;
    this.#ui.more.textContent = plural(this.#m, this.#m.loadMore, n);
  }

  #showFailure(e: unknown): void {
    const m = this.#m;
    const err = e instanceof ApiError ? e : new ApiError("UNKNOWN", `${m.loadFailed}.`);
    const heading =
      err.code === "ORIGIN_NOT_ALLOWED"
        ? m.notOnThisSite
        : err.code === "SITE_NOT_FOUND"
          ? m.unknownSite
          : err.code === "RATE_LIMITED"
            ? m.cannotStart
            : m.loadFailed;
    const box = h(
      "div",
      { class: "box alert", role: "alert", "data-code": err.code },
      h("strong", { text: heading }),
      h("p", { class: "small", text: err.message }),
    );
    if (err.code === "NETWORK" || err.status >= 500) {
      const retry = h("button", { type: "button", text: m.tryAgain });
      retry.addEventListener("click", () => void this.#reload(this.#sort));
      box.append(retry);
    }
    this.#ui.sortSelect.parentElement!.hidden = true;
    this.#ui.formSlot.replaceChildren();
    this.#list.clear();
    this.#ui.more.hidden = true;
    this.#ui.message.replaceChildren(box);
    this.#ui.message.removeAttribute("class");
    this.#ui.message.hidden = false;
  }

  // ── rendering ────────────────────────────────────────────────────────
  #renderForm(): void {
    const { thread, limits } = this.#data!;
    this.#ui.section.classList.toggle("closed", thread.closed); // hides the Reply buttons (styles.ts)
    this.#ui.formSlot.replaceChildren(
      thread.closed
        ? h("p", { class: "box small", text: this.#m.closed })
        : commentForm({
            m: this.#m,
            maxLength: limits.maxLength,
            submit: (form) => this.#submit(form),
            typing: () => this.#typing(),
            signIn: this.#signIn,
          }),
    );
  }

  /** Closed or reopened while on screen (live, or a post refused with THREAD_CLOSED). A form the reader
   * has typed into stays, its button disabled, so nothing they wrote disappears; an empty one goes. */
  #setClosed(closed: boolean): void {
    if (!this.#data || this.#data.thread.closed === closed) return;
    this.#data.thread.closed = closed;
    const top = this.#ui.formSlot.querySelector("form");
    for (const form of this.#root.querySelectorAll<HTMLFormElement>(".list form.cf")) {
      if (closed && !hasText(form)) {
        // An empty reply panel closes (without moving the reader's focus, as Cancel would).
        form.closest(".comment-body")?.querySelector(".rp")?.setAttribute("aria-expanded", "false");
        form.remove();
      } else holdForm(form, closed, this.#m);
    }
    if (top && (closed ? hasText(top) : top.hasAttribute("data-closed"))) {
      holdForm(top, closed, this.#m);
      this.#ui.section.classList.toggle("closed", closed);
    } else this.#renderForm();
    this.#say(closed ? "Comments are closed." : "Comments are open again.");
  }

  readonly #actions: CommentActions = {
    m: en,
    // Reply buttons are always built; a closed thread hides them (so they come back if it reopens).
    canReply: (c) => c.status === "published" && c.depth < (this.#data?.limits.maxDepth ?? 5),
    canEdit: (c) => {
      if (!editToken(c.id) || c.status === "removed") return false;
      const until =
        c.editableUntil !== undefined
          ? c.editableUntil
          : new Date(Date.parse(c.createdAt) + (this.#data?.limits.editWindowMinutes ?? 10) * 60_000).toISOString();
      return until !== null && Date.now() < Date.parse(until);
    },
    reply: (c, slot, button) => {
      const close = () => openPanel(slot, button, null);
      openPanel(
        slot,
        button,
        commentForm({
          m: this.#m,
          parentId: c.id,
          replyTo: c.authorName,
          maxLength: this.#data!.limits.maxLength,
          cancel: close,
          submit: (form) => this.#submit(form),
          typing: () => this.#typing(),
          signIn: this.#signIn,
        }),
      );
    },
    edit: (c, slot, button) =>
      this.#openLazyPanel(slot, button, (p) => p.editPanel(this.#panelHost, c, this.#closer(slot, button))),
    remove: (c, slot, button) =>
      this.#openLazyPanel(slot, button, (p) => p.deletePanel(this.#panelHost, c, this.#closer(slot, button))),
    report: (c, slot, button) =>
      this.#openLazyPanel(slot, button, (p) => p.reportPanel(this.#panelHost, c, this.#closer(slot, button))),
  };

  #panels: Promise<Panels> | null = null;

  /** Edit, delete and report panels come in their own bundle (embed-panels.js), on the first click. */
  #openLazyPanel(slot: HTMLElement, button: HTMLButtonElement, make: (p: Panels) => HTMLElement): void {
    this.#panels ??= import(`${this.#base}/embed-panels.js`) as Promise<Panels>;
    this.#panels.then(
      (p) => openPanel(slot, button, make(p)),
      () => {
        this.#panels = null;
        this.#say(this.#m.didNotWork);
      },
    );
  }

  #closer(slot: HTMLElement, button: HTMLButtonElement): () => void {
    return () => openPanel(slot, button, null);
  }

  get #panelHost(): PanelHost {
    return {
      api: this.#api,
      m: this.#m,
      maxLength: this.#data?.limits.maxLength ?? 10_000,
      updated: (c, status) => {
        this.#list.replace(c);
        this.#say(status === 202 ? this.#m.editAwaiting : this.#m.updated);
      },
      deleted: (c) => {
        forgetEditToken(c.id);
        this.#list.remove(c.id);
        this.#say(this.#m.deleted);
      },
    };
  }

  #setCount(n: number): void {
    if (this.#data) this.#data.thread.commentCount = n;
    this.#ui.title.textContent = n === 0 ? this.#m.noComments : plural(this.#m, this.#m.commentCount, n);
  }

  #bumpCount(delta: number): void {
    this.#setCount(Math.max(0, (this.#data?.thread.commentCount ?? 0) + delta));
  }

  #say(message: string): void {
    this.#ui.announcer.textContent = message;
  }

  // ── posting ──────────────────────────────────────────────────────────
  #pow: Promise<ReturnType<Pow["widgetProofOfWork"]>> | null = null;

  /** Anonymous readers on a site asking proof of work: the solver (embed-pow.js) loads and starts as they type. */
  #proof() {
    if (!this.#data?.limits.proofOfWork || this.#signIn.reader) return null;
    const threadId = this.#data.thread.id;
    this.#pow ??= (import(`${this.#base}/embed-pow.js`) as Promise<Pow>).then((mod) =>
      mod.widgetProofOfWork(this.#base, threadId),
    );
    this.#pow.then(
      (pow) => pow.start(),
      () => (this.#pow = null),
    );
    return this.#pow;
  }

  #posting: Promise<Post> | null = null;

  /** Posting comes in its own bundle (embed-post.js), loaded as the reader starts typing, or on Post. */
  #postModule(): Promise<Post> {
    if (!this.#posting) {
      this.#posting = import(`${this.#base}/embed-post.js`) as Promise<Post>;
      this.#posting.catch(() => (this.#posting = null));
    }
    return this.#posting;
  }

  #typing(): void {
    void this.#proof();
    this.#postModule().catch(() => {}); // tried again on Post
  }

  #submit(form: FilledForm): void {
    this.#postModule().then(
      (p) => p.submitForm(form, (input) => p.postComment(this.#postHost, input)),
      () => (form.status.textContent = this.#m.didNotWork),
    );
  }

  get #postHost(): PostHost {
    return {
      api: this.#api,
      threadId: this.#data!.thread.id,
      lang: this.#opts.lang,
      list: this.#list,
      newestFirst: this.#sort === "newest",
      live: this.#live,
      altcha: () => this.#proof()?.then((pow) => pow.solution()),
      closed: () => this.#setClosed(true),
      // Connected, the thread's count event follows (absolute): adding 1 as well could count it twice.
      counted: () => this.host.getAttribute("data-live") !== "on" && this.#bumpCount(1),
      say: (m) => this.#say(m),
      m: this.#m,
    };
  }

  // ── live updates ─────────────────────────────────────────────────────
  #startLiveAfterPaint(): void {
    if (this.#destroyed || !this.#data) return;
    const start = () => void this.#connectLive();
    requestAnimationFrame(() => setTimeout(start, 0));
  }

  async #connectLive(): Promise<void> {
    if (this.#destroyed || !this.#data || this.#live) return;
    try {
      const mod = (await import(`${this.#base}/embed-live.js`)) as typeof import("./live.ts");
      if (this.#destroyed) return;
      this.#live = mod.connectLive({
        base: this.#base,
        threadId: this.#data.thread.id,
        since: this.#data.seq ?? null,
        editTokens: recentEditTokens(),
        handlers: this.#liveHandlers,
      });
    } catch {
      // Live updates are an extra: the comments stay readable and the form keeps working without them.
    }
  }

  readonly #liveHandlers: LiveHandlers = {
    shown: (c) => {
      if (this.#list.has(c.id)) return this.#list.replace(c);
      if (c.status !== "published") return;
      this.#waiting.set(c.id, c);
      this.#updateNewBar();
    },
    removed: (id) => {
      this.#waiting.delete(id);
      this.#updateNewBar();
      this.#list.remove(id);
    },
    count: (n) => this.#setCount(n),
    closed: (closed) => this.#setClosed(closed),
    own: (c) => (this.#list.has(c.id) ? this.#list.replace(c) : undefined),
    stale: () => void this.#reload(this.#sort),
    state: (state) => {
      this.host.setAttribute("data-live", state);
      this.#ui.liveNote.hidden = state !== "on";
    },
  };

  #updateNewBar(): void {
    const n = this.#waiting.size;
    const label = plural(this.#m, this.#m.showNew, n);
    this.#ui.newBar.hidden = n === 0;
    this.#ui.newBar.textContent = label;
    if (n) this.#say(label);
  }

  #showWaiting(): void {
    const arrivals = [...this.#waiting.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    this.#waiting.clear();
    this.#updateNewBar();
    this.#list.add(arrivals, this.#sort === "newest" ? "start" : "end");
    const first = arrivals.map((c) => this.#list.item(c.id)).find(Boolean);
    first?.querySelector<HTMLElement>(".comment-body")?.focus();
    this.#say(plural(this.#m, this.#m.newShown, arrivals.length));
  }
}
