// The reader's own comments on the article page: Edit and Delete while the server allows it (the edit
// token from the create answer, kept in localStorage and mirrored in a cookie so the server-rendered
// page can mark them; the window and "until someone replies" are the server's, see editableUntil).

/**
 * page: { section, buildComment(c, awaiting), releaseForm(li), uncount() } — uncount: a counted comment
 * left the count (deleted, or held again after an edit).
 * Returns { own, addOwnTools(body, id), rememberEditToken(id, token) }.
 */
export function ownCommentTools({ section, buildComment, releaseForm, uncount }) {
  const own = ownComments();
  return { own, addOwnTools, rememberEditToken };

  function ownComments() {
    const tokens = JSON.parse(localStorage.getItem("parley:editTokens") || "{}");
    syncEditTokenCookie(tokens);
    const map = new Map();
    for (const li of section.querySelectorAll("li[data-own]")) {
      const id = li.dataset.commentId;
      if (!tokens[id]) continue;
      map.set(id, { token: tokens[id], editableUntil: li.dataset.editableUntil, source: li.dataset.source ?? "" });
      addOwnTools(li.querySelector(":scope > .comment-body"), id, map);
    }
    return map;
  }

  function addOwnTools(body, id, map = own) {
    const mine = map.get(id);
    const left = Date.parse(mine?.editableUntil ?? "") - Date.now();
    if (!body || !(left > 0)) return;
    const tools = el("div", "comment-own-tools");
    const edit = el("button", "link-button", "Edit");
    const del = el("button", "link-button", "Delete");
    const note = el("span", "comment-own-status");
    note.setAttribute("role", "status");
    edit.type = del.type = "button";
    tools.append(edit, " · ", del, " ", note);
    body.append(tools);
    setTimeout(() => tools.remove(), Math.min(left, 2 ** 31 - 1)); // the server refuses after this anyway
    edit.addEventListener("click", () => openEditor(body, id, tools));
    del.addEventListener("click", () => deleteOwn(body, id, note));
  }

  function openEditor(body, id, tools) {
    const content = body.querySelector(".comment-content");
    const box = el("form", "comment-edit-form");
    const area = el("textarea");
    area.rows = 5;
    area.value = own.get(id).source;
    area.setAttribute("aria-label", "Edit your comment");
    const save = el("button", "", "Save");
    const cancelEdit = el("button", "link-button", "Cancel");
    cancelEdit.type = "button";
    box.append(area, save, " ", cancelEdit);
    content.hidden = tools.hidden = true;
    content.after(box);
    area.focus();
    const error = el("span", "comment-edit-error");
    error.setAttribute("role", "alert");
    box.append(" ", error);
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
    box.addEventListener("submit", async (e) => {
      e.preventDefault();
      save.disabled = true;
      error.textContent = "";
      const res = await ownRequest("PATCH", id, { body: area.value });
      save.disabled = false;
      if (!res.ok) {
        error.textContent = res.message;
        area.focus();
        return;
      } // keep what the author wrote
      own.get(id).source = res.data.comment.bodySource ?? area.value;
      const li = body.closest("li");
      const wasCounted = !li.querySelector(".comment-awaiting");
      const awaiting = res.data.comment.status !== "published";
      const fresh = buildComment(res.data.comment, awaiting).querySelector(":scope > .comment-body");
      li.querySelector(":scope > .comment-body").replaceWith(fresh);
      fresh.focus();
      if (wasCounted && awaiting) uncount(); // held again after the edit
    });
  }

  async function deleteOwn(body, id, note) {
    if (!confirm("Delete your comment? This cannot be undone.")) return;
    const li = body.closest("li");
    const wasCounted = !li.querySelector(".comment-awaiting");
    const res = await ownRequest("DELETE", id, {});
    if (!res.ok) return void (note.textContent = res.message);
    releaseForm(li);
    const next = li.nextElementSibling ?? li.previousElementSibling ?? li.parentElement.closest("li.comment");
    if (document.contains(li)) li.remove();
    focusAfterDelete(next);
    if (wasCounted) uncount();
  }

  /** After a delete, focus lands on the neighbouring comment (or the heading), not on <body>. */
  function focusAfterDelete(li) {
    const target = li?.querySelector(":scope > .comment-body") ?? document.getElementById("comments-title");
    if (!target) return;
    if (!target.hasAttribute("tabindex")) target.tabIndex = -1;
    target.focus();
  }

  async function ownRequest(method, id, body) {
    try {
      const res = await fetch(`/api/comments/${encodeURIComponent(id)}`, {
        method,
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ ...body, editToken: own.get(id).token }),
      });
      const data = await res.json().catch(() => ({}));
      return res.ok ? { ok: true, data } : { ok: false, message: data.error?.message || "That did not work." };
    } catch {
      return { ok: false, message: "Could not reach the server; try again." };
    }
  }
}

function rememberEditToken(id, token) {
  if (!token) return;
  const tokens = JSON.parse(localStorage.getItem("parley:editTokens") || "{}");
  tokens[id] = token;
  localStorage.setItem("parley:editTokens", JSON.stringify(tokens));
  syncEditTokenCookie(tokens);
}

/** The newest tokens in the parley_edit_tokens cookie too, so the server-rendered page knows the reader's own comments. */
function syncEditTokenCookie(tokens) {
  const newest = Object.values(tokens).slice(-20).join(",");
  const secure = location.protocol === "https:" ? "; Secure" : "";
  document.cookie = `parley_edit_tokens=${encodeURIComponent(newest)}; Path=/; Max-Age=${30 * 86400}; SameSite=Lax${secure}`;
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
