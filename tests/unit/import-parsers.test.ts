// The export parsers on hand-written, real-world-shaped files (tests/fixtures/import/), read in small
// chunks so records and multi-byte characters straddle chunk boundaries.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseDisqus } from "../../src/import/parse-disqus.ts";
import { parseWxr } from "../../src/import/parse-wxr.ts";
import type { ImportedComment, ImportedThread, ImportProblem, ImportRecord } from "../../src/import/records.ts";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/import");
const chunks = (name: string) => fs.createReadStream(path.join(FIXTURES, name), { highWaterMark: 97 });
async function all(gen: AsyncIterable<ImportRecord>) {
  const out: ImportRecord[] = [];
  for await (const r of gen) out.push(r);
  return {
    records: out,
    threads: out.filter((r): r is ImportedThread => r.type === "thread"),
    comments: out.filter((r): r is ImportedComment => r.type === "comment"),
    problems: out.filter((r): r is ImportProblem => r.type === "problem"),
  };
}
const byId = (comments: ImportedComment[], id: string) => comments.find((c) => c.externalId === id)!;

describe("WXR 1.2", () => {
  it("yields each published post or page as a thread before its comments, and ends it", async () => {
    const { records, threads } = await all(parseWxr(chunks("wordpress-1.2.xml")));
    expect(threads.map((t) => t.externalId)).toEqual(["101", "7", "130"]);
    const post = threads[0]!;
    expect(post).toMatchObject({
      title: "Café society & the “long” lunch",
      url: "https://blog.example/2019/03/cafe-society/",
      identifier: "https://blog.example/?p=101",
      slug: "cafe-society",
      authorName: "anne",
      category: "Travel",
      closed: false,
    });
    expect(post.createdAt?.toISOString()).toBe("2019-03-04T09:30:00.000Z");
    expect(post.body).toContain("We sat for three hours.\n\nNobody minded.");
    expect(threads[1]).toMatchObject({ url: "https://blog.example/?page_id=7", closed: true, slug: "about" });
    const types = records.map((r) =>
      r.type === "thread" || r.type === "thread-end" ? `${r.type}:${r.externalId}` : r.type,
    );
    expect(types.indexOf("thread:101")).toBeLessThan(types.indexOf("comment"));
    expect(types).toContain("thread-end:101");
    expect(types.at(-1)).toBe("thread-end:130");
  });

  it("reads comments: parents, statuses, kinds, GMT dates, names decoded once, trimmed emails, websites", async () => {
    const { comments } = await all(parseWxr(chunks("wordpress-1.2.xml")));
    const jj = byId(comments, "1001");
    expect(jj).toMatchObject({
      authorName: "Jean «JJ» Dupont",
      authorEmail: "jj@example.fr",
      authorUrl: "https://jj.example.fr/",
      authorIp: "203.0.113.7",
      parentExternalId: null,
      status: "published",
      kind: "comment",
      threadExternalId: "101",
    });
    expect(jj.createdAt.toISOString()).toBe("2019-03-04T10:00:00.000Z");
    expect(jj.body).toBe(
      "First line of a long thought.\nSecond line, same paragraph.\n\n" +
        'A new paragraph with <strong>bold</strong> and <script>alert(1)</script> a <a href="https://jj.example.fr/post" target="_blank">link</a>.',
    );
    expect(byId(comments, "1002")).toMatchObject({ parentExternalId: "1001", authorUrl: null });
    const gmtOnly = byId(comments, "1003");
    expect(gmtOnly.parentExternalId).toBe("1002");
    expect(gmtOnly.createdAt.toISOString()).toBe("2019-03-04T11:30:00.000Z");
    expect(byId(comments, "1004")).toMatchObject({ status: "pending", authorUrl: null });
    expect(byId(comments, "1005").parentExternalId).toBe("1004");
    expect(byId(comments, "1006")).toMatchObject({ kind: "pingback", authorEmail: "" });
    expect(byId(comments, "1006").body).toBe("[&#8230;] a lovely piece on long lunches [&#8230;]");
    expect(byId(comments, "1007").status).toBe("spam");
    expect(byId(comments, "1008").status).toBe("deleted");
    expect(byId(comments, "1009")).toMatchObject({ parentExternalId: "999", authorIp: null });
    expect(byId(comments, "2001")).toMatchObject({
      authorName: "O’Brien",
      authorIp: "2001:db8::1",
      threadExternalId: "7",
    });
    expect(byId(comments, "2002").kind).toBe("trackback");
  });

  it("reports a comment without a date and a draft's comments, with ids and lines", async () => {
    const { comments, problems } = await all(parseWxr(chunks("wordpress-1.2.xml")));
    expect(comments.map((c) => c.externalId)).not.toContain("1010");
    expect(comments.map((c) => c.externalId)).not.toContain("3001");
    expect(problems.map((p) => [p.code, p.id])).toEqual([
      ["bad-date", "1010"],
      ["skipped-post-type", "120"],
    ]);
    expect(problems[0]!.line).toBe(186); // the <wp:comment> that opens it
  });
});

