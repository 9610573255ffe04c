// Progressive enhancement for the article page: the page works without this file (plain form POST);
// with it, replies open in place and comments post as JSON without a reload. User data reaches the
// DOM only as text, or as the server's sanitized HTML (bodyHtml). Live updates: live-comments.js.
// A closed thread has no form, but its readers still get live updates (approvals, edits, removals),
// including the thread closing or reopening (thread-closed.js).
import { buildSources, startCitationHints } from "./citation-hints.js";
import { startLiveUpdates } from "./live-comments.js";
import { ownCommentTools } from "./own-comment-tools.js";
import { addReportButton } from "./report-comment.js";
import { followThreadState } from "./thread-closed.js";

const section = document.getElementById("comments");
const respond = document.getElementById("respond");
const form = document.getElementById("commentform");

if (section) enhance();

function enhance() {
  const threadId = section.dataset.threadId;
  const maxDepth = Number(section.dataset.maxDepth || 5);
  const articleTitle = section.dataset.articleTitle || "";
  let live = null;
  // The reader's own comments (id → { token, editableUntil, source }), with Edit / Delete on each.
  const { own, addOwnTools, rememberEditToken } = ownCommentTools({
    section,
    buildComment,
    releaseForm,
    // With live updates the thread count arrives as an event; without, the page keeps it itself.
    uncount: () => {
      if (!live) bumpCount(-1);
    },
  });
  const open = !!(respond && form); // rendered closed: no form, no Reply links, live updates all the same
  const home = document.createElement("div"); // where the form lives when it is not under a comment
  const threadState = followThreadState({
    section,
    respond: open ? respond : null,
    form: open ? form : null,
    resetReply: () => resetReply(),
  });
  startLiveUpdates({
    section,
    threadId,
    buildComment,
    placeComment,
    setCount,
    releaseForm,
    setClosed: threadState.set,
  }).then((l) => (live = l));
  for (const li of section.querySelectorAll("li.comment:not([data-own]):not(.comment-removed)")) {
    const body = li.querySelector(":scope > .comment-body");
    addReportButton(body, li.dataset.commentId, body?.querySelector(".comment-author b")?.textContent ?? "");
  }
  if (!open) return;

  home.id = "respond-home";
  respond.before(home);
  const parentInput = form.elements.namedItem("parentId");
  const cancel = document.getElementById("cancel-comment-reply-link");
  const title = document.getElementById("reply-title");
  const status = form.querySelector(".form-status");
  const button = form.querySelector("button.submit");
  const remembered = ["authorName", "authorEmail", "authorUrl"];
  const citationHints = startCitationHints(form.elements.namedItem("body"), threadId);

  // Remember the reader's details when they tick the box, as WordPress does with its comment cookies.
  const rememberBox = form.elements.namedItem("remember");
  for (const name of remembered) {
    const input = form.elements.namedItem(name);
    const saved = localStorage.getItem(`parley:${name}`);
    if (input && rememberBox && !input.value && saved) {
      input.value = saved;
      rememberBox.checked = true;
    }
  }

  keepDraftAcrossSignIn(form, threadId);

  document.querySelector(".comment-cta-link")?.addEventListener("click", (e) => {
    e.preventDefault();
    resetReply();
    form.elements.namedItem("body").focus();
  });

  section.addEventListener("click", (e) => {
    const link = e.target.closest?.(".comment-reply-link");
    if (!link) return;
    e.preventDefault();
    openReply(link.dataset.replyTo, link.dataset.replyName);
  });
  cancel?.addEventListener("click", (e) => {
    e.preventDefault();
    cancelReply();
  });
  form.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && parentInput.value) cancelReply();
  });

  /** Closes the reply form and gives the keyboard back to the Reply link it came from, not to <body>. */
  function cancelReply() {
    const from = parentInput.value;
    resetReply();
    document.getElementById(`comment-${from}`)?.querySelector(":scope > .comment-body .comment-reply-link")?.focus();
  }

  function openReply(id, name) {
    const li = document.getElementById(`comment-${id}`);
    if (!li) return;
    li.querySelector(":scope > .comment-body").after(respond);
    parentInput.value = id;
    setTitle(`Reply to ${name}`);
    cancel.hidden = false;
    form.elements.namedItem("body").focus();
  }

  function resetReply() {
    home.after(respond);
    parentInput.value = "";
    setTitle("Leave a Reply");
    cancel.hidden = true;
  }

  function setTitle(text) {
    title.firstChild.textContent = `${text} `;
  }

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    clearErrors();
    const payload = Object.fromEntries(new FormData(form).entries());
    if (!payload.parentId) delete payload.parentId;
    if (!payload.authorUrl) delete payload.authorUrl;
    delete payload.remember;
    button.disabled = true;
    status.textContent = "Posting…";
    try {
      const res = await fetch(`/api/threads/${encodeURIComponent(threadId)}/comments`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify(payload),
      });
      const data = await res.json().catch(() => ({}));
      if (data.error?.code === "THREAD_CLOSED") return threadState.set(true); // closed meanwhile: the text stays
      if (!res.ok) return showError(data.error);
      for (const name of rememberBox ? remembered : []) {
        if (rememberBox.checked) localStorage.setItem(`parley:${name}`, payload[name] || "");
        else localStorage.removeItem(`parley:${name}`);
      }
      rememberEditToken(data.comment.id, data.editToken);
      own.set(data.comment.id, {
        token: data.editToken,
        editableUntil: data.comment.editableUntil,
        source: data.comment.bodySource ?? payload.body,
      });
      const counted = live?.claim(data.comment.id); // its live event may have come first
      live?.watchToken(data.editToken);
      const li = insertComment(data.comment, res.status === 202, res.status !== 202 && !counted);
      form.elements.namedItem("body").value = "";
      citationHints.clear();
      resetReply();
      status.textContent = res.status === 202 ? "Your comment is awaiting moderation." : "Posted.";
      if (data.notify?.confirmationSent)
        status.textContent +=
          " We sent you a mail: follow its link to confirm your address and start your notifications.";
      li.scrollIntoView({ block: "center", behavior: "smooth" });
      li.querySelector(".comment-body")?.focus?.();
    } catch {
      showError({ message: "Could not reach the server. Your comment is still in the box; try again." });
    } finally {
      button.disabled = threadState.isClosed();
    }
  });

  function clearErrors() {
    for (const el of form.querySelectorAll(".field-error")) {
      el.hidden = true;
      el.textContent = "";
    }
    for (const el of form.querySelectorAll(".has-error")) el.classList.remove("has-error");
    for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
    status.textContent = "";
    status.classList.remove("is-error");
  }

  function showError(error = {}) {
    // Every bad field at once (as the no-JS page does); focus goes to the first one.
    const fields = error.fields ?? (error.field ? { [error.field]: error.message } : {});
    let first = null;
    for (const [name, message] of Object.entries(fields)) {
      const slot = form.querySelector(`#${CSS.escape(name)}-error`);
      const input = form.elements.namedItem(name);
      if (!slot || !input) continue;
      slot.textContent = message;
      slot.hidden = false;
      slot.parentElement.classList.add("has-error");
      input.setAttribute("aria-invalid", "true");
      const described = new Set((input.getAttribute("aria-describedby") ?? "").split(/\s+/).filter(Boolean)); // keep the hints
      input.setAttribute("aria-describedby", [...described.add(slot.id)].join(" "));
      first ??= input;
    }
    if (first) {
      first.focus();
      status.textContent = "";
    } else {
      status.textContent = error.message || "Your comment could not be posted.";
      status.classList.add("is-error"); // a refusal must not read like "Posting…"
    }
  }

  function insertComment(c, awaiting, count) {
    const li = document.getElementById(`comment-${c.id}`) ?? placeComment(buildComment(c, awaiting), c);
    if (count) bumpCount(1);
    return li;
  }

  /** Puts a built comment under its parent (or at the end of the thread) and returns it. */
  function placeComment(li, c) {
    const parent = c.parentId && document.getElementById(`comment-${c.parentId}`);
    let list = section.querySelector(":scope > .comment-list");
    if (parent) {
      list = parent.querySelector(":scope > .children");
      if (!list) {
        list = document.createElement("ol");
        list.className = "children";
        parent.append(list);
      }
    }
    list.append(li);
    return li;
  }

  /** The reply form must not vanish with a comment that is removed live. */
  function releaseForm(li) {
    if (open && li.contains(respond)) resetReply();
  }

  function buildComment(c, awaiting) {
    const li = el("li", `comment depth-${c.depth} is-new`);
    li.id = `comment-${c.id}`;
    li.dataset.commentId = c.id;
    const body = el("article", "comment-body");
    body.tabIndex = -1;
    const meta = el("footer", "comment-meta");
    const author = el("span", "comment-author");
    const b = document.createElement("b");
    if (c.authorUrl) {
      const a = el("a", "url", c.authorName);
      a.href = c.authorUrl;
      a.rel = "external nofollow ugc noopener";
      b.append(a);
    } else b.append(el("span", "fn", c.authorName));
    author.append(b, " ");
    if (c.byModerator) author.append(el("span", "moderator-badge", "Moderator"), " ");
    if (c.verified) author.append(verifiedMark(c.verified.provider), " ");
    author.append(el("span", "says", "says:"));
    const date = el("a", "comment-date");
    date.href = `#comment-${c.id}`;
    const time = el("time", "", formatDateTime(new Date(c.createdAt)));
    time.dateTime = c.createdAt;
    date.append(time);
    meta.append(author, " ", date);
    if (c.editedAt) meta.append(" ", el("span", "comment-edited", "(edited)"));
    body.append(meta);
    if (awaiting) body.append(el("p", "comment-awaiting", "Your comment is awaiting moderation."));
    const content = el("div", "comment-content");
    content.innerHTML = c.bodyHtml; // sanitized by the server on write
    body.append(content);
    const sources = buildSources(c);
    if (sources) body.append(sources);
    if (open && !awaiting && c.depth < maxDepth) {
      const reply = el("div", "reply");
      const a = el("a", "comment-reply-link", "Reply");
      a.href = `?replytocom=${encodeURIComponent(c.id)}#respond`;
      a.dataset.replyTo = c.id;
      a.dataset.replyName = c.authorName;
      a.setAttribute("aria-label", `Reply to ${c.authorName}`);
      a.hidden = threadState.isClosed(); // the row stays: Report goes beside it (report-comment.js)
      reply.append(a);
      body.append(reply);
    }
    if (own.has(c.id)) addOwnTools(body, c.id);
    else if (!awaiting) addReportButton(body, c.id, c.authorName);
    li.append(body);
    return li;
  }

  function bumpCount(delta) {
    const h = document.getElementById("comments-title");
    setCount(Number(h.dataset.count ?? countFromText(h.textContent)) + delta);
  }

  function setCount(count) {
    const h = document.getElementById("comments-title");
    h.dataset.count = String(count);
    h.textContent =
      count === 0 ? "No responses yet" : `${count === 1 ? "One Response" : `${count} Responses`} to ${articleTitle}`;
  }
}

