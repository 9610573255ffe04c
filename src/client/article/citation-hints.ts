// Hints under the comment box while the author types ("[C] has no source", "3 links: will be held
// for review"), from POST /api/citations/preview. Without JavaScript the page shows the result after
// posting. Text only: nothing here sets innerHTML.
import { h } from "../dom.ts";
import { fill, plural } from "../i18n/messages.ts";
import type { PageCatalog } from "../i18n/page-catalogs.ts";

type Tone = "error" | "warning" | "ok";
type Line = [text: string, tone: Tone];
type Preview = {
  problems: { code: string; severity: "error" | "warning" | "info"; label: string; message: string }[];
  holdReasons: { code: string }[];
  links: { label: string | null; domain: string; state: string }[];
  citations: { label: string }[];
  linkCount: number;
};

export type CitationHints = { refresh(): Promise<void>; clear(): void };

/** Debounced hints under the comment box; `threadId` applies that thread's site settings. */
export function startCitationHints(m: PageCatalog, textarea: HTMLTextAreaElement, threadId: string): CitationHints {
  const hints = h("ul", { class: "citation-hints", id: "citation-hints", "aria-live": "polite", hidden: true });
  textarea.parentElement?.querySelector(".field-hint")?.after(hints);
  const described = textarea.getAttribute("aria-describedby");
  textarea.setAttribute("aria-describedby", described ? `${described} ${hints.id}` : hints.id);

  let timer: ReturnType<typeof setTimeout> | undefined;
  let inflight: AbortController | null = null;
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
      if (res.ok) show(linesFor(m, (await res.json()) as Preview));
    } catch {
      // Hints are a courtesy: offline or aborted, the form works as before.
    }
  };
  const show = (lines: Line[]) => {
    const key = JSON.stringify(lines);
    if (key === shown) return; // the live region speaks only when something changed
    shown = key;
    hints.replaceChildren(...lines.map(([text, tone]) => h("li", { class: `citation-hint hint-${tone}`, text })));
    hints.hidden = lines.length === 0;
  };
  textarea.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => void update(), 600);
  });
  textarea.form?.addEventListener("reset", () => show([]));
  return { refresh: update, clear: () => show([]) };
}

const HOLD_WORDS: Record<string, "holdBroken" | "holdUnsafe" | "holdDeniedDomain" | "holdUnchecked"> = {
  "link-broken": "holdBroken",
  "link-unsafe": "holdUnsafe",
  "link-denied-domain": "holdDeniedDomain",
  "links-unchecked": "holdUnchecked",
};

/** [text, tone] lines: the author's own problems first, then what would hold the comment. */
function linesFor(m: PageCatalog, preview: Preview): Line[] {
  const lines: Line[] = [];
  let brokenShown = false;
  const holds = new Set(preview.holdReasons.map((f) => f.code));
  for (const p of preview.problems) {
    if (p.severity === "info") continue;
    const held = p.severity === "error" && holds.has("citation-unresolved");
    const problem = problemText(m, p);
    lines.push([held ? fill(m.willBeHeld, { problem }) : problem, p.severity === "error" ? "error" : "warning"]);
  }
  for (const link of preview.links) {
    if (link.state === "broken" || link.state === "refused") {
      lines.push([fill(m.linkBrokenHint, { link: `${link.label ? `[${link.label}] ` : ""}${link.domain}` }), "error"]);
      brokenShown = true;
    }
  }
  if (holds.has("too-many-links")) lines.push([plural(m, m.tooManyLinks, preview.linkCount), "warning"]);
  const other = [...holds].filter((code) => HOLD_WORDS[code] && !(code === "link-broken" && brokenShown));
  if (other.length) {
    const reasons = other.map((c) => m[HOLD_WORDS[c]!]).join("; ");
    lines.push([fill(m.heldBecause, { reasons }), "warning"]);
  }
  if (!lines.length && preview.citations.length) {
    lines.push([fill(m.sourcesFound, { labels: preview.citations.map((c) => `[${c.label}]`).join(" ") }), "ok"]);
  }
  return lines;
}

/** A citation problem in the page's language, by its code (citations/parse-citations.ts); one the
 * catalog does not word stays as the server wrote it. */
function problemText(m: PageCatalog, p: Preview["problems"][number]): string {
  const words = m.citationProblems;
  const template =
    p.code === "unresolved-marker"
      ? words.noSource
      : p.code === "uncited-reference"
        ? words.listedNeverCited
        : p.code === "duplicate-reference"
          ? p.severity === "error"
            ? words.listedMoreDifferent
            : words.listedMore
          : null;
  return template ? fill(template, { label: p.label }) : p.message;
}
