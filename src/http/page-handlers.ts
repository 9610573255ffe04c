// Server-rendered pages. The comment form posts here when JavaScript is off: success redirects to
// the new comment's anchor, a validation error re-renders the page with messages beside the fields.
import type { Request, Response } from "express";
import { isAppError } from "../domain/errors.ts";
import type { Deps } from "../deps.ts";
import { getArticle } from "../sites/get-article.ts";
import { listArticles } from "../sites/list-articles.ts";
import { createComment } from "../comments/create-comment.ts";
import { renderArticlePage } from "../views/article-page.ts";
import type { FormState } from "../views/comment-thread.ts";
import { renderIndexPage } from "../views/index-page.ts";
import { renderModeratePage } from "../views/moderate-page.ts";
import { forgetCommenter, readCommenter, saveCommenter } from "./commenter-cookie.ts";
import { findOwnComments, withOwnComments } from "../comments/own-comments.ts";
import { answeredNotModified, weakEtag } from "./conditional.ts";
import { editTokensFromCookie, rememberEditToken } from "./edit-tokens.ts";
import { ipHashOf } from "./middleware.ts";
import { ZCreateComment, ZSignedInComment, ZSlugParams } from "./schemas.ts";
import { commentingReader } from "./reader-auth.ts";
import { signInView } from "./sign-in-view.ts";
import { validate } from "./validate.ts";
import { closedNow } from "../domain/thread.ts";
import { provenAddresses } from "./email-proof-cookie.ts";
import type { Quota } from "./rate-limit.ts";

const CONFIRM_NOTICE = "We sent you a mail: follow its link to confirm your address and start your notifications.";
const HELD_NOTICE = "Thank you! Your comment is awaiting moderation and will appear once a moderator approves it.";

export function pageHandlers(deps: Deps, quotas: { confirmations: (req: Request) => Quota }) {
  async function articlePage(req: Request, res: Response, form: FormState, status = 200) {
    const { slug } = validate(ZSlugParams, req.params);
    const found = await getArticle(deps, slug);
    const cached = await deps.threadCache.get(found.thread.id);
    const {
      listing: { thread },
      seq,
      governed,
    } = cached;
    // The reader's own comments (edit tokens in their cookie) show with their real status.
    const own = await findOwnComments(deps, found.thread.id, editTokensFromCookie(req));
    const comments = withOwnComments(cached.listing.comments, own);
    // The count comes with the comments, so the page never contradicts itself; a thread also closes by age.
    const closed = closedNow(governed, deps.clock.now());
    const article = { ...found, thread: { ...found.thread, publishedCount: thread.commentCount, closed } };
    const replyToId = form.values.parentId || (typeof req.query.replytocom === "string" ? req.query.replytocom : "");
    const replyTo = comments.find((c) => c.id === replyToId && c.status === "published");
    if (replyTo) form.values.parentId = replyTo.id;
    const signIn = signInView(deps, req, governed.settings, `/articles/${encodeURIComponent(slug)}#respond`);
    const render = () =>
      renderArticlePage(article, comments, {
        maxDepth: deps.config.COMMENT_MAX_DEPTH,
        form: { ...form, replyTo },
        seq,
        signIn,
      });
    if (status !== 200) return void res.status(status).type("html").send(render());

    const { thread: _thread, ...articleFields } = found;
    const etag = weakEtag(
      cached.etag,
      String(seq),
      String(closed),
      JSON.stringify(articleFields),
      JSON.stringify(form),
      JSON.stringify(own),
      replyTo?.id ?? "",
      String(deps.config.COMMENT_MAX_DEPTH),
      JSON.stringify(signIn),
    );
    // private: the form may carry the reader's saved name and email.
    if (answeredNotModified(req, res, etag, "private, no-cache")) return;
    // The page most readers get (no saved details, no notice, no reply target) is rendered once per version.
    const anonymous =
      !signIn.reader &&
      !own.length &&
      !Object.values(form.values).some(Boolean) &&
      !form.notice &&
      !replyTo &&
      !Object.keys(form.errors).length;
    let page = anonymous ? cached.derived.get(etag) : undefined;
    if (!page) {
      page = render();
      if (anonymous) cached.derived.set(etag, page);
    }
    res.type("html").send(page);
  }

  return {
    /** The console shell holds no data (the API behind it checks the session), so it is public and never cached. */
    async moderate(req: Request, res: Response) {
      res
        .set("Cache-Control", "no-store")
        .type("html")
        .send(renderModeratePage({ signedIn: req.moderator !== undefined }));
    },

    async index(_req: Request, res: Response) {
      res.type("html").send(renderIndexPage(await listArticles(deps)));
    },

    async article(req: Request, res: Response) {
      const notice =
        [req.query.held ? HELD_NOTICE : "", req.query.confirm ? CONFIRM_NOTICE : ""].filter(Boolean).join(" ") ||
        undefined;
      const saved = readCommenter(req);
      await articlePage(req, res, { values: { ...saved }, remember: !!saved.authorName, errors: {}, notice });
    },

    async postComment(req: Request, res: Response) {
      const { slug } = validate(ZSlugParams, req.params);
      const article = await getArticle(deps, slug);
      const values = pickStrings(req.body, [
        "authorName",
        "authorEmail",
        "authorUrl",
        "body",
        "parentId",
        "remember",
        "notifyReplies",
        "notifyThread",
      ]);
      const remember = values.remember === "1";
      try {
        const reader = commentingReader(req);
        const anonymous = reader ? null : validate(ZCreateComment, values);
        const input = anonymous ?? validate(ZSignedInComment, values);
        const { comment, editToken, notify } = await createComment(deps, {
          ...input,
          threadId: article.thread.id,
          ipHash: ipHashOf(deps, req),
          reader,
          provenEmails: provenAddresses(req, deps.config, deps.clock.now()),
          confirmationQuota: quotas.confirmations(req),
        });
        rememberEditToken(req, res, editToken); // so the reloaded page shows it to its author, pending or not
        // Signed in: the saved-details cookie is left as it was.
        if (anonymous && remember)
          saveCommenter(
            res,
            { authorName: anonymous.authorName, authorEmail: anonymous.authorEmail, authorUrl: anonymous.authorUrl },
            req.secure,
          );
        else if (anonymous) forgetCommenter(res);
        const base = `/articles/${encodeURIComponent(slug)}`;
        // ?confirm=1: the page says a confirmation link was mailed (the notify boxes, a new address).
        const query = [comment.status === "published" ? "" : "held=1", notify?.confirmationSent ? "confirm=1" : ""]
          .filter(Boolean)
          .join("&");
        const anchor = comment.status === "published" ? `#comment-${comment.id}` : "#comments";
        res.redirect(303, `${base}${query ? `?${query}` : ""}${anchor}`);
      } catch (err) {
        if (!isAppError(err) || err.status >= 500 || err.status === 404) throw err;
        const fields = (err.details?.fields as Record<string, string> | undefined) ?? {
          [err.field ?? "_"]: err.message,
        };
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
