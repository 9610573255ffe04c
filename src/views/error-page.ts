import { html } from "../render/html.ts";
import { layout } from "./layout.ts";

export function renderErrorPage(status: number, message: string): string {
  const title = status === 404 ? "Page not found" : status >= 500 ? "Something went wrong" : "That did not work";
  return layout({
    title: `${title} · Parley`,
    body: html`<section class="error-page"><h1>${title}</h1><p>${message}</p><p><a href="/">Back to all articles</a></p></section>`,
  });
}
