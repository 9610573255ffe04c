import type { ArticleListItem } from "../sites/list-articles.ts";
import type { PageCatalog } from "../client/i18n/page-catalogs.ts";
import { formatDate } from "../client/views/format.ts";
import { responsesLabel } from "../client/views/thread-heading.ts";
import { fill } from "../client/i18n/messages.ts";
import { html } from "../render/html.ts";
import { layout } from "./layout.ts";

export function renderIndexPage(m: PageCatalog, articles: ArticleListItem[]): string {
  return layout({
    m,
    title: `Parley · ${m.articlesTitle}`,
    description: m.articlesDescription,
    body: html`<h1 class="page-title">${m.latestArticles}</h1>
<ul class="article-list">
${articles.map(
  (a) => html`<li class="article-card">
  ${a.category ? html`<p class="post-category">${a.category}</p>` : ""}
  <h2><a href="/articles/${encodeURIComponent(a.slug)}">${a.title}</a></h2>
  ${a.dek ? html`<p class="post-dek">${a.dek}</p>` : ""}
  <p class="post-meta">${fill(m.byAuthor, { author: a.authorName })}${a.publishedAt ? html` · <time datetime="${a.publishedAt}">${formatDate(m, new Date(a.publishedAt))}</time>` : ""}
   · <a href="/articles/${encodeURIComponent(a.slug)}#comments">${responsesLabel(m, a.commentCount)}</a></p>
</li>`,
)}
</ul>`,
  });
}
