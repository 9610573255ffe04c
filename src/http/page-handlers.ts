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
import { FORM_STAMP_FIELD, HONEYPOT_FIELD, signFormStamp } from "../comments/proof-of-work.ts";
import { renderIndexPage } from "../views/index-page.ts";
import { renderModeratePage } from "../views/moderate-page.ts";
import { forgetCommenter, readCommenter, saveCommenter } from "./commenter-cookie.ts";
import { findOwnComments } from "../comments/own-comments.ts";
import { answeredNotModified, weakEtag } from "./conditional.ts";
import { etagOf, sendShared, sharedBody, type SharedBody } from "./shared-body.ts";
import type { ReadyResponses } from "./ready-responses.ts";
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
import type { NumberedPage } from "../comments/thread-pages.ts";
import { commentPageOf, findPublished, numberedCommentPage } from "../comments/reader-pages.ts";
import { pageTag } from "../comments/list-thread-page.ts";
import type { ThreadSummary } from "../domain/public-comment.ts";
import { publicUrl } from "../config/config.ts";
import type { CachedThread } from "../deps.ts";
import { commentingReader } from "./reader-auth.ts";
import { signInView } from "./sign-in-view.ts";
import type { SignInView } from "../views/sign-in-box.ts";
import { validate } from "./validate.ts";
import { closedNow } from "../domain/thread.ts";
import { provenAddresses } from "./email-proof-cookie.ts";
import type { Quota } from "./rate-limit.ts";
import { consoleLanguage, pageCatalog, readerLanguage } from "./page-language.ts";
import type { PageCatalog } from "../client/i18n/page-catalogs.ts";
import { readerFieldErrors } from "./reader-messages.ts";
import { readSiteLanguage } from "../sites/site-language.ts";

type Article = Awaited<ReturnType<typeof getArticle>>;
/** The shared rendering of one comment page, with what it was made from besides the cached listing. */
type SharedPage = { article: Article; closed: boolean; providers: string; formCheck: boolean; body: SharedBody | null };
/** Slugs whose thread id is remembered; past this the memory starts again (a crawl of every article). */
const MAX_KNOWN_SLUGS = 10_000;

/** Which comment page to show: a number (1 = oldest), or the newest. */
type PageWanted = number | "newest";

