// What readers and widgets see of a comment and a thread: never the email, the IP hash or the flags.
// Plain shapes shared by the listing, the realtime events, the pages and the widget.

/** unchecked: not checked yet; skipped: not checked for this comment (over the site's links-checked caps). */
export type LinkStateName = "ok" | "redirected" | "broken" | "unreachable" | "refused" | "unchecked" | "skipped";

/** One of a comment's sources (a cited reference or a link), with what the link checker found. */
export type PublicReference = {
  label: string | null;
  url: string;
  /** The page's own <title> once checked; null before (the view falls back to the URL). */
  title: string | null;
  domain: string;
  state: LinkStateName;
  checkedAt: string | null;
  /** The link's #fragment (decoded) when the page was read whole and has no such anchor: a mild note, never a hold. */
  missingFragment: string | null;
};

export type PublicComment = {
  id: string;
  threadId: string;
  parentId: string | null;
  depth: number;
  authorName: string;
  authorUrl: string | null;
  /** Written by a signed-in moderator (shown with a badge, so a look-alike name cannot pass for one). */
  byModerator: boolean;
  bodyHtml: string;
  status: string;
  createdAt: string;
  editedAt: string | null;
  /** Its sources (cited references and links) with whether each link works. */
  references: PublicReference[];
  /** Posted by a reader signed in with an identity provider (its name shows on hover); null otherwise. */
  verified: { provider: string } | null;
};

type CommentRow = {
  id: string;
  threadId: string;
  parentId: string | null;
  depth: number;
  authorName: string;
  authorUrl: string | null;
  /** The row's moderatorId, or (thread reads) whether it has one. */
  moderatorId?: string | null;
  byModerator?: boolean;
  bodyHtml: string;
  status: string;
  createdAt: Date;
  editedAt: Date | null;
  /** The pipeline's metadata: `signedIn` says who vouched for the author. */
  metadata?: unknown;
};

/** What a signed-in reader's comment records about their sign-in (metadata.signedIn), written at posting. */
export type SignedInMark = { provider: string; label: string };

export function signedInMarkOf(metadata: unknown): SignedInMark | null {
  const m = (metadata as { signedIn?: SignedInMark } | null | undefined)?.signedIn;
  return m && typeof m.label === "string" && typeof m.provider === "string" ? m : null;
}

export function toPublicComment(c: CommentRow, references: PublicReference[] = []): PublicComment {
  const mark = signedInMarkOf(c.metadata);
  return {
    id: c.id,
    threadId: c.threadId,
    parentId: c.parentId,
    depth: c.depth,
    authorName: c.authorName,
    authorUrl: c.authorUrl,
    byModerator: c.byModerator ?? (c.moderatorId !== undefined && c.moderatorId !== null),
    bodyHtml: c.bodyHtml,
    status: c.status,
    createdAt: c.createdAt.toISOString(),
    editedAt: c.editedAt?.toISOString() ?? null,
    references,
    verified: mark ? { provider: mark.label } : null,
  };
}

/** A removed comment that still has visible replies: kept as a placeholder so the tree holds together. */
export function toPlaceholder(c: {
  id: string;
  threadId: string;
  parentId: string | null;
  depth: number;
  createdAt: Date;
}): PublicComment {
  return {
    id: c.id,
    threadId: c.threadId,
    parentId: c.parentId,
    depth: c.depth,
    authorName: "",
    authorUrl: null,
    byModerator: false,
    bodyHtml: "",
    status: "removed",
    createdAt: c.createdAt.toISOString(),
    editedAt: null,
    references: [],
    verified: null,
  };
}

export type ThreadSummary = {
  id: string;
  title: string;
  url: string | null;
  closed: boolean;
  commentCount: number;
  articleSlug: string | null;
};

/** A thread's public listing: published comments and placeholders, oldest first, as a flat list. */
export type ThreadListing = { thread: ThreadSummary; comments: PublicComment[] };
