// The API payloads as the widget reads them. Optional fields come from other features (moderation:
// `own`, citations: `citations` / `references`) and are rendered only when present.
import type { PublicComment } from "../services/comments/public-comment.ts";

export type CitationLink = { label?: string; url: string; title?: string | null; state?: string | null; httpStatus?: number | null };

export type WComment = PublicComment & {
  own?: boolean;
  bodySource?: string;
  editableUntil?: string | null;
  citations?: CitationLink[];
  references?: CitationLink[];
};

export type ThreadPayload = {
  thread: { id: string; title: string; url: string | null; closed: boolean; commentCount: number };
  comments: WComment[];
  nextCursor: string | null;
  remainingTopLevel: number;
  limits: { maxDepth: number; maxLength: number; editWindowMinutes?: number };
  /** The thread's live-update sequence when the page was read: live updates continue from it. */
  seq?: number;
};

export type PostResult = { comment: WComment; editToken?: string };
