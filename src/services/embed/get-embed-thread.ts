// Use case: what the widget shows for a page: its thread (created on first use), one page of
// comments in the chosen order, and the limits the form needs.
import type { Deps } from "../../deps.ts";
import type { TEmbedThreadQuery } from "../../http/embed-schemas.ts";
import { listThreadComments } from "../comments/list-thread-comments.ts";
import { pageThread } from "../comments/page-thread.ts";
import type { PublicComment } from "../comments/public-comment.ts";
import { findOrCreateEmbedThread } from "./find-or-create-embed-thread.ts";

export type EmbedThreadView = {
  thread: { id: string; title: string; url: string | null; closed: boolean; commentCount: number };
  comments: PublicComment[];
  nextCursor: string | null;
  /** Top-level comments (with their replies) still to load after this page. */
  remainingTopLevel: number;
  limits: { maxDepth: number; maxLength: number };
};

export async function getEmbedThread(deps: Deps, query: TEmbedThreadQuery): Promise<EmbedThreadView> {
  const created = await findOrCreateEmbedThread(deps, { siteId: query.site, pageKey: query.page, title: query.title, url: query.url });
  const { thread, comments } = await listThreadComments(deps, created.id);
  const page = pageThread(comments, { sort: query.sort, limit: query.limit, cursor: query.cursor });
  return {
    thread: { id: thread.id, title: thread.title, url: thread.url, closed: thread.closed, commentCount: thread.commentCount },
    ...page,
    limits: { maxDepth: deps.config.COMMENT_MAX_DEPTH, maxLength: deps.config.COMMENT_MAX_LENGTH },
  };
}
