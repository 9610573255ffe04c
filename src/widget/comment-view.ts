// One comment as the widget shows it: author, time, the sanitized body, its cited sources with their
// check marks, and the actions a reader may take on it (reply, report; edit and delete on their own).
import { append, h, safeHref, setSanitizedHtml } from "./dom.ts";
import type { CitationLink, WComment } from "./types.ts";

export type CommentActions = {
  canReply(c: WComment): boolean;
  /** The reader's own comment, still inside the edit window. */
  canEdit(c: WComment): boolean;
  reply(c: WComment, slot: HTMLElement, button: HTMLButtonElement): void;
  edit(c: WComment, slot: HTMLElement, button: HTMLButtonElement): void;
  remove(c: WComment, slot: HTMLElement, button: HTMLButtonElement): void;
  report(c: WComment, slot: HTMLElement, button: HTMLButtonElement): void;
};

const WHEN = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export function commentItem(c: WComment, actions: CommentActions): HTMLLIElement {
  const li = h("li", { class: "c", id: `c-${c.id}`, "data-comment-id": c.id, "data-depth": c.depth });
  li.append(commentBody(c, actions));
  return li;
}

export function commentBody(c: WComment, actions: CommentActions): HTMLElement {
  if (c.status === "removed" || c.status === "deleted") {
    return h("article", { class: "body", tabindex: -1 }, h("p", { class: "removed", text: "This comment was removed." }));
  }
  const href = safeHref(c.authorUrl);
  const author = h("span", { class: "author" }, href ? h("a", { href, rel: "external nofollow ugc noopener noreferrer", target: "_blank", text: c.authorName }) : c.authorName);
  const avatar = h("span", { class: "av", "aria-hidden": "true", text: (c.authorName.trim()[0] ?? "?").toUpperCase() });
  avatar.style.setProperty("--h", String(hue(c.authorName)));
  const created = new Date(c.createdAt);
  const time = h("time", { datetime: c.createdAt, title: created.toISOString(), text: WHEN.format(created) });
  const meta = h("header", { class: "meta" }, avatar, author, time, c.editedAt ? h("span", { class: "small muted", text: "(edited)" }) : null);

  const body = h("article", { class: "body", tabindex: -1, "aria-label": `Comment by ${c.authorName}` }, meta);
  if (c.status !== "published") {
    body.append(h("p", { class: "pending", text: "Your comment is awaiting moderation. Only you can see it until a moderator approves it." }));
  }
  const text = h("div", { class: "text" });
  setSanitizedHtml(text, c.bodyHtml);
  body.append(text);
  const sources = citationList(c.citations ?? c.references);
  if (sources) body.append(sources);

  const slot = h("div", { class: "slot" });
  const acts = h("div", { class: "acts" });
  const action = (label: string, run: (c: WComment, slot: HTMLElement, b: HTMLButtonElement) => void, aria: string) => {
    const b = h("button", { type: "button", class: "link", text: label, "aria-label": aria, "aria-expanded": "false" });
    b.addEventListener("click", () => run(c, slot, b));
    acts.append(b);
  };
  if (actions.canReply(c)) action("Reply", actions.reply, `Reply to ${c.authorName}`);
  const own = actions.canEdit(c);
  if (own) {
    action("Edit", actions.edit, "Edit your comment");
    action("Delete", actions.remove, "Delete your comment");
  }
  if (!own && c.status === "published") action("Report", actions.report, `Report the comment by ${c.authorName}`);
  append(body, acts.childElementCount ? acts : null, slot);
  return body;
}

const STATES: Record<string, [mark: string, label: string, cls: string]> = {
  ok: ["✓", "checked: the page exists", "st-ok"],
  redirected: ["↪", "checked: the page moved", "st-warn"],
  broken: ["✗", "checked: the page is missing", "st-bad"],
  unreachable: ["✗", "checked: the site did not answer", "st-bad"],
  refused: ["–", "not checked (not allowed to fetch)", "st-warn"],
};

/** The comment's sources, "[A] title ✓", when the API sends them (the citation checker adds them). */
function citationList(list: CitationLink[] | undefined): HTMLElement | null {
  const items = (Array.isArray(list) ? list : []).filter((l) => safeHref(l?.url));
  if (!items.length) return null;
  const ol = h("ol", { class: "cites", "aria-label": "Sources" });
  for (const l of items) {
    const href = safeHref(l.url)!;
    const state = l.state ? STATES[l.state] : undefined;
    ol.append(
      h("li", {},
        l.label ? h("span", { class: "muted", text: `[${l.label}]` }) : null,
        h("a", { href, rel: "nofollow ugc noopener noreferrer", target: "_blank", text: l.title || new URL(href).host + new URL(href).pathname.replace(/\/$/, "") }),
        state ? h("span", { class: state[2], title: state[1] }, h("span", { "aria-hidden": "true", text: state[0] }), h("span", { class: "sr", text: state[1] })) : null),
    );
  }
  return ol;
}

function hue(name: string): number {
  let n = 0;
  for (const ch of name) n = (n * 31 + ch.charCodeAt(0)) % 360;
  return n;
}
