// The API payloads as the widget reads them (types only: nothing here is bundled). Optional fields
// may be missing from older servers or payloads; the widget renders what is there.
import type { PublicComment } from "../domain/public-comment.ts";
import type { PublicReference } from "../domain/public-comment.ts";

export type WReference = PublicReference;

export type WComment = Omit<PublicComment, "references"> & {
  references?: WReference[];
  /** The reader's own comment (their edit token was sent), with its real status. */
  own?: boolean;
  bodySource?: string;
  /** Until when the author may edit or delete it (null: no longer, e.g. someone replied). */
  editableUntil?: string | null;
};

export type ThreadPayload = {
  thread: { id: string; title: string; url: string | null; closed: boolean; commentCount: number };
  comments: WComment[];
  nextCursor: string | null;
  remainingTopLevel: number;
  limits: { maxDepth: number; maxLength: number; editWindowMinutes?: number; proofOfWork?: boolean };
  /** The thread's live-update sequence when the page was read: live updates continue from it. */
  seq?: number;
};

export type PostResult = {
  comment: WComment;
  editToken?: string;
  /** The notify boxes: `confirmationSent` means a link was mailed that the reader must follow first. */
  notify?: { confirmed: boolean; confirmationSent: boolean };
};
