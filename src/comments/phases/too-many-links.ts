import { urlCacheKey } from "../../citations/normalize-url.ts";
import type { CommentFlag } from "../../domain/comment.ts";
import type { Phase } from "../pipeline.ts";

/**
 * Content: `maxLinks` or more links that are not cited sources flag the comment (WordPress holds at 2,
 * counting every link). A link named by a citation (`[A]` in the text, `[A] https://…` below) is left
 * to the citation checks, which hold it when it is unresolved, denied, unsafe or known broken, and
 * re-hold the comment when the background check finds it broken; counting it here too would hold
 * every well-sourced comment. Reads render-body's links and check-citations' summary (runs after it).
 */
export const tooManyLinks: Phase = {
  name: "too-many-links",
  run(ctx) {
    const links = Array.isArray(ctx.metadata.links) ? (ctx.metadata.links as string[]) : [];
    const citations = (ctx.metadata.citations as { citations?: { url: string }[] } | undefined)?.citations ?? [];
    const flag = tooManyLinksFlag(
      links,
      citations.map((c) => c.url),
      ctx.settings.maxLinks,
    );
    if (flag) return { flags: [flag] };
  },
};

/** The rule itself, on render-body's links and the cited URLs; the citation preview asks it too. */
export function tooManyLinksFlag(
  links: readonly string[],
  citedUrls: readonly string[],
  max: number,
): CommentFlag | null {
  if (max <= 0) return null;
  const cited = new Set(citedUrls.map((url) => urlCacheKey(url) ?? url));
  const uncited = links.filter((href) => !cited.has(urlCacheKey(href) ?? href)).length;
  if (uncited < max) return null;
  const detail =
    uncited < links.length
      ? `${uncited} uncited links (of ${links.length}), limit ${max}`
      : `${uncited} links, limit ${max}`;
  return { code: "too-many-links", detail };
}
