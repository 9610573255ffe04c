// What readers and moderators are told about a comment's sources, joined with the link-check cache.
// Readers get a tidy list (label, title, domain, whether the link works); moderators get every detail
// of every link (status, redirect chain, final URL, error).
import { storedSources } from "./analyze-citations.ts";
import { displayDomain, type Source } from "./describe-sources.ts";
import { checkFragment, type FragmentCheck } from "./fragment-check.ts";
import { readLinkChecks, type LinkCheckRow } from "../store/link-checks.ts";
import { listCommentLinks, readNotCheckedLinks } from "../store/comment-links.ts";
import type { RedirectHop } from "./link-check-types.ts";
import type { Deps } from "../deps.ts";
import type { LinkStateName, PublicReference } from "../domain/public-comment.ts";

/** QueueItem.links in the moderation API contract, plus a few fields moderators find useful. */
export type ModeratorLink = {
  url: string;
  label: string | null;
  /** What the author called it (reference title or link text). */
  text: string | null;
  state: LinkStateName;
  httpStatus: number | null;
  title: string | null;
  /** The linked host and where the redirects ended ("www." dropped); finalDomain null before a check. */
  domain: string;
  finalDomain: string | null;
  finalUrl: string | null;
  redirectChain: RedirectHop[];
  error: string | null;
  checkedAt: string | null;
  /** Whether the link's #fragment is on the page; null when the link has none. */
  fragment: FragmentCheck | null;
};

/** What a comment's sources are read from: the pipeline's summary in its metadata. */
type CommentSources = { id: string; metadata: unknown };

export function loadReferences(
  deps: Pick<Deps, "db">,
  comments: readonly CommentSources[],
): Promise<Map<string, PublicReference[]>> {
  return describeSources(deps, comments, (s, check, notChecked) => {
    const fragment = checkFragment(s.url, check?.anchors);
    return {
      label: s.label,
      url: s.url,
      // The page's title once checked; before, what the author called a cited source on its reference line.
      title: check?.title ?? (s.label !== null ? s.text : null),
      domain: displayDomain(s.url),
      state: stateOf(check, notChecked),
      checkedAt: checkedAtOf(check),
      missingFragment: fragment?.status === "missing" ? fragment.fragment : null,
    };
  });
}

export function loadLinkDetails(
  deps: Pick<Deps, "db">,
  comments: readonly CommentSources[],
): Promise<Map<string, ModeratorLink[]>> {
  return describeSources(deps, comments, (s, check, notChecked) => ({
    url: s.url,
    label: s.label,
    text: s.text,
    state: stateOf(check, notChecked),
    httpStatus: check?.httpStatus ?? null,
    title: check?.title ?? null,
    domain: displayDomain(s.url),
    finalDomain: check?.finalDomain ?? null,
    finalUrl: check?.finalUrl ?? null,
    redirectChain: Array.isArray(check?.redirectChain) ? (check.redirectChain as RedirectHop[]) : [],
    error: check?.error ?? null,
    checkedAt: checkedAtOf(check),
    fragment: checkFragment(s.url, check?.anchors),
  }));
}

/** Each comment's sources, each joined with its cached check (and whether the caps left it not checked)
 * and described by `describe`. */
async function describeSources<T>(
  deps: Pick<Deps, "db">,
  comments: readonly CommentSources[],
  describe: (source: Source, check: LinkCheckRow | undefined, notChecked: boolean) => T,
): Promise<Map<string, T[]>> {
  const { sources, checks, notChecked } = await withChecks(deps, comments);
  return new Map(
    comments.map((c) => [
      c.id,
      sources.get(c.id)!.map((s) => describe(s, checks.get(s.key), notChecked.get(c.id)?.has(s.key) ?? false)),
    ]),
  );
}

/**
 * Each comment's sources from metadata.citations.sources (in reading order, fragments kept); for a
 * comment no citation phase saw (a moderator's, or an older row), from its CommentLink rows, labels first.
 */
async function withChecks(deps: Pick<Deps, "db">, comments: readonly CommentSources[]) {
  const sources = new Map<string, Source[]>();
  const missing: string[] = [];
  for (const c of comments) {
    const stored = storedSources(typeof c.metadata === "string" ? safeJson(c.metadata) : c.metadata);
    if (stored) sources.set(c.id, stored);
    else missing.push(c.id);
  }
  if (missing.length) {
    const rows = await listCommentLinks(deps.db, missing);
    for (const id of missing) {
      const own = rows.filter((r) => r.commentId === id).sort(byLabelThenUrl);
      sources.set(
        id,
        own.map((r) => ({ url: r.url, key: r.url, label: r.label, text: null })),
      );
    }
  }
  const keys = [...sources.values()].flat().map((s) => s.key);
  const citing = comments.filter((c) => sources.get(c.id)!.length > 0).map((c) => c.id);
  const [checks, notChecked] = await Promise.all([readLinkChecks(deps.db, keys), readNotCheckedLinks(deps.db, citing)]);
  return { sources, checks, notChecked };
}

// Made on first use: ICU's collation data costs ~3 MB of resident memory, and most threads cite nothing.
let collator: Intl.Collator | undefined;
function byLabelThenUrl(a: { label: string | null; url: string }, b: { label: string | null; url: string }): number {
  if (a.label !== null && b.label !== null)
    return (collator ??= new Intl.Collator("en", { numeric: true, sensitivity: "base" })).compare(a.label, b.label);
  if (a.label !== null || b.label !== null) return a.label !== null ? -1 : 1;
  return a.url.localeCompare(b.url);
}

/** SQLite hands JSON columns back as text from raw queries. */
function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** A known result wins (the link may have been checked for another comment); else not checked (yet). */
function stateOf(check: LinkCheckRow | undefined, notChecked: boolean): LinkStateName {
  const state = check?.state;
  return state === "ok" ||
    state === "redirected" ||
    state === "broken" ||
    state === "unreachable" ||
    state === "refused"
    ? state
    : notChecked
      ? "skipped"
      : "unchecked";
}

function checkedAtOf(check: LinkCheckRow | undefined): string | null {
  return check && check.state !== "unchecked" ? check.checkedAt.toISOString() : null;
}
