// Server-rendered pages. The comment form posts here when JavaScript is off: success redirects to
// the new comment's anchor, a validation error re-renders the page with messages beside the fields.
import type { Request, Response } from "express";
import { isAppError } from "../domain/errors.ts";
import type { Deps } from "../deps.ts";
import { getArticle } from "../services/articles/get-article.ts";
import { listArticles } from "../services/articles/list-articles.ts";
import { createComment } from "../services/comments/create-comment.ts";
import { listThreadComments } from "../services/comments/list-thread-comments.ts";
import { currentThreadSeq } from "../services/realtime/list-realtime-events.ts";
import { isThreadClosed } from "../moderation/phases/thread-open.ts";
import { getThreadSettings } from "../services/settings/get-thread-settings.ts";
import { renderArticlePage } from "../views/article-page.ts";
import type { FormState } from "../views/comment-thread.ts";
import { renderIndexPage } from "../views/index-page.ts";
import { renderModeratePage } from "../views/moderate-page.ts";
import { forgetCommenter, readCommenter, saveCommenter } from "./commenter-cookie.ts";
import { ipHashOf } from "./middleware.ts";
import { ZCreateComment, ZSlugParams } from "./schemas.ts";
import { validate } from "./validate.ts";

const HELD_NOTICE = "Thank you! Your comment is awaiting moderation and will appear once a moderator approves it.";

export function pageHandlers(deps: Deps) {
  async function articlePage(req: Request, res: Response, form: FormState, status = 200) {
    const { slug } = validate(ZSlugParams, req.params);
    const article = await getArticle(deps, slug);
    const seq = await currentThreadSeq(deps, article.thread.id);
    const { comments } = await listThreadComments(deps, article.thread.id);
    const governed = await getThreadSettings(deps, article.thread.id);
    article.thread.closed = isThreadClosed(governed, governed.settings.autoCloseAfterDays, deps.clock.now());
    const replyToId = form.values.parentId || (typeof req.query.replytocom === "string" ? req.query.replytocom : "");
    const replyTo = comments.find((c) => c.id === replyToId && c.status === "published");
    if (replyTo) form.values.parentId = replyTo.id;
    res.status(status).type("html").send(renderArticlePage(article, comments, { maxDepth: deps.config.COMMENT_MAX_DEPTH, form: { ...form, replyTo }, seq }));
  }

  return {
    /** The console shell holds no data (the API behind it checks the session), so it is public and never cached. */
    async moderate(_req: Request, res: Response) {
      res.set("Cache-Control", "no-store").type("html").send(renderModeratePage());
    },

    async index(_req: Request, res: Response) {
      res.type("html").send(renderIndexPage(await listArticles(deps)));
    },

    async article(req: Request, res: Response) {
      const notice = req.query.held ? HELD_NOTICE : undefined;
      const saved = readCommenter(req);
      await articlePage(req, res, { values: { ...saved }, remember: !!saved.authorName, errors: {}, notice });
    },

    async postComment(req: Request, res: Response) {
      const { slug } = validate(ZSlugParams, req.params);
      const article = await getArticle(deps, slug);
      const values = pickStrings(req.body, ["authorName", "authorEmail", "authorUrl", "body", "parentId", "remember"]);
      const remember = values.remember === "1";
      try {
        const input = validate(ZCreateComment, values);
        const { comment } = await createComment(deps, { ...input, threadId: article.thread.id, ipHash: ipHashOf(deps, req) });
        if (remember) saveCommenter(res, { authorName: input.authorName, authorEmail: input.authorEmail, authorUrl: input.authorUrl }, req.secure);
        else forgetCommenter(res);
        const base = `/articles/${encodeURIComponent(slug)}`;
        res.redirect(303, comment.status === "published" ? `${base}#comment-${comment.id}` : `${base}?held=1#comments`);
      } catch (err) {
        if (!isAppError(err) || err.status >= 500 || err.status === 404) throw err;
        const fields = (err.details?.fields as Record<string, string> | undefined) ?? { [err.field ?? "_"]: err.message };
        await articlePage(req, res, { values, remember, errors: fields }, err.status);
      }
    },
  };
}

function pickStrings<K extends string>(body: unknown, keys: K[]): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  const src = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  for (const k of keys) if (typeof src[k] === "string") out[k] = src[k];
  return out;
}