function countFromText(text) {
  if (/^One /.test(text)) return 1;
  const n = parseInt(text, 10);
  return Number.isFinite(n) ? n : 0;
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const DATE = new Intl.DateTimeFormat("en-US", { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
const TIME = new Intl.DateTimeFormat("en-US", { hour: "numeric", minute: "2-digit", timeZone: "UTC" });
function formatDateTime(d) {
  return `${DATE.format(d)} at ${TIME.format(d).toLowerCase()}`;
}

/** The "verified" mark of a signed-in reader's comment, as the server renders it. */
function verifiedMark(provider) {
  const mark = el("span", "comment-verified");
  mark.title = `Signed in with ${provider}`;
  const tick = el("span", "", "✓");
  tick.setAttribute("aria-hidden", "true");
  mark.append(tick, " verified", el("span", "visually-hidden", ` (signed in with ${provider})`));
  return mark;
}

/** Signing in leaves the page: what the reader typed is kept in this tab and put back when they return. */
function keepDraftAcrossSignIn(form, threadId) {
  const key = `parley:draft:${threadId}`;
  const body = form.elements.namedItem("body");
  const parent = form.elements.namedItem("parentId");
  const saved = sessionStorage.getItem(key);
  if (saved) {
    sessionStorage.removeItem(key);
    try {
      const draft = JSON.parse(saved);
      if (!body.value && draft.body) body.value = draft.body;
      if (parent && !parent.value && draft.parentId) parent.value = draft.parentId;
    } catch {
      // an unreadable draft is dropped
    }
  }
  for (const link of document.querySelectorAll(".sign-in-button[href], .reader-logout")) {
    link.addEventListener("click", () => {
      if (body.value.trim()) sessionStorage.setItem(key, JSON.stringify({ body: body.value, parentId: parent?.value }));
    });
  }
}
