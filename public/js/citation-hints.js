// Citations on the article page, with JavaScript on: the "Sources" list of a comment shown live (the
// same markup as src/views/comment-sources.ts), and hints under the comment box while the author
// types ("[C] has no source", "3 links: will be held for review") from POST /api/citations/preview.
// Without JavaScript the page shows the result after posting. Text only: nothing here sets innerHTML.

const STATES = {
  ok: ["✓", "link checked", "ok"],
  redirected: ["✓", "link checked", "ok"],
  broken: ["✗", "link broken", "bad"],
  refused: ["!", "link not verified", "bad"],
  unreachable: ["?", "site not reachable", "unknown"],
  unchecked: ["…", "not checked yet", "unknown"],
};

/** The Sources list for a comment from the API (`comment.references`), or null when it has none. */
/** Same words as src/views/comment-sources.ts fragmentNote. */
function fragmentNote(fragment) {
  const shown = fragment.length > 40 ? `${fragment.slice(0, 39)}…` : fragment;
  return `#${shown} not found on the page`;
}

export function buildSources(comment) {
  const refs = (comment.references ?? []).filter((r) => /^https?:\/\//i.test(r.url));
  if (!refs.length) return null;
  const box = el("div", "comment-sources");
  const title = el("p", "comment-sources-title", refs.some((r) => r.label !== null) ? "Sources" : "Links");
  title.id = `sources-${comment.id}`;
  const list = el("ol", "source-list");
  list.setAttribute("aria-labelledby", title.id);
  for (const r of refs) {
    const [mark, words, tone] = STATES[r.state] ?? STATES.unchecked;
    const li = el("li", `source source-${tone}`);
    if (r.label !== null) li.append(el("span", "source-label", `[${r.label}]`));
    const text = el("span", "source-text");
    const a = el("a", "source-link", r.title ?? shortUrl(r.url));
    a.href = r.url;
    a.rel = "nofollow ugc noopener";
    text.append(a, " ", el("span", "source-domain", r.domain));
    if (typeof r.missingFragment === "string") text.append(el("span", "source-note", fragmentNote(r.missingFragment)));
    const state = el("span", "source-state");
    if (r.checkedAt) state.title = `Checked ${r.checkedAt.slice(0, 10)}`;
    const m = el("span", "source-mark", mark);
    m.setAttribute("aria-hidden", "true");
    state.append(m, ` ${words}`);
    li.append(text, state);
    list.append(li);
  }
  box.append(title, list);
  return box;
}

/** Debounced hints under the comment box; `threadId` applies that thread's site settings. */
export function startCitationHints(textarea, threadId) {
  const hints = el("ul", "citation-hints");
  hints.id = "citation-hints";
  hints.setAttribute("aria-live", "polite");
  hints.hidden = true;
  textarea.parentElement.querySelector(".field-hint")?.after(hints);
  const described = textarea.getAttribute("aria-describedby");
  textarea.setAttribute("aria-describedby", described ? `${described} ${hints.id}` : hints.id);

  let timer = 0;
  let inflight = null;
  let shown = "";
  const update = async () => {
    const body = textarea.value;
    // Nothing to say about text with no brackets and no links: skip the request.
    if (!/\[|https?:|www\./i.test(body)) return show([]);
    inflight?.abort();
    inflight = new AbortController();
    try {
      const res = await fetch("/api/citations/preview", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ body, threadId }),
        signal: inflight.signal,
      });
      if (res.ok) show(linesFor(await res.json()));
    } catch {
      // Hints are a courtesy: offline or aborted, the form works as before.
    }
  };
  const show = (lines) => {
    const key = JSON.stringify(lines);
    if (key === shown) return; // the live region speaks only when something changed
    shown = key;
    hints.replaceChildren(...lines.map(([text, tone]) => el("li", `citation-hint hint-${tone}`, text)));
    hints.hidden = lines.length === 0;
  };
  textarea.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(update, 600);
  });
  textarea.form?.addEventListener("reset", () => show([]));
  return { refresh: update, clear: () => show([]) };
}

const HOLD_WORDS = {
  "link-broken": "a cited link is broken",
  "link-unsafe": "a link looks unsafe",
  "link-denied-domain": "a link goes to a site that is not allowed here",
  "links-unchecked": "its links are checked first",
};

/** [text, tone] lines: the author's own problems first, then what would hold the comment. */
function linesFor(preview) {
  const lines = [];
  const holds = new Set(preview.holdReasons.map((f) => f.code));
  for (const p of preview.problems) {
    if (p.severity === "info") continue;
    const held = p.severity === "error" && holds.has("citation-unresolved");
    lines.push([
      held ? `${p.message}: will be held for review` : p.message,
      p.severity === "error" ? "error" : "warning",
    ]);
  }
  for (const link of preview.links) {
    if (link.state === "broken" || link.state === "refused")
      lines.push([`${link.label ? `[${link.label}] ` : ""}${link.domain}: link broken`, "error"]);
  }
  if (holds.has("too-many-links")) lines.push([`${preview.linkCount} links: will be held for review`, "warning"]);
  const other = [...holds].filter(
    (code) => HOLD_WORDS[code] && !(code === "link-broken" && lines.some(([t]) => t.endsWith("link broken"))),
  );
  if (other.length) lines.push([`Will be held for review: ${other.map((c) => HOLD_WORDS[c]).join("; ")}`, "warning"]);
  if (!lines.length && preview.citations.length) {
    lines.push([`Sources found: ${preview.citations.map((c) => `[${c.label}]`).join(" ")}`, "ok"]);
  }
  return lines;
}

function shortUrl(url) {
  const bare = url.replace(/^https?:\/\/(www\.)?/, "").replace(/\/$/, "");
  return bare.length > 70 ? `${bare.slice(0, 67).replace(/[./_-]+$/, "")}…` : bare; // no "of.…"
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
