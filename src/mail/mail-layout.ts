// The frame around every mail: the site's name, the content, and a footer with the unsubscribe links.
// HTML is built with the escape-by-default html`` tag (src/render/html.ts): user content is never raw.
// Plain text and HTML say the same; styles are inline because mail clients drop <style> and classes.
import { escapeHtml } from "../render/escape-html.ts";
import { html, raw, type SafeHtml } from "../render/html.ts";
import { mailMessages, type MailMessages } from "./messages.ts";

export type MailFrame = {
  siteName: string;
  /** What the reader must know before the body: the HTML version of `text`. */
  html: SafeHtml;
  text: string;
  /** Links in the footer (and the List-Unsubscribe header: `stopThis`, else `stopAll`). */
  stopThisUrl?: string;
  stopAllUrl?: string;
  footerNote?: string;
  /** The mail's language and its words (English when not given). */
  lang?: string;
  m?: MailMessages;
};

export function frameMail(f: MailFrame): { html: string; text: string } {
  const m = f.m ?? mailMessages;
  const stopLinks: string[] = [];
  if (f.stopThisUrl) stopLinks.push(`${m.footerStopThis}: ${f.stopThisUrl}`);
  if (f.stopAllUrl) stopLinks.push(`${m.footerStopAll(f.siteName)}: ${f.stopAllUrl}`);
  const text = [
    f.siteName,
    "",
    f.text.trim(),
    "",
    "-- ",
    f.footerNote ?? m.footerWhy(f.siteName),
    ...stopLinks,
    "",
  ].join("\n");
  const link = (url: string, label: string) => html`<a href="${url}" style="color:#5b6472">${label}</a>`;
  const body = html`<!doctype html>
    <html lang="${f.lang ?? "en"}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width" />
        <meta name="color-scheme" content="light dark" />
      </head>
      <body
        style="margin:0;padding:24px 12px;background:#f4f4f5;font:16px/1.5 -apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#1f2328"
      >
        <div
          style="max-width:560px;margin:0 auto;background:#ffffff;border:1px solid #d8dadd;border-radius:8px;padding:24px"
        >
          <p style="margin:0 0 16px;font-weight:600;color:#5b6472">${f.siteName}</p>
          ${f.html}
        </div>
        <p style="max-width:560px;margin:16px auto 0;font-size:13px;color:#5b6472">
          ${f.footerNote ?? m.footerWhy(f.siteName)}
          ${f.stopThisUrl ? html`<br />${link(f.stopThisUrl, m.footerStopThis)}` : ""}
          ${f.stopAllUrl ? html`<br />${link(f.stopAllUrl, m.footerStopAll(f.siteName))}` : ""}
        </p>
      </body>
    </html>`;
  return { html: body.value, text };
}

/** A quoted comment: plain text as typed, escaped, line breaks kept. */
export function quoteHtml(text: string): SafeHtml {
  // Built as one string (not a multi-line template: the formatter would put line breaks inside, which
  // pre-wrap shows); the text itself is escaped.
  const style = "margin:8px 0 16px;padding:8px 12px;border-left:3px solid #d8dadd;white-space:pre-wrap;color:#1f2328";
  return raw(`<blockquote style="${style}">${escapeHtml(text.trim())}</blockquote>`);
}

export function quoteText(text: string): string {
  return text
    .trim()
    .split("\n")
    .map((l) => `> ${l}`)
    .join("\n");
}

export function buttonHtml(url: string, label: string): SafeHtml {
  return html`<p style="margin:16px 0">
    <a
      href="${url}"
      style="display:inline-block;padding:10px 16px;background:#1f5fbf;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:600"
      >${label}</a
    >
  </p>`;
}
