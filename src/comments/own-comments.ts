// The author's own comments, recognised by the edit tokens their browser kept: shown to them with
// their real status (a pending comment says it awaits moderation), their source text for editing and
// how long they may still edit. Nobody else sees a comment that is not published.
import type { Deps } from "../deps.ts";
import { loadReferences } from "../citations/comment-references.ts";
import { getThreadSettings } from "../sites/get-thread-settings.ts";
import { listCommentsByTokenHashes, withLiveReplies } from "../store/comments.ts";
import { editableUntil } from "./own-comment-access.ts";
import { toPublicComment, type PublicComment, type PublicReference } from "../domain/public-comment.ts";
import { hashToken } from "../domain/tokens.ts";
import type { GovernedThread } from "../domain/thread.ts";

export type OwnComment = PublicComment & { own: true; bodySource: string; editableUntil: string | null };

/** At most this many tokens are looked at per request (the newest a browser sent). */
export const MAX_EDIT_TOKENS = 50;
const TOKEN = /^[A-Za-z0-9_-]{16,128}$/;

/** Edit tokens from a header or cookie value: "tok1,tok2" (invalid entries are ignored). */
export function parseEditTokens(raw: string | undefined): string[] {
  if (!raw) return [];
  const tokens = raw
    .split(",")
    .map((t) => t.trim())
    .filter((t) => TOKEN.test(t));
  return [...new Set(tokens)].slice(-MAX_EDIT_TOKENS);
}

type Row = Parameters<typeof toPublicComment>[0] & { bodySource: string; createdAt: Date };

export function toOwnComment(
  row: Row,
  thread: Pick<GovernedThread, "settings">,
  hasReplies: boolean,
  references?: PublicReference[],
): OwnComment {
  const until = hasReplies ? null : editableUntil(row.createdAt, thread);
  return {
    ...toPublicComment(row, references),
    own: true,
    bodySource: row.bodySource,
    editableUntil: until?.toISOString() ?? null,
  };
}

/** The thread's comments written with these tokens that the author may still see (not rejected, spam or deleted). */
export async function findOwnComments(deps: Deps, threadId: string, tokens: string[]): Promise<OwnComment[]> {
  if (!tokens.length) return [];
  const rows = await listCommentsByTokenHashes(deps.db, threadId, tokens.map(hashToken));
  if (!rows.length) return [];
  const [thread, references, withReplies] = await Promise.all([
    getThreadSettings(deps, threadId),
    loadReferences(deps, rows),
    withLiveReplies(
      deps.db,
      rows.map((r) => r.id),
    ),
  ]);
  return rows.map((r) => toOwnComment(r, thread, withReplies.has(r.id), references.get(r.id)));
}

/** The public listing with the author's own comments put in (published ones replaced by their own view), oldest first. */
export function withOwnComments(comments: PublicComment[], own: OwnComment[]): PublicComment[] {
  if (!own.length) return comments;
  const mine = new Map(own.map((c) => [c.id, c]));
  const merged = comments.map((c) => mine.get(c.id) ?? c);
  const shown = new Set(merged.map((c) => c.id));
  const extra = own.filter((c) => !shown.has(c.id));
  if (!extra.length) return merged;
  return [...merged, ...extra].sort((a, b) =>
    a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1,
  );
}
