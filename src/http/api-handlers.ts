// Thin JSON transports: turn a request into plain parameters, call a use case, shape the answer.
import type { Request, Response } from "express";
import type { Deps } from "../deps.ts";
import { pingDatabase } from "../store/client.ts";
import { AppError } from "../domain/errors.ts";
import { listArticles } from "../sites/list-articles.ts";
import { createComment } from "../comments/create-comment.ts";
import { findOwnComments } from "../comments/own-comments.ts";
import { sharedBody, type SharedBody } from "./shared-body.ts";
import type { ReadRequest, Reply } from "./direct-read.ts";
import { cursorPage } from "../comments/reader-pages.ts";
import { editTokensFromHeader } from "./edit-tokens.ts";
import { ipHashOf } from "./middleware.ts";
import { previewCitations } from "../comments/preview-citations.ts";
import {
  ZCitationPreview,
  ZCreateComment,
  ZCreateCommentPost,
  ZPageLanguage,
  ZPostingTime,
  ZProofOfWork,
  ZSignedInComment,
  ZSignedInCommentPost,
  ZThreadPageQuery,
  ZThreadParams,
} from "./schemas.ts";
import { postedAfterMs } from "../comments/posting-speed.ts";
import { issueChallenge } from "../comments/proof-of-work.ts";
import { commentingReader } from "./reader-auth.ts";
import { validate, validOrNull } from "./validate.ts";
import { provenAddresses } from "./email-proof-cookie.ts";
import type { Quota } from "./rate-limit.ts";

export function apiHandlers(deps: Deps, parts: { confirmations: (req: Request) => Quota }) {
  return {
    async health(_req: Request, res: Response) {
      await pingDatabase(deps.db);
      res.json({ status: "ok", database: deps.dbProvider });
    },

    async listArticles(_req: Request, res: Response) {
      const articles = await listArticles(deps);
      res.json(articles.map(({ slug, title, threadId, commentCount }) => ({ slug, title, threadId, commentCount })));
    },

    /** One page of a thread's conversations, as the widget pages them: `limit` top-level comments
     * (default: the thread's commentsPerPage) with their replies, `nextCursor` for the next page.
     * Page 1's answer is `{ thread, comments }` as before, plus `nextCursor` and `remainingTopLevel`. */
    async listComments(at: ReadRequest): Promise<Reply> {
      const { threadId } = validate(ZThreadParams, at.params);
      const query = validate(ZThreadPageQuery, at.query);
      const cached = await deps.threadCache.get(threadId);
      const paging = {
        sort: query.sort,
        limit: query.limit ?? cached.governed.settings.commentsPerPage,
        cursor: query.cursor,
      };
      const tokens = editTokensFromHeader(at);
      const vary = "X-Parley-Edit-Tokens";
      if (tokens.length) {
        // The author's own unpublished comments are theirs alone: a private answer, never cached.
        const own = await findOwnComments(deps, threadId, tokens);
        return { vary, cacheControl: "private, no-store", json: await cursorPage(deps, threadId, cached, paging, own) };
      }
      // Anyone may store it, but must revalidate: the ETag makes that an empty 304 while nothing changed.
      // The first page is what most readers ask for: serialized (and compressed) once per version of the
      // thread; a later page once per page read (kept with it). The first page is also kept for the
      // answers from memory (ready-responses.ts).
      const key = `api:${paging.sort}:${paging.limit}:${paging.cursor ?? ""}`;
      let body = cached.derived.get(key) as SharedBody | undefined;
      if (!body) {
        const json = JSON.stringify(await cursorPage(deps, threadId, cached, paging));
        body = sharedBody(json, "application/json; charset=utf-8");
        cached.derived.set(key, body);
      }
      return {
        vary,
        cacheControl: "no-cache",
        shared: body,
        remember: paging.cursor ? undefined : { threadId, cached },
      };
    },

    async createComment(req: Request, res: Response) {
      const { threadId } = validate(ZThreadParams, req.params);
      const reader = commentingReader(req);
      const body: unknown = req.body ?? {};
      // One pass over a valid body; an invalid one is read part by part, which throws the part's error.
      const { altcha, formStamp, formAgeMs, lang, ...input } = validOrNull(
        reader ? ZSignedInCommentPost : ZCreateCommentPost,
        body,
      ) ?? {
        ...(reader ? validate(ZSignedInComment, body) : validate(ZCreateComment, body)),
        ...validate(ZProofOfWork, body),
        ...validate(ZPostingTime, body),
        ...validate(ZPageLanguage, body),
      };
      const { comment, editToken, notify } = await createComment(deps, {
        ...input,
        threadId,
        ipHash: ipHashOf(deps, req),
        moderatorId: req.moderator?.id ?? null,
        reader,
        provenEmails: provenAddresses(req, deps.config, deps.clock.now()),
        confirmationQuota: parts.confirmations(req),
        language: lang,
        proof: { altcha },
        postedAfterMs: postedAfterMs(deps, { formStamp, formAgeMs }),
      });
      res
        .status(comment.status === "published" ? 201 : 202)
        .json({ comment, editToken, ...(notify ? { notify } : {}) });
    },

    /** A proof-of-work challenge for the thread's site: `{ challenge }`, null when the site asks for none. */
    async challenge(req: Request, res: Response) {
      const { threadId } = validate(ZThreadParams, req.params);
      res.set("Cache-Control", "no-store").json({ challenge: await issueChallenge(deps, threadId) });
    },

    async previewCitations(req: Request, res: Response) {
      const input = validate(ZCitationPreview, req.body ?? {});
      if (input.body.length > deps.config.COMMENT_MAX_LENGTH) {
        throw new AppError("VALIDATION", {
          field: "body",
          reason: "tooLong",
          params: { n: deps.config.COMMENT_MAX_LENGTH },
        });
      }
      res.json(await previewCitations(deps, input));
    },
  };
}
