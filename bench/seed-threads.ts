// Fills a fresh database with the threads the benchmark reads: articles whose threads hold N published
// comments of realistic length, about a third of them replies (nested up to the depth limit).
// Writes the rows directly (deps.db, 200 per statement): a fixture for benchmarks of the database's
// reads, not app code; the comments are not posts and have no revisions or links.
import crypto from "node:crypto";
import type { Deps } from "../src/deps.ts";
import { renderCommentBody } from "../src/render/comment-markdown.ts";
import { ensureDefaultSite } from "../src/sites/ensure-default-site.ts";

const SENTENCES = [
  "I read the report twice and the timeline still does not add up for me.",
  "The *original* source is worth reading in full before drawing conclusions.",
  "Their statement says **nothing** about who had access to the logs.",
  "This matches what was published last spring, with one important difference.",
  "> the antivirus software was used as a search tool\nThat is the key claim, and it needs evidence.",
  "Has anyone compared this with the court filings? They tell a different story.",
  "Good piece. The part about the contractor's home computer is the most telling.",
];

export type SeededThread = { slug: string; threadId: string; comments: number };

export async function seedThread(deps: Deps, slug: string, comments: number, maxDepth: number): Promise<SeededThread> {
  const site = await ensureDefaultSite(deps);
  const start = new Date("2024-01-01T00:00:00Z").getTime();
  const article = await deps.db.article.create({
    data: {
      siteId: site.id,
      slug,
      title: `Benchmark thread with ${comments} comments`,
      authorName: "Bench",
      publishedAt: new Date(start),
      bodyMarkdown: "A benchmark article.",
      bodyHtml: "<p>A benchmark article.</p>",
      settings: {},
      thread: {
        create: {
          siteId: site.id,
          pageKey: slug,
          title: `Benchmark thread with ${comments} comments`,
          url: `/articles/${slug}`,
          publishedCount: comments,
        },
      },
    },
    include: { thread: true },
  });
  const threadId = article.thread!.id;
  const placed: { id: string; depth: number }[] = [];
  const rows = [];
  for (let i = 0; i < comments; i++) {
    const parent = placed.length && i % 3 === 2 ? placed[(i * 7919) % placed.length] : undefined;
    const depth = parent ? Math.min(parent.depth + 1, maxDepth) : 1;
    const id = `bench${crypto.randomBytes(10).toString("hex")}`;
    const text = [0, 1, 2].map((k) => SENTENCES[(i + k * 3) % SENTENCES.length]).join("\n\n");
    const createdAt = new Date(start + i * 60_000);
    rows.push({
      id,
      threadId,
      parentId: parent?.id ?? null,
      depth,
      authorName: `Reader ${i}`,
      authorEmail: `reader${i}@example.org`,
      authorUrl: i % 4 === 0 ? `https://reader${i}.example.org` : null,
      ipHash: "bench",
      bodySource: text,
      bodyHtml: renderCommentBody(text).html,
      status: "published" as const,
      flags: [],
      metadata: {},
      createdAt,
      publishedAt: createdAt,
    });
    placed.push({ id, depth });
  }
  // Parents are inserted before their replies (ids are random, order is by creation).
  for (let i = 0; i < rows.length; i += 200) await deps.db.comment.createMany({ data: rows.slice(i, i + 200) });
  return { slug, threadId, comments };
}
