import type { ArticleListItem } from "../sites/list-articles.ts";
import { html } from "../render/html.ts";
import { formatDate, layout } from "./layout.ts";
import { en } from "../client/i18n/en.ts";
import { responsesLabel } from "../client/views/thread-heading.ts";

export function renderIndexPage(articles: ArticleListItem[]): string {
  return layout({
    title: "Parley · Articles",
    description: "Articles and their discussions",
    body: html`<h1 class="page-title">Latest articles</h1>
<ul class="article-list">
${articles.map(
  (a) => html`<li class="article-card">
  ${a.category ? html`<p class="post-category">${a.category}</p>` : ""}
  <h2><a href="/articles/${encodeURIComponent(a.slug)}">${a.title}</a></h2>
  ${a.dek ? html`<p class="post-dek">${a.dek}</p>` : ""}
  <p class="post-meta">By ${a.authorName}${a.publishedAt ? html` · <time datetime="${a.publishedAt}">${formatDate(new Date(a.publishedAt))}</time>` : ""}
   · <a href="/articles/${encodeURIComponent(a.slug)}#comments">${responsesLabel(en, a.commentCount)}</a></p>
</li>`,
)}
</ul>`,
  });
}
