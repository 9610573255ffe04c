// The one vocabulary for a link's check state, as readers see it: a mark (decoration, aria-hidden),
// the words (read out), and a tone for colour. The page, the widget and the console all use it.
import type { LinkStateName } from "../../domain/public-comment.ts";

export type SourceTone = "ok" | "bad" | "unknown";
type StateWords =
  "linkChecked" | "linkBroken" | "linkNotVerified" | "siteNotReachable" | "notCheckedYet" | "linkNotChecked";

export const SOURCE_STATES: Record<LinkStateName, { mark: string; words: StateWords; tone: SourceTone }> = {
  ok: { mark: "✓", words: "linkChecked", tone: "ok" },
  redirected: { mark: "✓", words: "linkChecked", tone: "ok" },
  broken: { mark: "✗", words: "linkBroken", tone: "bad" },
  refused: { mark: "!", words: "linkNotVerified", tone: "bad" },
  unreachable: { mark: "?", words: "siteNotReachable", tone: "unknown" },
  unchecked: { mark: "…", words: "notCheckedYet", tone: "unknown" },
  // Over the site's links-checked caps (citations/link-budget.ts): never fetched for this comment.
  skipped: { mark: "–", words: "linkNotChecked", tone: "unknown" },
};

/** The state's entry, "unchecked" for anything unknown (an older or newer server). */
export function sourceState(state: string): (typeof SOURCE_STATES)[LinkStateName] {
  return SOURCE_STATES[state as LinkStateName] ?? SOURCE_STATES.unchecked;
}

/** "example.com/a/long/path…": readable in a list, the full URL stays in the href. */
export function shortUrl(url: string): string {
  const bare = url.replace(/^https?:\/\/(www\.)?/, "").replace(/\/$/, "");
  return bare.length > 70 ? `${bare.slice(0, 67).replace(/[./_-]+$/, "")}…` : bare; // no "of.…"
}

/** The #fragment as shown in the mild "not found on the page" note (long ones shortened). */
export function shownFragment(fragment: string): string {
  return fragment.length > 40 ? `${fragment.slice(0, 39)}…` : fragment;
}