describe("WXR 1.0", () => {
  it("reads the old format: empty comment types, tab-padded emails, double-encoded names decoded once", async () => {
    const { threads, comments, problems } = await all(parseWxr(chunks("wordpress-1.0.xml")));
    expect(problems).toEqual([]);
    expect(threads).toHaveLength(1);
    expect(threads[0]).toMatchObject({
      externalId: "1",
      url: "http://old.example/?p=1",
      identifier: "http://old.example/?p=1",
      category: "Uncategorized",
    });
    expect(comments.map((c) => [c.externalId, c.parentExternalId, c.status, c.kind])).toEqual([
      ["1", null, "published", "comment"],
      ["2", "1", "published", "comment"],
      ["3", "2", "pending", "comment"],
      ["4", null, "published", "pingback"],
    ]);
    // "Zo&euml; &amp;amp; Friends" in CDATA: HTML-decoded once, so the second &amp; stays one.
    expect(byId(comments, "2")).toMatchObject({ authorName: "Zoë &amp; Friends", authorEmail: "zoe@example.com" });
    expect(byId(comments, "2").body).toBe("Line one\nline two\n\n- not a list in WordPress, just text");
    expect(byId(comments, "1").createdAt.toISOString()).toBe("2009-10-12T17:00:00.000Z");
  });
});

describe("broken and foreign files", () => {
  it("stops at broken XML with its line; what came before stays", async () => {
    const { comments, problems, records } = await all(parseWxr(chunks("broken.xml")));
    expect(comments.map((c) => c.externalId)).toEqual(["11", "21"]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: "broken-xml", line: 38 });
    expect(records.filter((r) => r.type === "thread-end").map((r) => (r as { externalId: string }).externalId)).toEqual(
      ["1"],
    );
  });

  it("refuses a file that is not the asked format, or not XML, before yielding anything", async () => {
    await expect(all(parseWxr(chunks("disqus.xml")))).rejects.toThrow(
      /not a WordPress export.*Disqus export: use --format disqus/,
    );
    await expect(all(parseDisqus(chunks("wordpress-1.0.xml")))).rejects.toThrow(
      /not a Disqus export.*use --format wordpress/,
    );
    await expect(all(parseWxr(strings(['{"type": "json"}'])))).rejects.toThrow(/not an XML export/);
    await expect(all(parseDisqus(strings(["<html><body>hi</body></html>"])))).rejects.toThrow(/root element is <html>/);
    await expect(all(parseWxr(strings([""])))).rejects.toThrow(/empty|not an XML/);
  });
});

async function* strings(parts: string[]) {
  yield* parts;
}

describe("Disqus", () => {
  it("yields live threads (by link or identifier) and reports deleted ones once", async () => {
    const { threads, problems } = await all(parseDisqus(chunks("disqus.xml")));
    expect(threads.map((t) => [t.externalId, t.url, t.identifier, t.closed])).toEqual([
      ["5001", "https://blog.example/2019/03/cafe-society/", "101 https://blog.example/?p=101", false],
      ["5002", null, "about-page", true],
      ["5004", "https://blog.example/?p=140", "https://blog.example/?p=140", false],
    ]);
    expect(threads[0]!.title).toBe("Café society & the long lunch");
    expect(problems.find((p) => p.code === "deleted-thread")).toMatchObject({
      id: "5003",
      message: expect.stringContaining("1 post"),
    });
  });

  it("reads posts: parents, deleted, spam, names decoded once, trimmed emails, both thread forms", async () => {
    const { comments } = await all(parseDisqus(chunks("disqus.xml")));
    expect(comments.map((c) => [c.externalId, c.threadExternalId, c.parentExternalId, c.status])).toEqual([
      ["9001", "5001", null, "published"],
      ["9002", "5001", "9001", "published"],
      ["9003", "5001", "9002", "published"],
      ["9004", "5001", null, "deleted"],
      ["9005", "5001", null, "spam"],
      ["id:wp-1017", "5002", null, "published"],
      ["9007", "5001", "8888", "published"],
      ["9010", "5004", null, "published"],
    ]);
    expect(byId(comments, "9001")).toMatchObject({
      authorName: "Sam «the reader»",
      authorEmail: "sam@example.com",
      authorIp: "203.0.113.9",
    });
    expect(byId(comments, "9003").body).toBe("<p>Me too,\non two lines.</p>");
    expect(byId(comments, "9010").createdAt.toISOString()).toBe("2019-05-02T10:00:00.000Z");
  });

  it("reports posts without any id, with malformed dates, and in unknown threads", async () => {
    const { problems } = await all(parseDisqus(chunks("disqus.xml")));
    expect(problems.map((p) => [p.code, p.id])).toEqual([
      ["missing-id", null],
      ["bad-date", "9006"],
      ["unknown-thread", "9009"],
      ["deleted-thread", "5003"],
    ]);
    expect(problems[0]!.line).toBeGreaterThan(100);
  });
});
