// Server-rendered pages. The comment form posts here when JavaScript is off: success redirects to
// the new comment's anchor; a refused post redirects to the form's anchor (#respond), where the page
// shows what was typed with the messages beside the fields (refused-forms.ts: no re-post on reload).
import type { Request, Response } from "express";
import { AppError, isAppError } from "../domain/errors.ts";
import type { Deps } from "../deps.ts";
import { getArticle } from "../sites/get-article.ts";
import { listArticles } from "../sites/list-articles.ts";
import { createComment } from "../comments/create-comment.ts";
import { renderArticlePage } from "../views/article-page.ts";
import { FORM_CHECK_SLOT, renderFormCheckFields, type FormState } from "../views/comment-thread.ts";
import { postedAfterMs } from "../comments/posting-speed.ts";
import { FORM_STAMP_FIELD, HONEYPOT_FIELD, requireProofOfWork, signFormStamp } from "../comments/proof-of-work.ts";
import { renderIndexPage } from "../views/index-page.ts";
import { renderModeratePage } from "../views/moderate-page.ts";
import { forgetCommenter, readCommenter, saveCommenter } from "./commenter-cookie.ts";
import { findOwnComments, withOwnComments } from "../comments/own-comments.ts";
import { answeredNotModified, weakEtag } from "./conditional.ts";
import { editTokensFromCookie, rememberEditToken } from "./edit-tokens.ts";
import { ipHashOf } from "./middleware.ts";
import { forgetRefusedForm, keepRefusedForm, readRefusedForm } from "./refused-forms.ts";
import {
  ZCommentPageParams,
  ZCommentPageQuery,
  ZCommentPermalinkParams,
  ZCreateComment,
  ZSignedInComment,
  ZSlugParams,
} from "./schemas.ts";
import { articlePath, commentPagePath } from "../domain/article-urls.ts";
import { idsOf, numberedPage, pageOfComment } from "../comments/thread-pages.ts";
import { publicUrl } from "../config/config.ts";
import type { CachedThread } from "../deps.ts";
import { commentingReader } from "./reader-auth.ts";
import { signInView } from "./sign-in-view.ts";
import { validate } from "./validate.ts";
import { closedNow } from "../domain/thread.ts";
import { provenAddresses } from "./email-proof-cookie.ts";
import type { Quota } from "./rate-limit.ts";

const CONFIRM_NOTICE = "We sent you a mail: follow its link to confirm your address and start your notifications.";
const HELD_NOTICE = "Thank you! Your comment is awaiting moderation and will appear once a moderator approves it.";

/** Which comment page to show: a number (1 = oldest), the newest, or the one holding a comment. */
type PageWanted = number | "newest" | { of: string };

