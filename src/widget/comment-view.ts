// One comment as the widget shows it: the shared comment view (src/client/views/comment-html.ts, the
// same markup as the article page), plus the actions a reader may take on it (reply, report; edit
// and delete on their own), which are buttons here because the widget answers in place.
import { fromHtml, h } from "../client/dom.ts";
import { fill, type Messages } from "../client/i18n/messages.ts";
import { commentBodyHtml, commentHtml, removedBodyHtml } from "../client/views/comment-html.ts";
import type { WComment } from "./types.ts";

export type CommentActions = {
  m: Messages;
  canReply(c: WComment): boolean;
  /** The reader's own comment, still inside the edit window. */
  canEdit(c: WComment): boolean;
  reply(c: WComment, slot: HTMLElement, button: HTMLButtonElement): void;
  edit(c: WComment, slot: HTMLElement, button: HTMLButtonElement): void;
  remove(c: WComment, slot: HTMLElement, button: HTMLButtonElement): void;
  report(c: WComment, slot: HTMLElement, button: HTMLButtonElement): void;
};

const viewOptions = (c: WComment, m: Messages) => ({
  m,
  replyHref: null,
  awaiting: c.status !== "published",
  ownAttrs: false,
});

export function commentItem(c: WComment, actions: CommentActions): HTMLLIElement {
  const li = fromHtml<HTMLLIElement>(commentHtml(c, viewOptions(c, actions.m)));
  li.firstElementChild?.replaceWith(commentBody(c, actions));
  return li;
}

export function commentBody(c: WComment, actions: CommentActions): HTMLElement {
  const { m } = actions;
  if (c.status === "removed" || c.status === "deleted") return fromHtml(removedBodyHtml(m));
  const body = fromHtml(commentBodyHtml(c, viewOptions(c, m)));
  // Links leave the widget: a new tab, without handing over window.opener.
  for (const a of body.querySelectorAll("a[href]:not(.comment-date)")) {
    a.setAttribute("target", "_blank");
    a.setAttribute("rel", `${a.getAttribute("rel") ?? "nofollow ugc"} noreferrer`);
  }
  // The permalink's #comment-… is inside the widget, not on the host page: scroll to it instead.
  body.querySelector(".comment-date")?.addEventListener("click", (e) => {
    e.preventDefault();
    body.scrollIntoView({ block: "start", behavior: "smooth" });
    body.focus({ preventScroll: true });
  });

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
  if (actions.canReply(c)) action(m.reply, actions.reply, fill(m.replyTo, { name: c.authorName }));
  const own = actions.canEdit(c);
  if (own) {
    action(m.edit, actions.edit, m.editYours);
    action(m.delete, actions.remove, m.deleteYours);
  }
  if (!own && c.status === "published") action(m.report, actions.report, fill(m.reportBy, { name: c.authorName }));
  if (acts.childElementCount) body.append(acts);
  body.append(slot);
  return body;
}
