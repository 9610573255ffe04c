// A page of comments as the moderation console shows them: the comment, why it is here, where it
// was posted and in reply to what, the author's track record, the readers' reports and the links
// with what the citation checker found. A fixed number of queries per page, whatever its size.
import { signedInMarkOf } from "../domain/public-comment.ts";
import type { CommentFlag, CommentStatus } from "../domain/comment.ts";
import type { Deps } from "../deps.ts";
import { loadLinkDetails, type ModeratorLink } from "../citations/comment-references.ts";
import { countByAuthorAndStatus, readQueueRows, type QueueRow } from "../store/moderation-queue.ts";

export type QueueItem = {
  id: string;
  revision: number;
  status: CommentStatus;
  createdAt: string;
  editedAt: string | null;
  authorName: string;
  authorEmail: string;
  authorUrl: string | null;
  ipHash: string;
  bodyHtml: string;
  bodySource: string;
  flags: CommentFlag[];
  reportCount: number;
  reports: { reason: string; note: string | null; createdAt: string }[];
  thread: { id: string; title: string; url: string | null };
  article: { slug: string; title: string } | null;
  parent: { id: string; authorName: string; excerpt: string } | null;
  /** `firstComment`: the author has no published comment other than this one (their total may count refusals). */
  authorHistory: { published: number; rejected: number; spam: number; total: number; firstComment: boolean };
  links: ModeratorLink[];
  /** The signed-in reader account that posted it (a ban covers it too); null for an anonymous comment. */
  account: { provider: string; providerLabel: string; subject: string; name: string } | null;
  /** The learned spam score when the comment was posted (src/spam/), with its reasons in words. */
  spam: SpamOpinion | null;
};

export type SpamOpinion = {
  score: number;
  decisions: number;
  acting: boolean;
  reasons: string[];
  /** Seconds from the form's render to the post (src/comments/posting-speed.ts), when known. */
  postedAfterSeconds: number | null;
};

export function excerpt(text: string, max = 140): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/** These comments as queue cards, by id (any status; ids not found are absent). `known`: rows in hand
 * (a comment just written, with its thread and parent), read not again. */
export async function loadQueueItems(
  deps: Deps,
  ids: readonly string[],
  known: readonly QueueRow[] = [],
): Promise<Map<string, QueueItem>> {
  if (!ids.length) return new Map();
  const inHand = known.filter((r) => ids.includes(r.id));
  const rows = [
    ...inHand,
    ...(await readQueueRows(
      deps.db,
      ids.filter((id) => !inHand.some((r) => r.id === id)),
    )),
  ];
  return new Map((await toQueueItems(deps, rows)).map((item) => [item.id, item]));
}

export async function toQueueItems(deps: Deps, rows: QueueRow[]): Promise<QueueItem[]> {
  if (!rows.length) return [];
  // The authors' records: read for the rows that do not bring theirs (a comment just posted does).
  const emails = [...new Set(rows.flatMap((r) => (r.authorRecord ? [] : [r.authorEmail])))];
  const [read, links] = await Promise.all([
    emails.length ? countByAuthorAndStatus(deps.db, emails) : [],
    loadLinkDetails(deps, rows), // every link in reading order, with what the checker found
  ]);
  const brought = new Map(
    rows.flatMap((r) => (r.authorRecord && !emails.includes(r.authorEmail) ? [[r.authorEmail, r.authorRecord]] : [])),
  );
  const history = [
    ...read,
    ...[...brought].flatMap(([authorEmail, record]) => record.map((h) => ({ authorEmail, ...h }))),
  ];
  const historyOf = (r: QueueRow) => {
    const mine = history.filter((h) => h.authorEmail === r.authorEmail);
    const n = (s: CommentStatus) => mine.find((h) => h.status === s)?.count ?? 0;
    const published = n("published");
    // A reported comment is itself published: it must not count as the author's track record.
    const firstComment = published - (r.status === "published" ? 1 : 0) === 0;
    return {
      published,
      rejected: n("rejected"),
      spam: n("spam"),
      total: mine.reduce((sum, h) => sum + h.count, 0),
      firstComment,
    };
  };
  return rows.map((r) => ({
    id: r.id,
    revision: r.revision,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
    editedAt: r.editedAt?.toISOString() ?? null,
    authorName: r.authorName,
    authorEmail: r.authorEmail,
    authorUrl: r.authorUrl,
    ipHash: r.ipHash.slice(0, 8),
    bodyHtml: r.bodyHtml,
    bodySource: r.bodySource,
    flags: r.flags as CommentFlag[],
    reportCount: r.reportCount,
    reports: r.reports.map((p) => ({ reason: p.reason, note: p.note, createdAt: p.createdAt.toISOString() })),
    thread: { id: r.thread.id, title: r.thread.title, url: r.thread.url },
    article: r.thread.article,
    parent: r.parent
      ? { id: r.parent.id, authorName: r.parent.authorName, excerpt: excerpt(r.parent.bodySource) }
      : null,
    authorHistory: historyOf(r),
    links: links.get(r.id) ?? [],
    account: r.readerAccount
      ? {
          provider: r.readerAccount.provider,
          providerLabel: signedInMarkOf(r.metadata)?.label ?? r.readerAccount.provider,
          subject: r.readerAccount.subject,
          name: r.readerAccount.displayName,
        }
      : null,
    spam: spamOpinionOf(r.metadata),
  }));
}

/** metadata.spam as the spam-score phase wrote it (null for comments it did not score). */
function spamOpinionOf(metadata: unknown): SpamOpinion | null {
  const s = (metadata as { spam?: Partial<SpamOpinion> & { signals?: { postedAfterMs?: unknown } } } | null)?.spam;
  const ms = s?.signals?.postedAfterMs;
  if (!s || typeof s.score !== "number") return null;
  return {
    score: s.score,
    decisions: typeof s.decisions === "number" ? s.decisions : 0,
    acting: s.acting === true,
    reasons: Array.isArray(s.reasons) ? s.reasons.filter((r): r is string => typeof r === "string") : [],
    postedAfterSeconds: typeof ms === "number" && ms >= 0 ? Math.round(ms / 1000) : null,
  };
}
