// Request schemas (STYLE.md §5). Unknown fields are stripped by zod's default object parsing,
// so nothing a client invents is ever stored.
import { z } from "zod";
import { ID_PATTERN } from "../domain/ids.ts";
import { LANGS } from "../domain/languages.ts";
import { hasVisibleText, normalizeDisplayName } from "../domain/names.ts";
import { ZThreadSort } from "./embed-schemas.ts";

/** An id Parley handed out (see domain/ids.ts); anything else is refused before a query sees it. */
export const ZId = z.string().regex(ID_PATTERN, "This id is not valid.");

const trimmed = (max: number) => z.string().trim().max(max);
/** "example.org/me" is what people type in a Website box (WordPress accepts it too): read it as https://.
 * Anything with a scheme ("javascript:", "ftp:") is left as typed, and refused below. */
export function withWebScheme(v: unknown): unknown {
  if (typeof v !== "string") return v;
  const t = v.trim();
  return /^[a-z][a-z0-9+.-]*:/i.test(t) || !/^[^\s/?#@]+\.[a-z]{2,}(?:[/?#]|$)/i.test(t) ? t : `https://${t}`;
}
const httpUrl = z
  .string()
  .trim()
  .max(300)
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === "http:" || u.protocol === "https:") && !u.username && !u.password;
    } catch {
      return false;
    }
  }, "Use a web address starting with http:// or https://.");

const noNul = (s: string) => !s.includes("\u0000");
const NUL_MESSAGE = "Please remove the NUL character from this field.";

const checkbox = z.preprocess((v) => v === true || v === "1" || v === "on" || v === "true", z.boolean()).optional();

// Fields in the form's order, so the first error reported (and focused) is the first one on screen.
export const ZCreateComment = z.object({
  body: z.string().max(100_000).refine(noNul, NUL_MESSAGE).refine(hasVisibleText, "Please write a comment."),
  // Stored as normalised (domain/names.ts): no invisible or bidi characters, compatibility forms folded.
  authorName: z
    .string()
    .max(200)
    .refine(noNul, NUL_MESSAGE) // refused, not stripped: a NUL is never typed by a person
    .transform(normalizeDisplayName)
    .pipe(z.string().min(1, "Please enter your name.").max(80, "Please use at most 80 characters.")),
  authorEmail: trimmed(254)
    .min(1, "Please enter your email address.")
    .pipe(z.email("Please enter a valid email address.")),
  // An empty website box is "no website", not an invalid URL.
  authorUrl: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : withWebScheme(v)),
    httpUrl.optional(),
  ),
  parentId: z.preprocess((v) => (v === "" || v === null ? undefined : v), ZId.optional()),
  // The notify boxes: JSON true, or a ticked no-JS checkbox ("1" / "on").
  notifyReplies: checkbox,
  notifyThread: checkbox,
});
export type TCreateComment = z.infer<typeof ZCreateComment>;
/** The solved proof-of-work challenge beside a comment (base64 JSON, as ALTCHA's widget sends it). */
export const ZProofOfWork = z.object({ altcha: z.string().max(4000).optional() });
/** When the poster got the form (src/comments/posting-speed.ts): the server's signed render time from the
 *  article page's form, or the milliseconds the widget measured since it showed its form. */
export const ZPostingTime = z.object({
  formStamp: z.string().max(200).optional(),
  formAgeMs: z.number().min(0).max(1e12).optional(),
});
/** The language of the page a comment is posted from (the article page's script sends it): its mails' language. */
export const ZPageLanguage = z.object({ lang: z.enum(LANGS).optional().catch(undefined) });
/** A signed-in reader's comment: their account names them, so only the text (and what it replies to). */
export const ZSignedInComment = ZCreateComment.pick({
  body: true,
  parentId: true,
  notifyReplies: true,
  notifyThread: true,
});
/** A JSON post's whole body (the comment and what comes beside it), read in one pass when it is valid
 *  (api-handlers.ts); an invalid one is read again part by part, so its error stays the part's own. */
const POSTED_BESIDE = { ...ZProofOfWork.shape, ...ZPostingTime.shape, ...ZPageLanguage.shape };
export const ZCreateCommentPost = ZCreateComment.extend(POSTED_BESIDE);
export const ZSignedInCommentPost = ZSignedInComment.extend(POSTED_BESIDE);

export const ZThreadParams = z.object({ threadId: ZId });
/** GET /api/threads/:id/comments: one page of conversations, as the widget asks (embed-schemas.ts). */
export const ZThreadPageQuery = z.object({
  sort: ZThreadSort,
  /** Top-level comments on the page; absent: the thread's commentsPerPage setting. */
  limit: z.coerce.number().int().min(1).max(500).optional(),
  cursor: z.string().max(200).optional(),
});
export const ZSlugParams = z.object({ slug: z.string().min(1).max(200) });
/** /articles/:slug/comment-page-:page/ (1 = the oldest comments). */
export const ZCommentPageParams = ZSlugParams.extend({
  page: z
    .string()
    .regex(/^[1-9]\d{0,5}$/, "There is no such comment page.")
    .transform(Number),
});
/** WordPress's ?cpage=N, answered with a redirect to the page's address. */
export const ZCommentPageQuery = z.object({
  cpage: z
    .string()
    .regex(/^[1-9]\d{0,5}$/, "There is no such comment page.")
    .transform(Number)
    .optional(),
});
export const ZCommentPermalinkParams = ZSlugParams.extend({ commentId: ZId });

/** ?since=<seq>: the last event sequence the client applied (0 = from the start of the log). */
export const ZEventsQuery = z.object({ since: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0) });

export const ZCitationPreview = z.object({
  body: z.string().max(100_000),
  /** Optional: apply that thread's site and article settings instead of the defaults. */
  threadId: ZId.optional(),
});
export type TCitationPreview = z.infer<typeof ZCitationPreview>;
