import type { getArticle } from "../sites/get-article.ts";
import type { PublicComment } from "../domain/public-comment.ts";
import { renderCommentSection, type CommentPages, type FormState } from "./comment-thread.ts";
import { articlePath } from "../domain/article-urls.ts";
import type { SignInView } from "./sign-in-box.ts";
import type { PageCatalog } from "../client/i18n/page-catalogs.ts";
import { formatDate } from "../client/views/format.ts";
import { fill } from "../client/i18n/messages.ts";
import { fillHtml, html, raw } from "../render/html.ts";
import { layout } from "./layout.ts";

type Article = Awaited<ReturnType<typeof getArticle>>;

export function renderArticlePage(
  article: Article,
  comments: PublicComment[],
  opts: {
    /** The page's language. */
    m: PageCatalog;
    maxDepth: number;
    form: FormState;
    seq?: number;
    signIn?: SignInView;
    /** Which comment page this is (absent: one page holds them all). */
    pages?: CommentPages;
    canonical?: string;
    /** The site asks for proof of work: the form gets the no-JS check's slot (see FORM_CHECK_SLOT). */
    formCheck?: boolean;
  },
): string {
  const { m } = opts;
  const articleUrl = articlePath(article.slug);
  const pages = opts.pages ?? { page: 1, pageCount: 1, url: () => articleUrl };
  const published = article.publishedAt
    ? html` · <time datetime="${article.publishedAt.toISOString()}">${formatDate(m, article.publishedAt)}</time>`
    : "";
  const bio = html`<p><strong>${article.authorName}</strong></p><p>${article.authorBio}</p>`;
  const authorBox = article.authorBio
    ? html`<aside class="author-box" aria-labelledby="about-author"><h2 id="about-author">${m.aboutAuthor}</h2>${bio}</aside>`
    : "";
  const body = html`<article class="post">
  <header class="post-header">
    ${article.category ? html`<p class="post-category">${article.category}</p>` : ""}
    <h1 class="post-title">${article.title}</h1>
    ${article.dek ? html`<p class="post-dek">${article.dek}</p>` : ""}
    <p class="post-meta">${fillHtml(m.byAuthor, { author: html`<span class="post-author">${article.authorName}</span>` })}${published}</p>
  </header>
  <div class="post-body">${raw(article.bodyHtml)}</div>
  ${article.closingLine ? html`<p class="post-closing">${article.closingLine}</p>` : ""}
  ${authorBox}
</article>
${renderCommentSection({
  m,
  threadId: article.thread.id,
  title: article.title,
  formAction: `${articleUrl}/comments`,
  pageUrl: pages.url(pages.page),
  pages,
  permalinkBase: `${articleUrl}/comments/`,
  maxDepth: opts.maxDepth,
  closed: article.thread.closed,
  count: article.thread.publishedCount,
  comments,
  form: opts.form,
  seq: opts.seq,
  signIn: opts.signIn,
  formCheck: opts.formCheck,
})}`;
  return layout({
    title:
      pages.page < pages.pageCount
        ? `${fill(m.commentsPageTitle, { title: article.title, page: pages.page })} · Parley`
        : `${article.title} · Parley`,
    canonical: opts.canonical,
    description: article.dek ?? undefined,
    body,
    // The page's words beside its script when not English (i18n/load-catalog.ts): fetched in parallel.
    scripts: m.lang === "en" ? ["/static/js/article.js"] : ["/static/js/article.js", `/static/js/article-${m.lang}.js`],
    bodyClass: "single",
    m,
  });
}
