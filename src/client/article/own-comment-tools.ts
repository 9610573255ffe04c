// The reader's own comments on the article page: Edit and Delete while the server allows it (the edit
// token from the create answer, kept in localStorage and mirrored in a cookie so the server-rendered
// page can mark them; the window and "until someone replies" are the server's, see editableUntil).
import { h } from "../dom.ts";
import { editToken, rememberEditToken, syncEditTokenCookie } from "../storage.ts";
import type { PageCatalog } from "../i18n/page-catalogs.ts";
import type { PageComment } from "./page-comment.ts";

export type OwnEntry = { token: string; editableUntil: string | null | undefined; source: string };

export type OwnTools = {
  own: Map<string, OwnEntry>;
  addOwnTools(body: Element | null, id: string): void;
  rememberEditToken(id: string, token: string | undefined): void;
};

/** uncount: a counted comment left the count (deleted, or held again after an edit). */
export function ownCommentTools(page: {
  m: PageCatalog;
  section: HTMLElement;
  buildComment(c: PageComment, awaiting: boolean): HTMLElement;
  releaseForm(li: Element): void;
  uncount(): void;
}): OwnTools {
  const { m, section, buildComment, releaseForm, uncount } = page;
  const own = new Map<string, OwnEntry>();
  syncEditTokenCookie(); // keeps the tokens of posts made with JavaScript off
  for (const li of section.querySelectorAll<HTMLElement>("li[data-own]")) {
    const id = li.dataset.commentId ?? "";
    const token = editToken(id);
    if (!token) continue;
    own.set(id, { token, editableUntil: li.dataset.editableUntil, source: li.dataset.source ?? "" });
    addOwnTools(li.querySelector(":scope > .comment-body"), id);
  }
  return {
    own,
    addOwnTools,
    rememberEditToken(id, token) {
      if (!token) return;
      rememberEditToken(id, token);
      syncEditTokenCookie();
    },
  };

  function addOwnTools(body: Element | null, id: string) {
    const left = Date.parse(own.get(id)?.editableUntil ?? "") - Date.now();
    if (!body || !(left > 0)) return;
    const edit = h("button", { type: "button", class: "link-button", text: m.edit });
    const del = h("button", { type: "button", class: "link-button", text: m.delete });
    const note = h("span", { class: "comment-own-status", role: "status" });
    const tools = h("div", { class: "comment-own-tools" }, edit, " · ", del, " ", note);
    body.append(tools);
    setTimeout(() => tools.remove(), Math.min(left, 2 ** 31 - 1)); // the server refuses after this anyway
    edit.addEventListener("click", () => openEditor(body, id, tools));
    del.addEventListener("click", () => void deleteOwn(body, id, note));
  }

  function openEditor(body: Element, id: string, tools: HTMLElement) {
    const content = body.querySelector<HTMLElement>(".comment-content");
    const mine = own.get(id);
    if (!content || !mine) return;
    const area = h("textarea", { rows: 5, "aria-label": m.editYours });
    area.value = mine.source;
    const save = h("button", { text: m.save });
    const cancelEdit = h("button", { type: "button", class: "link-button", text: m.cancel });
    const error = h("span", { class: "comment-edit-error", role: "alert" });
    const box = h("form", { class: "comment-edit-form" }, area, save, " ", cancelEdit, " ", error);
    content.hidden = tools.hidden = true;
    content.after(box);
    area.focus();
    // Focus goes back to the Edit button (or to the comment once it is re-rendered), never to <body>.
    const close = () => {
      box.remove();
      content.hidden = tools.hidden = false;
      tools.querySelector("button")?.focus();
    };
    cancelEdit.addEventListener("click", close);
    box.addEventListener("keydown", (e) => {
      if (e.key === "Escape") close();
    });
    const onSubmit = async (e: SubmitEvent) => {
      e.preventDefault();
      save.disabled = true;
      error.textContent = "";
      const res = await ownRequest("PATCH", id, { body: area.value });
      save.disabled = false;
      if (!res.ok) {
        error.textContent = res.message; // keep what the author wrote
        area.focus();
        return;
      }
      mine.source = res.data.comment.bodySource ?? area.value;
      const li = body.closest("li");
      if (!li) return;
      const wasCounted = !li.querySelector(".comment-awaiting");
      const awaiting = res.data.comment.status !== "published";
      const fresh = buildComment(res.data.comment, awaiting).querySelector<HTMLElement>(":scope > .comment-body");
      if (!fresh) return;
      li.querySelector(":scope > .comment-body")?.replaceWith(fresh);
      fresh.focus();
      if (wasCounted && awaiting) uncount(); // held again after the edit
    };
    box.addEventListener("submit", (e) => void onSubmit(e));
  }

  async function deleteOwn(body: Element, id: string, note: HTMLElement) {
    if (!confirm(m.deleteConfirm)) return;
    const li = body.closest("li");
    if (!li) return;
    const wasCounted = !li.querySelector(".comment-awaiting");
    const res = await ownRequest("DELETE", id, {});
    if (!res.ok) return void (note.textContent = res.message);
    releaseForm(li);
    const next = li.nextElementSibling ?? li.previousElementSibling ?? li.parentElement?.closest("li.comment");
    if (document.contains(li)) li.remove();
    focusAfterDelete(next ?? null);
    if (wasCounted) uncount();
  }

  async function ownRequest(
    method: "PATCH" | "DELETE",
    id: string,
    body: Record<string, unknown>,
  ): Promise<{ ok: true; data: { comment: PageComment } } | { ok: false; message: string }> {
    try {
      const res = await fetch(`/api/comments/${encodeURIComponent(id)}`, {
        method,
        headers: { "Content-Type": "application/json", Accept: "application/json", "Accept-Language": m.lang },
        body: JSON.stringify({ ...body, editToken: own.get(id)?.token }),
      });
      const data = (await res.json().catch(() => ({}))) as { comment: PageComment; error?: { message?: string } };
      return res.ok ? { ok: true, data } : { ok: false, message: data.error?.message || m.didNotWork };
    } catch {
      return { ok: false, message: m.cannotReach };
    }
  }
}

/** After a delete, focus lands on the neighbouring comment (or the heading), not on <body>. */
function focusAfterDelete(li: Element | null) {
  const target = li?.querySelector<HTMLElement>(":scope > .comment-body") ?? document.getElementById("comments-title");
  if (!target) return;
  if (!target.hasAttribute("tabindex")) target.tabIndex = -1;
  target.focus();
}