export function pageHandlers(deps: Deps, quotas: { confirmations: (req: Request) => Quota }) {
  async function articlePage(req: Request, res: Response, form: FormState, wanted: PageWanted, status = 200) {
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
    const all = withOwnComments(cached.listing.comments, own);
    const paging = { perPage: governed.settings.commentsPerPage, numbered: publicIds(cached) };
    const number = typeof wanted === "object" ? (pageOfComment(all, wanted.of, paging)?.page ?? "newest") : wanted;
    const shown = numberedPage(all, { ...paging, page: number });
    if (shown.page > shown.pageCount) {
      // The thread has fewer pages now (comments removed): its newest page is the closest.
      return void res.redirect(302, `${articlePath(slug)}#comments`);
    }
    const pageUrl = commentPagePath(slug, shown.page, shown.pageCount);
    // The count comes with the comments, so the page never contradicts itself; a thread also closes by age.
    const closed = closedNow(governed, deps.clock.now());
    const article = { ...found, thread: { ...found.thread, publishedCount: thread.commentCount, closed } };
    const replyToId = form.values.parentId || (typeof req.query.replytocom === "string" ? req.query.replytocom : "");
    const replyTo = all.find((c) => c.id === replyToId && c.status === "published");
    if (replyTo) form.values.parentId = replyTo.id;
    const signIn = signInView(deps, req, governed.settings, `${pageUrl}#respond`);
    const pages = {
      page: shown.page,
      pageCount: shown.pageCount,
      url: (n: number) => commentPagePath(slug, n, shown.pageCount),
    };
    // Each response gets its own signed render time (the page itself is shared): the spam score's posting
    // speed, and with proof of work on the no-JS check's minimum time, beside a honeypot.
    const formCheck = governed.settings.proofOfWork && !signIn.reader;
    const withFormCheck = (page: string) =>
      page.replace(
        FORM_CHECK_SLOT,
        renderFormCheckFields(signFormStamp(deps), {
          honeypot: formCheck ? HONEYPOT_FIELD : null,
          stamp: FORM_STAMP_FIELD,
        }),
      );
    const render = () =>
      renderArticlePage(article, shown.comments, {
        maxDepth: deps.config.COMMENT_MAX_DEPTH,
        form: { ...form, replyTo },
        seq,
        signIn,
        pages,
        canonical: `${publicUrl(deps.config)}${pageUrl}`,
      });
    if (status !== 200) return void res.status(status).type("html").send(withFormCheck(render()));

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
      `${shown.page}/${shown.pageCount}`,
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
    res.type("html").send(withFormCheck(page));
  }

  /** The address of the page that shows this comment to this reader, or null when it shows nowhere. */
  async function pagePathOf(req: Request, slug: string, commentId: string): Promise<string | null> {
    const found = await getArticle(deps, slug);
    const cached = await deps.threadCache.get(found.thread.id);
    const own = await findOwnComments(deps, found.thread.id, editTokensFromCookie(req));
    const at = pageOfComment(withOwnComments(cached.listing.comments, own), commentId, {
      perPage: cached.governed.settings.commentsPerPage,
      numbered: publicIds(cached),
    });
    return at ? commentPagePath(slug, at.page, at.pageCount) : null;
  }

  /** The form state of a plain GET: the notices of ?held / ?confirm, the reader's saved details. */
  function getForm(req: Request): FormState {
    const notice =
      [req.query.held ? HELD_NOTICE : "", req.query.confirm ? CONFIRM_NOTICE : ""].filter(Boolean).join(" ") ||
      undefined;
    const refused = readRefusedForm(req, deps.clock.now().getTime());
    if (refused) return { ...refused, notice };
    const saved = readCommenter(req);
    return { values: { ...saved }, remember: !!saved.authorName, errors: {}, notice };
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

    /** The article with its newest comment page (WordPress's ?cpage=N is sent to its page's address). */
    async article(req: Request, res: Response) {
      const { cpage } = validate(ZCommentPageQuery, req.query);
      if (cpage !== undefined) {
        const { slug } = validate(ZSlugParams, req.params);
        return void res.redirect(301, `${articlePath(slug)}/comment-page-${cpage}/`);
      }
      await articlePage(req, res, getForm(req), "newest");
    },

    /** /articles/:slug/comment-page-N/: an older page of comments (the newest is the article itself). */
    async commentPage(req: Request, res: Response) {
      const parsed = ZCommentPageParams.safeParse(req.params);
      if (!parsed.success) throw new AppError("NOT_FOUND", { message: "There is no such comment page." });
      const { page } = parsed.data;
      await articlePage(req, res, getForm(req), page);
    },

    /** A comment's permalink: its page, at its anchor. Unknown or no longer shown: the thread. */
    async commentPermalink(req: Request, res: Response) {
      const parsed = ZCommentPermalinkParams.safeParse(req.params);
      if (!parsed.success) throw new AppError("NOT_FOUND", { message: "There is no such comment." });
      const { slug, commentId } = parsed.data;
      const at = await pagePathOf(req, slug, commentId);
      res.redirect(302, at ? `${at}#comment-${commentId}` : `${articlePath(slug)}#comments`);
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
      const proof = pickStrings(req.body, ["altcha", FORM_STAMP_FIELD, HONEYPOT_FIELD]);
      const remember = values.remember === "1";
      try {
        const reader = commentingReader(req);
        await requireProofOfWork(deps, {
          threadId: article.thread.id,
          anonymous: !reader,
          proof: { altcha: proof.altcha, formStamp: proof[FORM_STAMP_FIELD] ?? "", honeypot: proof[HONEYPOT_FIELD] },
        });
        const anonymous = reader ? null : validate(ZCreateComment, values);
        const input = anonymous ?? validate(ZSignedInComment, values);
        const { comment, editToken, notify } = await createComment(deps, {
          ...input,
          threadId: article.thread.id,
          ipHash: ipHashOf(deps, req),
          reader,
          provenEmails: provenAddresses(req, deps.config, deps.clock.now()),
          confirmationQuota: quotas.confirmations(req),
          postedAfterMs: postedAfterMs(deps, { formStamp: proof[FORM_STAMP_FIELD] }),
        });
        rememberEditToken(req, res, editToken); // so the reloaded page shows it to its author, pending or not
        forgetRefusedForm(req, res);
        // Signed in: the saved-details cookie is left as it was.
        if (anonymous && remember)
          saveCommenter(
            res,
            { authorName: anonymous.authorName, authorEmail: anonymous.authorEmail, authorUrl: anonymous.authorUrl },
            req.secure,
          );
        else if (anonymous) forgetCommenter(res);
        // Back to the page that shows the comment (a held one: where it will show, under its parent).
        const shownAt = comment.status === "published" ? comment.id : comment.parentId;
        const base = (shownAt && (await pagePathOf(req, slug, shownAt))) || articlePath(slug);
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
        keepRefusedForm(req, res, { values, remember, errors: fields }, deps.clock.now().getTime());
        // The page the form belongs to: a reply's is the page of the comment it answers.
        const base = (values.parentId && (await pagePathOf(req, slug, values.parentId))) || articlePath(slug);
        res.redirect(303, `${base}#respond`);
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

/** The comments everyone sees: they alone decide the page numbers (a reader's own held ones do not). */
function publicIds(cached: CachedThread): ReadonlySet<string> {
  return idsOf(cached.listing.comments);
}
