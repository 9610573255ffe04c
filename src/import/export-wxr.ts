// Use case: a site's threads and comments as WordPress eXtended RSS 1.2, so a site can go back to
// WordPress (Tools → Import → WordPress). Each thread is an item (a hosted article as a post with its
// body, an embedded page's thread as a page at its URL); WordPress wants numeric ids, so posts and
// comments are numbered in export order, and a reply names its parent's number. Statuses map back
// (published → 1, pending/held → 0, spam → spam, rejected/deleted → trash). Streamed, one item at a time.
import { publicUrl } from "../config/config.ts";
import type { Deps } from "../deps.ts";
import { AppError } from "../domain/errors.ts";
import {
  readExportSite,
  readSiteThreads,
  readThreadComments,
  type ExportComment,
  type ExportThread,
} from "../store/exports.ts";

const APPROVED: Record<string, string> = {
  published: "1",
  pending: "0",
  held: "0",
  spam: "spam",
  rejected: "trash",
  deleted: "trash",
};

export async function* exportWxr(deps: Pick<Deps, "db" | "config">, siteId: string): AsyncGenerator<string> {
  const site = await readExportSite(deps.db, siteId);
  if (!site) throw new AppError("SITE_NOT_FOUND");
  const base = publicUrl(deps.config).replace(/\/$/, "");
  yield `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
\txmlns:content="http://purl.org/rss/1.0/modules/content/"
\txmlns:wfw="http://wellformedweb.org/CommentAPI/"
\txmlns:dc="http://purl.org/dc/elements/1.1/"
\txmlns:wp="http://wordpress.org/export/1.2/"
>
<channel>
\t<title>${text(site.name)}</title>
\t<link>${text(base)}</link>
\t<description></description>
\t<wp:wxr_version>1.2</wp:wxr_version>
\t<wp:base_site_url>${text(base)}</wp:base_site_url>
\t<wp:base_blog_url>${text(base)}</wp:base_blog_url>
\t<generator>Parley</generator>
`;
  let postId = 0;
  let commentId = 0;
  for await (const thread of readSiteThreads(deps.db, siteId)) {
    postId++;
    yield itemHead(thread, postId, base);
    const numbers = new Map<string, number>(); // this thread's comment ids → WordPress numbers
    for await (const c of readThreadComments(deps.db, thread.id)) {
      numbers.set(c.id, ++commentId);
      yield commentXml(c, commentId, c.parentId ? (numbers.get(c.parentId) ?? 0) : 0);
    }
    yield "\t</item>\n";
  }
  yield "</channel>\n</rss>\n";
}

function itemHead(t: ExportThread, id: number, base: string): string {
  const a = t.article;
  const link = t.url ? (t.url.startsWith("/") ? base + t.url : t.url) : base;
  const date = a?.publishedAt ?? t.createdAt;
  return `\t<item>
\t\t<title>${cdata(a?.title ?? t.title)}</title>
\t\t<link>${text(link)}</link>
\t\t<pubDate>${date.toUTCString()}</pubDate>
\t\t<dc:creator>${cdata(a?.authorName ?? "")}</dc:creator>
\t\t<guid isPermaLink="false">${text(link)}</guid>
\t\t<description></description>
\t\t<content:encoded>${cdata(a?.bodyHtml ?? "")}</content:encoded>
\t\t<excerpt:encoded>${cdata(a?.dek ?? "")}</excerpt:encoded>
\t\t<wp:post_id>${id}</wp:post_id>
\t\t<wp:post_date>${cdata(wpDate(date))}</wp:post_date>
\t\t<wp:post_date_gmt>${cdata(wpDate(date))}</wp:post_date_gmt>
\t\t<wp:comment_status>${cdata(t.closed ? "closed" : "open")}</wp:comment_status>
\t\t<wp:ping_status>${cdata("closed")}</wp:ping_status>
\t\t<wp:post_name>${cdata(a?.slug ?? "")}</wp:post_name>
\t\t<wp:status>${cdata("publish")}</wp:status>
\t\t<wp:post_parent>0</wp:post_parent>
\t\t<wp:menu_order>0</wp:menu_order>
\t\t<wp:post_type>${cdata(a ? "post" : "page")}</wp:post_type>
\t\t<wp:post_password>${cdata("")}</wp:post_password>
\t\t<wp:is_sticky>0</wp:is_sticky>
${a?.category ? `\t\t<category domain="category" nicename="${attr(slug(a.category))}">${cdata(a.category)}</category>\n` : ""}`;
}

function commentXml(c: ExportComment, id: number, parent: number): string {
  return `\t\t<wp:comment>
\t\t\t<wp:comment_id>${id}</wp:comment_id>
\t\t\t<wp:comment_author>${cdata(c.authorName)}</wp:comment_author>
\t\t\t<wp:comment_author_email>${cdata(c.authorEmail)}</wp:comment_author_email>
\t\t\t<wp:comment_author_url>${text(c.authorUrl ?? "")}</wp:comment_author_url>
\t\t\t<wp:comment_author_IP>${cdata("")}</wp:comment_author_IP>
\t\t\t<wp:comment_date>${cdata(wpDate(c.createdAt))}</wp:comment_date>
\t\t\t<wp:comment_date_gmt>${cdata(wpDate(c.createdAt))}</wp:comment_date_gmt>
\t\t\t<wp:comment_content>${cdata(c.bodyHtml)}</wp:comment_content>
\t\t\t<wp:comment_approved>${cdata(APPROVED[c.status] ?? "0")}</wp:comment_approved>
\t\t\t<wp:comment_type>${cdata(c.kind)}</wp:comment_type>
\t\t\t<wp:comment_parent>${parent}</wp:comment_parent>
\t\t\t<wp:comment_user_id>0</wp:comment_user_id>
\t\t</wp:comment>
`;
}

/** "2019-03-04 09:30:00" in UTC, as WordPress writes dates. */
function wpDate(d: Date): string {
  return d.toISOString().slice(0, 19).replace("T", " ");
}

function cdata(s: string): string {
  return `<![CDATA[${s.replace(/]]>/g, "]]]]><![CDATA[>")}]]>`;
}

function text(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function attr(s: string): string {
  return text(s).replace(/"/g, "&quot;");
}

function slug(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
