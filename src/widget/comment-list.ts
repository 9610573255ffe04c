// The threaded list of comments in the widget: which comments are shown, where a new one goes (under
// its parent, or at the top or bottom of the list), and replacing or removing one in place. A removed
// comment that has replies stays as a "removed" placeholder so the conversation holds together.
import { commentBody, commentItem, type CommentActions } from "./comment-view.ts";
import { h } from "../client/dom.ts";
import type { WComment } from "./types.ts";

export class CommentList {
  readonly el = h("ol", { class: "list comment-list" }); // labelled by the widget in its language
  readonly #shown = new Map<string, WComment>();

  readonly #root: ShadowRoot;
  readonly #actions: CommentActions;
  /** Hears of comments leaving the published state here (the heading's count). */
  readonly #publishedDelta: (n: number) => void;

  constructor(root: ShadowRoot, actions: CommentActions, publishedDelta: (n: number) => void) {
    this.#root = root;
    this.#actions = actions;
    this.#publishedDelta = publishedDelta;
  }

  has(id: string): boolean {
    return this.#shown.has(id);
  }

  item(id: string): HTMLElement | null {
    return this.#root.getElementById(`comment-${id}`);
  }

  clear(): void {
    this.#shown.clear();
    this.el.replaceChildren();
  }

  /** Adds comments (parents before replies) and returns the new top-level items. */
  add(comments: WComment[], where: "start" | "end"): HTMLLIElement[] {
    const roots: HTMLLIElement[] = [];
    for (const c of comments) {
      if (this.#shown.has(c.id)) continue;
      const parent = c.parentId ? this.item(c.parentId) : null;
      if (c.parentId && !parent) continue; // its conversation is on a page not loaded yet
      const li = commentItem(c, this.#actions);
      this.#shown.set(c.id, c);
      if (parent) {
        let kids = parent.querySelector<HTMLOListElement>(":scope > ol.children");
        if (!kids) parent.append((kids = h("ol", { class: "children" })));
        kids.append(li);
        // A comment with replies can no longer be edited by its author: drop its Edit / Delete.
        const above = this.#shown.get(c.parentId!);
        if (above?.own && above.editableUntil) this.replace({ ...above, editableUntil: null });
      } else {
        if (where === "start") this.el.prepend(li);
        else this.el.append(li);
        roots.push(li);
      }
    }
    return roots;
  }

  replace(next: WComment): void {
    const li = this.item(next.id);
    if (!li) return;
    const before = this.#shown.get(next.id);
    // A live update carries the public view; the author's own fields (source, edit window) stay.
    const c =
      before?.own && !next.own
        ? { ...next, own: true, bodySource: before.bodySource, editableUntil: before.editableUntil }
        : next;
    this.#shown.set(c.id, c);
    li.firstElementChild?.replaceWith(commentBody(c, this.#actions));
    if (before?.status === "published" && c.status !== "published") this.#publishedDelta(-1);
  }

  remove(id: string): void {
    const li = this.item(id);
    const c = this.#shown.get(id);
    if (!li || !c) return;
    if (li.querySelector(":scope > ol.children > li")) return this.replace({ ...c, status: "removed" });
    li.remove();
    this.#shown.delete(id);
    if (c.status === "published") this.#publishedDelta(-1);
  }
}
