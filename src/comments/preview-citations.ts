// Use case: what the form can tell an author before they post — "[C] has no source", which links are
// known to be dead, what would hold the comment. Reads the link cache; writes nothing, fetches nothing.
import { analyzeCitations } from "../citations/analyze-citations.ts";
import { DEFAULT_SITE_SETTINGS } from "../config/site-settings.ts";
import { describeSources, displayDomain } from "../citations/describe-sources.ts";
import { parseCitations } from "../citations/parse-citations.ts";
import { validChecks } from "../citations/link-cache.ts";
import { readLinkChecks } from "../store/link-checks.ts";
import { urlCacheKey } from "../citations/normalize-url.ts";
import type { CommentFlag } from "../domain/comment.ts";
import type { Deps } from "../deps.ts";
import { getThreadSettings } from "../sites/get-thread-settings.ts";
import type { LinkStateName } from "../domain/public-comment.ts";
import { tooManyLinksFlag } from "./phases/too-many-links.ts";
import { renderCommentText } from "./render-comment-text.ts";

export type CitationPreview = {
  citations: { label: string; url: string; markerCount: number; state: LinkStateName; title: string | null }[];
  links: {
    url: string;
    label: string | null;
    text: string | null;
    domain: string;
    state: LinkStateName;
    title: string | null;
    checkedAt: string | null;
    flags: CommentFlag[];
  }[];
  problems: { code: string; severity: string; label: string; message: string; line: number }[];
  /** Links as the pipeline's too-many-links rule counts them. */
  linkCount: number;
  /** Why the comment would be held if posted now (links not checked yet may add reasons later). */
  holdReasons: CommentFlag[];
};

export async function previewCitations(
  deps: Deps,
  input: { body: string; threadId?: string | undefined },
): Promise<CitationPreview> {
  const settings = input.threadId ? (await getThreadSettings(deps, input.threadId)).settings : DEFAULT_SITE_SETTINGS;
  // The pipeline's extraction, from the same one parse: render-body's links, check-citations' report.
  const renderedHrefs = renderCommentText(input.body).links.map((l) => l.href);
  const rows = await readLinkChecks(
    deps.db,
    describeSources(parseCitations(input.body)).map((s) => s.key),
  );
  const { summary, verdict, linkFlags } = analyzeCitations({
    source: input.body,
    settings,
    checks: validChecks(rows, deps.clock.now()),
  });
  // The pipeline's too-many-links rule, on the same count (render-body's).
  const linkCount = renderedHrefs.length;
  const tooMany = tooManyLinksFlag(
    renderedHrefs,
    summary.citations.map((c) => c.url),
    settings.maxLinks,
  );

  const known = (key: string) => {
    const row = rows.get(key);
    const state = (row && row.state !== "unchecked" ? row.state : "unchecked") as LinkStateName;
    return {
      state,
      title: row?.title ?? null,
      checkedAt: row && row.state !== "unchecked" ? row.checkedAt.toISOString() : null,
    };
  };
  return {
    citations: summary.citations.map((c) => ({ ...c, ...pick(known(urlCacheKey(c.url) ?? c.url), "state", "title") })),
    links: summary.sources.map((s) => ({
      url: s.url,
      label: s.label,
      text: s.text,
      domain: displayDomain(s.url),
      ...known(s.key),
      flags: linkFlags.filter((f) => urlCacheKey(f.href) === s.key).map((f) => ({ code: f.code, detail: f.detail })),
    })),
    problems: summary.problems,
    linkCount,
    holdReasons: [...(tooMany ? [tooMany] : []), ...verdict.flags],
  };
}

function pick<T extends object, K extends keyof T>(o: T, ...keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, o[k]])) as Pick<T, K>;
}
