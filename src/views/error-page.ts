import { PAGE_CATALOGS, type PageCatalog } from "../client/i18n/page-catalogs.ts";
import { html } from "../render/html.ts";
import { layout } from "./layout.ts";

export function renderErrorPage(status: number, message: string, m: PageCatalog = PAGE_CATALOGS.en): string {
  const title = status === 404 ? m.pageNotFound : status >= 500 ? m.somethingWentWrong : m.thatDidNotWork;
  return layout({
    m,
    title: `${title} · Parley`,
    body: html`<section class="error-page"><h1>${title}</h1><p>${message}</p><p><a href="/">${m.backToArticles}</a></p></section>`,
  });
}
