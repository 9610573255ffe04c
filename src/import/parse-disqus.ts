// Disqus export (the XML Disqus mails a site owner) → import records. The file lists categories, then
// every <thread>, then every <post>; a post names its thread by dsq:id (or, in older files, by the
// thread's <id> identifier or <link>), its parent by dsq:id. Threads are few and kept in a map to
// resolve posts; posts stream. Deleted threads are reported once and their posts skipped.
import {
  NotThisFormatError,
  notXml,
  UnreadableExportError,
  type ImportedComment,
  type ImportedThread,
  type ImportProblem,
  type ImportRecord,
  type Chunks,
} from "./records.ts";
import { cleanEmail, cleanWebsite, decodeOnce, parseIsoDate } from "./source-text.ts";
import { child, childText, readXmlRecords, type XmlNode } from "./xml-records.ts";

const THREAD = "disqus/thread";
const POST = "disqus/post";
const RECORDS = new Set([THREAD, POST]);
const DSQ_ID = "dsq:id";

type KnownThread = { externalId: string; deleted: boolean; skippedPosts: number };

export async function* parseDisqus(chunks: Chunks): AsyncGenerator<ImportRecord> {
  const threads = new Map<string, KnownThread>(); // by dsq:id
  const byName = new Map<string, KnownThread>(); // by <id> identifier and by <link>
  let rooted = false;
  for await (const ev of readXmlRecords(chunks, RECORDS)) {
    if (ev.type === "error" && !rooted) throw notXml(ev);
    if (ev.type === "error") {
      yield problem(
        "broken-xml",
        null,
        ev.line,
        `Broken XML at line ${ev.line}: ${ev.message}; the rest of the file was not read.`,
      );
      break;
    }
    if (ev.type === "root") {
      if (ev.node.name !== "disqus") throw new NotThisFormatError("disqus", ev.node);
      rooted = true;
      continue;
    }
    if (ev.type !== "record") continue;
    if (ev.path === THREAD) {
      const rec = threadOf(ev.node);
      if (rec.type === "problem") {
        yield rec;
        continue;
      }
      const known: KnownThread = {
        externalId: rec.externalId,
        deleted: isTrue(childText(ev.node, "isDeleted")),
        skippedPosts: 0,
      };
      threads.set(rec.externalId, known);
      if (rec.identifier) byName.set(rec.identifier, known);
      if (rec.url) byName.set(rec.url, known);
      if (!known.deleted) yield rec;
    } else if (ev.path === POST) {
      const thread = threadOfPost(ev.node, threads, byName);
      const id = ev.node.attrs[DSQ_ID] ?? "";
      if (!thread) {
        yield problem(
          "unknown-thread",
          id || null,
          ev.node.line,
          `Post ${id || `at line ${ev.node.line}`} names a thread that is not in the file; skipped.`,
        );
      } else if (thread.deleted) {
        thread.skippedPosts++;
      } else {
        yield postOf(ev.node, thread.externalId);
      }
    }
  }
  if (!rooted) throw new UnreadableExportError("This file is empty: it is not a Disqus export.");
  for (const t of threads.values()) {
    if (t.deleted)
      yield problem(
        "deleted-thread",
        t.externalId,
        null,
        `Thread ${t.externalId} was deleted on Disqus; it and its ${t.skippedPosts} post(s) were skipped.`,
      );
  }
}

function threadOf(node: XmlNode): ImportedThread | ImportProblem {
  const id = node.attrs[DSQ_ID] ?? "";
  if (!id) return problem("missing-id", null, node.line, `Thread at line ${node.line} has no dsq:id; skipped.`);
  const link = childText(node, "link");
  const identifier = childText(node, "id");
  const title = decodeOnce(childText(node, "title"));
  const author = child(node, "author");
  return {
    type: "thread",
    externalId: id,
    title: title || link || identifier || `Thread ${id}`,
    url: link || null,
    identifier: identifier || null,
    slug: null,
    createdAt: parseIsoDate(childText(node, "createdAt")),
    authorName: author ? decodeOnce(childText(author, "name")) || null : null,
    category: null,
    body: childText(node, "message", false) || null,
    closed: isTrue(childText(node, "isClosed")),
    line: node.line,
  };
}

/** `<thread dsq:id="…"/>`, or a thread written out with its `<id>` or `<link>` (older exports). */
function threadOfPost(
  node: XmlNode,
  threads: Map<string, KnownThread>,
  byName: Map<string, KnownThread>,
): KnownThread | null {
  const ref = child(node, "thread");
  if (!ref) return null;
  const id = ref.attrs[DSQ_ID];
  if (id) return threads.get(id) ?? null;
  const identifier = childText(ref, "id");
  const link = childText(ref, "link");
  return (identifier && byName.get(identifier)) || (link && byName.get(link)) || null;
}

function postOf(node: XmlNode, threadExternalId: string): ImportedComment | ImportProblem {
  // Posts without a dsq:id keep the id the site gave them (<id>, e.g. WordPress's comment id), if any.
  const fallback = childText(node, "id");
  const id = node.attrs[DSQ_ID] || (fallback ? `id:${fallback}` : "");
  if (!id) return problem("missing-id", null, node.line, `Post at line ${node.line} has no dsq:id; skipped.`);
  const rawDate = childText(node, "createdAt");
  const createdAt = parseIsoDate(rawDate);
  if (!createdAt)
    return problem("bad-date", id, node.line, `Post ${id} has a malformed date (${rawDate || "none"}); skipped.`);
  const author = child(node, "author");
  const parent = child(node, "parent");
  const status = isTrue(childText(node, "isDeleted"))
    ? "deleted"
    : isTrue(childText(node, "isSpam"))
      ? "spam"
      : childText(node, "isApproved") === "false"
        ? "pending"
        : "published";
  return {
    type: "comment",
    externalId: id,
    threadExternalId,
    parentExternalId: parent?.attrs[DSQ_ID] || null,
    authorName: (author && (decodeOnce(childText(author, "name")) || childText(author, "username"))) || "Anonymous",
    authorEmail: cleanEmail(author ? childText(author, "email") : ""),
    authorUrl: author ? cleanWebsite(childText(author, "link")) : null,
    authorIp: childText(node, "ipAddress") || null,
    createdAt,
    body: childText(node, "message", false).replace(/\r\n?/g, "\n"),
    status,
    kind: "comment",
    line: node.line,
  };
}

function isTrue(text: string): boolean {
  return text === "true" || text === "1";
}

function problem(code: ImportProblem["code"], id: string | null, line: number | null, message: string): ImportProblem {
  return { type: "problem", code, id, line, message };
}
