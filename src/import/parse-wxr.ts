// WordPress eXtended RSS (WXR 1.0, 1.1, 1.2: Tools → Export) → import records. Each <item> is a post or
// a page; its <wp:comment>s follow its own fields, so the thread is yielded when its first comment
// opens (or when the item ends) and comments stream one by one: a post with 100,000 comments is never
// held in memory. Drafts, revisions, menus and attachments without comments are not threads.
import type { ImportedComment, ImportedKind, ImportedStatus, ImportedThread, ImportRecord, Chunks } from "./records.ts";
import { cleanEmail, cleanWebsite, decodeOnce, parseRssDate, parseWordPressDate } from "./source-text.ts";
import { NotThisFormatError, notXml, UnreadableExportError } from "./records.ts";
import { childText, readXmlRecords, type XmlNode } from "./xml-records.ts";

const ITEM = "rss/channel/item";
const COMMENT = "rss/channel/item/wp:comment";
const RECORDS = new Set([ITEM, COMMENT]);

/** Post types that are pages of a site; others (attachments, …) only when they carry comments. */
const THREAD_TYPES = new Set(["post", "page"]);
const NEVER_THREADS = new Set(["revision", "nav_menu_item", "wp_block", "wp_template", "wp_global_styles"]);
const PUBLIC_STATUSES = new Set(["publish", "private", "inherit", "closed", "open"]);

export function isWxrRoot(root: XmlNode): boolean {
  return (
    root.name === "rss" &&
    Object.values(root.attrs).some((v) => /^https?:\/\/wordpress\.org\/export\/1\.\d\/?$/.test(v))
  );
}

export async function* parseWxr(chunks: Chunks): AsyncGenerator<ImportRecord> {
  let item: { node: XmlNode; yielded: ImportedThread | null; skipped: boolean; comments: number } | null = null;
  let rooted = false;
  for await (const ev of readXmlRecords(chunks, RECORDS)) {
    if (ev.type === "error" && !rooted) throw notXml(ev);
    if (ev.type === "error") {
      yield {
        type: "problem",
        code: "broken-xml",
        id: null,
        line: ev.line,
        message: `Broken XML at line ${ev.line}: ${ev.message}; the rest of the file was not read.`,
      };
      return;
    }
    if (ev.type === "root") {
      if (!isWxrRoot(ev.node)) throw new NotThisFormatError("wordpress", ev.node);
      rooted = true;
      continue;
    }
    if (ev.type === "open" && ev.path === ITEM) {
      item = { node: ev.node, yielded: null, skipped: false, comments: 0 };
    } else if (ev.type === "open" && ev.path === COMMENT && item && !item.yielded && !item.skipped) {
      // The item's own fields are all read by now (WordPress writes them before its comments).
      const thread = threadOf(item.node, true);
      if ("problem" in thread) {
        item.skipped = true;
        yield thread.problem;
      } else yield (item.yielded = thread);
    } else if (ev.type === "record" && ev.path === COMMENT && item) {
      item.comments++;
      if (item.skipped || !item.yielded) continue;
      yield commentOf(ev.node, item.yielded.externalId);
    } else if (ev.type === "record" && ev.path === ITEM && item) {
      if (!item.yielded && !item.skipped) {
        const thread = threadOf(item.node, false);
        if (!("problem" in thread)) yield (item.yielded = thread);
        else if (thread.problem.code !== "skipped-post-type") yield thread.problem;
      }
      if (item.yielded) yield { type: "thread-end", externalId: item.yielded.externalId };
      item = null;
    }
  }
  if (!rooted) throw new UnreadableExportError("This file is empty: it is not a WordPress export.");
}

function threadOf(
  node: XmlNode,
  hasComments: boolean,
): ImportedThread | { problem: ImportRecord & { type: "problem" } } {
  const id = childText(node, "wp:post_id");
  const postType = childText(node, "wp:post_type") || "post";
  const status = childText(node, "wp:status") || "publish";
  if (!/^\d+$/.test(id)) {
    return {
      problem: {
        type: "problem",
        code: "missing-id",
        id: null,
        line: node.line,
        message: `Item at line ${node.line} has no wp:post_id; its comments were skipped.`,
      },
    };
  }
  if (NEVER_THREADS.has(postType) || (!THREAD_TYPES.has(postType) && !hasComments) || !PUBLIC_STATUSES.has(status)) {
    return {
      problem: {
        type: "problem",
        code: "skipped-post-type",
        id,
        line: node.line,
        message: `Post ${id} (${postType}, ${status}) is not a published page; its comments were skipped.`,
      },
    };
  }
  const guid = childText(node, "guid");
  const category = node.children.find((c) => c.name === "category" && (c.attrs.domain ?? "category") === "category");
  const link = childText(node, "link");
  return {
    type: "thread",
    externalId: id,
    title: decodeOnce(childText(node, "title")) || `Post ${id}`,
    url: link || null,
    identifier: /[?&](p|page_id)=\d+/.test(guid) ? guid : null,
    slug: childText(node, "wp:post_name") || null,
    createdAt:
      parseWordPressDate(childText(node, "wp:post_date_gmt")) ??
      parseWordPressDate(childText(node, "wp:post_date")) ??
      parseRssDate(childText(node, "pubDate")),
    authorName: decodeOnce(childText(node, "dc:creator")) || null,
    category: category ? decodeOnce(category.text) || null : null,
    body: childText(node, "content:encoded", false) || null,
    closed: childText(node, "wp:comment_status") === "closed",
    line: node.line,
  };
}

function commentOf(node: XmlNode, threadExternalId: string): ImportedComment | ImportRecord {
  const id = childText(node, "wp:comment_id");
  if (!/^\d+$/.test(id)) {
    return {
      type: "problem",
      code: "missing-id",
      id: null,
      line: node.line,
      message: `Comment at line ${node.line} has no wp:comment_id; skipped.`,
    };
  }
  // GMT when WordPress recorded it; the local time otherwise (WXR does not say the zone: read as UTC).
  const createdAt =
    parseWordPressDate(childText(node, "wp:comment_date_gmt")) ??
    parseWordPressDate(childText(node, "wp:comment_date"));
  if (!createdAt) {
    const raw = childText(node, "wp:comment_date_gmt") || childText(node, "wp:comment_date") || "(none)";
    return {
      type: "problem",
      code: "bad-date",
      id,
      line: node.line,
      message: `Comment ${id} has no valid date (${raw}); skipped.`,
    };
  }
  const parent = childText(node, "wp:comment_parent");
  return {
    type: "comment",
    externalId: id,
    threadExternalId,
    parentExternalId: parent && parent !== "0" ? parent : null,
    authorName: decodeOnce(childText(node, "wp:comment_author")) || "Anonymous",
    authorEmail: cleanEmail(childText(node, "wp:comment_author_email")),
    authorUrl: cleanWebsite(childText(node, "wp:comment_author_url")),
    authorIp: childText(node, "wp:comment_author_IP") || null,
    createdAt,
    body: childText(node, "wp:comment_content", false).replace(/\r\n?/g, "\n"),
    status: statusOf(childText(node, "wp:comment_approved")),
    kind: kindOf(childText(node, "wp:comment_type")),
    line: node.line,
  };
}

function statusOf(approved: string): ImportedStatus {
  if (approved === "1" || approved === "approve" || approved === "approved") return "published";
  if (approved === "spam") return "spam";
  if (approved === "trash" || approved === "post-trashed") return "deleted";
  return "pending"; // "0", "hold", or anything unknown waits for a moderator
}

function kindOf(type: string): ImportedKind {
  return type === "pingback" || type === "trackback" ? type : "comment";
}
