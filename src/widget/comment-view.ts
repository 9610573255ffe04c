// One comment as the widget shows it: author, time, the sanitized body, its cited sources with their
// check marks, and the actions a reader may take on it (reply, report; edit and delete on their own).
import { append, h, safeHref, setSanitizedHtml } from "../client/dom.ts";
import { en } from "../client/i18n/en.ts";
import { fill } from "../client/i18n/messages.ts";
import { shortUrl, shownFragment, sourceState } from "../client/views/source-states.ts";
import type { WComment, WReference } from "./types.ts";

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

/** A signed-in reader's comment: the provider vouched for the author (its name on hover). */
function verifiedMark(provider: string): HTMLElement {
  return h(
    "span",
    { class: "vf", title: `Signed in with ${provider}` },
    h("span", { "aria-hidden": "true", text: "✓" }),
    " verified",
    h("span", { class: "sr", text: ` (signed in with ${provider})` }),
  );
}

export function commentBody(c: WComment, actions: CommentActions): HTMLElement {
  if (c.status === "removed" || c.status === "deleted") {
    return h(
      "article",
      { class: "body", tabindex: -1 },
      h("p", { class: "removed", text: "This comment was removed." }),
    );
  }
  const href = safeHref(c.authorUrl);
  const author = h(
    "span",
    { class: "author" },
    href
      ? h("a", { href, rel: "external nofollow ugc noopener noreferrer", target: "_blank", text: c.authorName })
      : c.authorName,
  );
  const avatar = h("span", { class: "av", "aria-hidden": "true", text: (c.authorName.trim()[0] ?? "?").toUpperCase() });
  avatar.style.setProperty("--h", String(hue(c.authorName)));
  const created = new Date(c.createdAt);
  const time = h("time", { datetime: c.createdAt, title: created.toISOString(), text: WHEN.format(created) });
  const meta = h(
    "header",
    { class: "meta" },
    avatar,
    author,
    c.byModerator ? h("span", { class: "mod-badge", text: "Moderator" }) : null,
    c.verified ? verifiedMark(c.verified.provider) : null,
    time,
    c.editedAt ? h("span", { class: "small muted", text: "(edited)" }) : null,
  );

  const body = h("article", { class: "body", tabindex: -1, "aria-label": `Comment by ${c.authorName}` }, meta);
  if (c.status !== "published") {
    body.append(
      h("p", {
        class: "pending",
        text: "Your comment is awaiting moderation. Only you can see it until a moderator approves it.",
      }),
    );
  }
  const text = h("div", { class: "text" });
  setSanitizedHtml(text, c.bodyHtml);
  body.append(text);
  const sources = sourcesList(c.id, c.references);
  if (sources) body.append(sources);

  const slot = h("div", { class: "slot" });
  const acts = h("div", { class: "acts" });
  const action = (label: string, run: (c: WComment, slot: HTMLElement, b: HTMLButtonElement) => void, aria: string) => {
    const b = h("button", {
      type: "button",
      class: run === actions.reply ? "link rp" : "link",
      text: label,
      "aria-label": aria,
      "aria-expanded": "false",
    });
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

/** The comment's sources as the article page shows them: [label] title, domain, the checker's verdict in words. */
function sourcesList(commentId: string, list: WReference[] | undefined): HTMLElement | null {
  const items = (Array.isArray(list) ? list : []).filter((r) => safeHref(r?.url));
  if (!items.length) return null;
  const titleId = `sources-${commentId}`;
  const ol = h("ol", { class: "sources", "aria-labelledby": titleId });
  for (const r of items) {
    const state = sourceState(r.state);
    ol.append(
      h(
        "li",
        { class: `src src-${state.tone}` },
        h("span", { class: "src-label", text: r.label ? `[${r.label}]` : "" }),
        h(
          "span",
          { class: "src-text" },
          h("a", {
            href: safeHref(r.url)!,
            rel: "nofollow ugc noopener noreferrer",
            target: "_blank",
            text: r.title || shortUrl(r.url),
          }),
          r.domain ? h("span", { class: "src-domain", text: r.domain }) : null,
          typeof r.missingFragment === "string"
            ? h("span", {
                class: "src-note",
                text: fill(en.fragmentMissing, { fragment: shownFragment(r.missingFragment) }),
              })
            : null,
        ),
        h(
          "span",
          { class: "src-state", title: r.checkedAt ? `Checked ${r.checkedAt.slice(0, 10)}` : null },
          h("span", { "aria-hidden": "true", text: state.mark }),
          ` ${en[state.words]}`,
        ),
      ),
    );
  }
  const cited = items.some((r) => r.label);
  return h(
    "div",
    { class: "sources-box" },
    h("p", { class: "sources-title", id: titleId, text: cited ? "Sources" : "Links" }),
    ol,
  );
}

function hue(name: string): number {
  let n = 0;
  for (const ch of name) n = (n * 31 + ch.charCodeAt(0)) % 360;
  return n;
}