export function pageHandlers(deps: Deps, parts: { confirmations: (req: Request) => Quota; ready: ReadyResponses }) {
  // Each article's thread id by slug (an article keeps its thread for good), so a page is found without
  // reading the article: the article row is kept with its thread's cached listing, and read again
  // whenever that listing is (an event for the thread, a settings change, THREAD_CACHE_TTL_MS).
  const threadIds = new Map<string, string>();

  async function articleWithThread(slug: string): Promise<{ found: Article; cached: CachedThread }> {
    const known = threadIds.get(slug);
    const key = `article:${slug}`;
    if (known) {
      const cached = await deps.threadCache.get(known);
      const kept = cached.derived.get(key) as Article | undefined;
      if (kept) return { found: kept, cached };
      const found = await getArticle(deps, slug);
      if (found.thread.id === known) {
        cached.derived.set(key, found);
        return { found, cached };
      }
    }
    const found = await getArticle(deps, slug);
    if (threadIds.size >= MAX_KNOWN_SLUGS) threadIds.clear();
    threadIds.set(slug, found.thread.id);
    const cached = await deps.threadCache.get(found.thread.id);
    cached.derived.set(key, found);
    return { found, cached };
  }

  async function articlePage(req: Request, res: Response, form: FormState, wanted: PageWanted, status = 200) {
    const { slug } = validate(ZSlugParams, req.params);
    const { found, cached } = await articleWithThread(slug);
    const tokens = editTokensFromCookie(req);
    const signedIn = !!req.reader && req.readerVia === "cookie";
    // Most readers bring nothing of their own (no saved details, own comments, notice, sign-in or reply
    // target): they share one page per version of the thread, as WordPress page caches serve everyone
    // but commenters and signed-in users. Whoever brings something gets their own render below.
    if (status === 200 && !tokens.length && !signedIn && blankForm(form))
      if (req.query.replytocom === undefined) return sharedArticlePage(req, res, slug, found, cached, wanted);

    const { seq, governed } = cached;
    // The reader's own comments (edit tokens in their cookie) show with their real status.
    const own = await findOwnComments(deps, found.thread.id, tokens);
    const { read, shown } = await numberedCommentPage(deps, found.thread.id, cached, wanted, own);
    const { thread } = read;
    if (shown.page > shown.pageCount) {
      // The thread has fewer pages now (comments removed): its newest page is the closest.
      return void res.redirect(302, `${articlePath(slug)}#comments`);
    }
    const closed = closedNow(governed, deps.clock.now());
    const m = pageCatalog(req, res, governed.settings.language);
    const replyToId = form.values.parentId || (typeof req.query.replytocom === "string" ? req.query.replytocom : "");
    const replyTo =
      shown.comments.find((c) => c.id === replyToId && c.status === "published") ??
      (await findPublished(deps, found.thread.id, cached, replyToId, own));
    if (replyTo) form.values.parentId = replyTo.id;
    const signIn = signInView(
      deps,
      req,
      governed.settings,
      `${commentPagePath(slug, shown.page, shown.pageCount)}#respond`,
    );
    // With proof of work on, each response gets its own signed render time.
    const formCheck = governed.settings.proofOfWork && !signIn.reader;
    const render = () =>
      withFormCheck(
        m,
        formCheck,
        renderPage(m, found, cached, read.thread, shown, {
          form: { ...form, replyTo },
          signIn,
          formCheck,
        }),
      );
    if (status !== 200) return void res.status(status).type("html").send(render());

    const { thread: _thread, ...articleFields } = found;
    const etag = weakEtag(
      pageTag(read),
      String(seq),
      String(closed),
      String(thread.commentCount),
      JSON.stringify(articleFields),
      JSON.stringify(form),
      JSON.stringify(own),
      replyTo?.id ?? "",
      String(deps.config.COMMENT_MAX_DEPTH),
      JSON.stringify(signIn),
      `${shown.page}/${shown.pageCount}`,
      m.lang, // also the key of the rendered page kept below: one per language
    );
    // private: the form may carry the reader's saved name and email.
    if (answeredNotModified(req, res, etag, "private, no-cache")) return;
    res.type("html").send(render());
  }

  /** The page every reader without anything of their own gets: rendered once per version, sent as bytes. */
  async function sharedArticlePage(
    req: Request,
    res: Response,
    slug: string,
    found: Article,
    cached: CachedThread,
    wanted: PageWanted,
  ) {
    const { governed } = cached;
    // One rendering per language (the site's, or the reader's Accept-Language with "auto").
    const m = pageCatalog(req, res, governed.settings.language);
    // What the page shows besides the listing and the article: whether it is closed now (threads close
    // by age), and which sign-in providers answer (their buttons' state changes once they are reached).
    const closed = closedNow(governed, deps.clock.now());
    const providers = JSON.stringify(deps.identity.list());
    const key = `page:${slug}:${wanted}:${m.lang}`;
    let kept = cached.derived.get(key) as SharedPage | undefined;
    if (!kept || kept.article !== found || kept.closed !== closed || kept.providers !== providers) {
      const { read, shown } = await numberedCommentPage(deps, found.thread.id, cached, wanted);
      const form: FormState = { values: {}, remember: false, errors: {} };
      const signIn = signInView(
        deps,
        req,
        governed.settings,
        `${commentPagePath(slug, shown.page, shown.pageCount)}#respond`,
      );
      const formCheck = governed.settings.proofOfWork;
      kept = {
        article: found,
        closed,
        providers,
        formCheck,
        // The thread has fewer pages now (comments removed): its newest page is the closest.
        body:
          shown.page > shown.pageCount
            ? null
            : sharedBody(
                renderPage(m, found, cached, read.thread, shown, { form, signIn, formCheck }),
                "text/html; charset=utf-8",
              ),
      };
      cached.derived.set(key, kept);
    }
    if (!kept.body) return void res.redirect(302, `${articlePath(slug)}#comments`);
    if (!kept.formCheck) {
      await sendShared(req, res, kept.body, "private, no-cache");
      const { closed: wasClosed, providers: shownProviders } = kept;
      const still = () =>
        closedNow(governed, deps.clock.now()) === wasClosed && JSON.stringify(deps.identity.list()) === shownProviders;
      return parts.ready.remember(req, res, kept.body, { threadId: found.thread.id, cached, still });
    }
    // Proof of work on: the no-JS form's signed render time is each response's own (compressed on the fly).
    if (answeredNotModified(req, res, `W/${etagOf(kept.body, null)}`, "private, no-cache")) return;
    res.type("html").send(withFormCheck(m, true, kept.body.identity.toString("utf8")));
  }

  function renderPage(
    m: PageCatalog,
    found: Article,
    cached: CachedThread,
    thread: ThreadSummary,
    shown: NumberedPage,
    opts: { form: FormState; signIn: SignInView; formCheck: boolean },
  ): string {
    const { slug } = found;
    const pageUrl = commentPagePath(slug, shown.page, shown.pageCount);
    // The count comes with the comments, so the page never contradicts itself; a thread also closes by age.
    const closed = closedNow(cached.governed, deps.clock.now());
    const article = {
      ...found,
      thread: { ...found.thread, publishedCount: thread.commentCount, closed },
    };
    return renderArticlePage(article, shown.comments, {
      m,
      formCheck: opts.formCheck,
      maxDepth: deps.config.COMMENT_MAX_DEPTH,
      form: opts.form,
      seq: cached.seq,
      signIn: opts.signIn,
      pages: {
        page: shown.page,
        pageCount: shown.pageCount,
        url: (n: number) => commentPagePath(slug, n, shown.pageCount),
      },
      canonical: `${publicUrl(deps.config)}${pageUrl}`,
    });
  }

  function withFormCheck(m: PageCatalog, formCheck: boolean, page: string): string {
    return formCheck
      ? page.replace(
          FORM_CHECK_SLOT,
          renderFormCheckFields(m, signFormStamp(deps), { honeypot: HONEYPOT_FIELD, stamp: FORM_STAMP_FIELD }),
        )
      : page;
  }

  /** The address of the page that shows this comment to this reader, or null when it shows nowhere. */
  async function pagePathOf(req: Request, slug: string, commentId: string): Promise<string | null> {
    const { found, cached } = await articleWithThread(slug);
    const own = await findOwnComments(deps, found.thread.id, editTokensFromCookie(req));
    const at = await commentPageOf(deps, found.thread.id, cached, commentId, own);
    return at ? commentPagePath(slug, at.page, at.pageCount) : null;
  }

  /** The form state of a plain GET: the notices of ?held / ?confirm, the reader's saved details. */
  function getForm(req: Request): FormState {
    const notices = [req.query.held ? ("held" as const) : null, req.query.confirm ? ("confirm" as const) : null].filter(
      (n) => n !== null,
    );
    const refused = readRefusedForm(req, deps.clock.now().getTime());
    if (refused) return { ...refused, notices };
    const saved = readCommenter(req);
    return { values: { ...saved }, remember: !!saved.authorName, errors: {}, notices };
  }

  return {
    /** The console shell holds no data (the API behind it checks the session), so it is public and never cached.
     * It comes in the moderator's language (Accept-Language, as their browser sets it). */
    async moderate(req: Request, res: Response) {
      const lang = consoleLanguage(req, res);
      res
        .set("Cache-Control", "no-store")
        .type("html")
        .send(renderModeratePage({ signedIn: req.moderator !== undefined, providers: deps.identity.list(), lang }));
    },

    async index(req: Request, res: Response) {
      const m = pageCatalog(req, res, await readSiteLanguage(deps));
      res.type("html").send(renderIndexPage(m, await listArticles(deps)));
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
      if (!parsed.success) throw new AppError("NOT_FOUND", { reason: "noSuchCommentPage" });
      const { page } = parsed.data;
      await articlePage(req, res, getForm(req), page);
    },

    /** A comment's permalink: its page, at its anchor. Unknown or no longer shown: the thread. */
    async commentPermalink(req: Request, res: Response) {
      const parsed = ZCommentPermalinkParams.safeParse(req.params);
      if (!parsed.success) throw new AppError("NOT_FOUND", { reason: "noSuchComment" });
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
        const anonymous = reader ? null : validate(ZCreateComment, values);
        const input = anonymous ?? validate(ZSignedInComment, values);
        const { comment, editToken, notify } = await createComment(deps, {
          ...input,
          threadId: article.thread.id,
          ipHash: ipHashOf(deps, req),
          reader,
          provenEmails: provenAddresses(req, deps.config, deps.clock.now()),
          language: readerLanguage(req, (await deps.threadCache.get(article.thread.id)).governed.settings.language),
          confirmationQuota: parts.confirmations(req),
          proof: { altcha: proof.altcha, formStamp: proof[FORM_STAMP_FIELD] ?? "", honeypot: proof[HONEYPOT_FIELD] },
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
        // Worded now, in the page's language (the kept form is shown as it is).
        const lang = readerLanguage(req, (await deps.threadCache.get(article.thread.id)).governed.settings.language);
        const errors = readerFieldErrors({ lang }, err);
        keepRefusedForm(req, res, { values, remember, errors }, deps.clock.now().getTime());
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

/** A reader's form with nothing of their own in it (no saved details, notice or refused post). */
function blankForm(form: FormState): boolean {
  return (
    !Object.values(form.values).some(Boolean) &&
    !form.notices?.length &&
    !form.remember &&
    !Object.keys(form.errors).length
  );
}
