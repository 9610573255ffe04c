// Imports the demo articles (prisma/seed/*.json) on start. Idempotent: an article that exists is left
// alone, so edits and new comments survive restarts; its seed comments are only added with it.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import type { Deps } from "../deps.ts";
import { RENDER_VERSION, renderArticleBody, renderCommentBody } from "../render/comment-markdown.ts";
import { ensureDefaultSite } from "./ensure-default-site.ts";
import { analyzeCitations } from "../citations/analyze-citations.ts";
import { DEFAULT_SITE_SETTINGS } from "../config/site-settings.ts";
import { commentLinkRows } from "../citations/describe-sources.ts";
import { hashToken } from "../domain/tokens.ts";

export const SEED_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../prisma/seed");

const ZSeedArticle = z.object({
  slug: z.string(),
  category: z.string().nullable(),
  title: z.string(),
  dek: z.string().nullable(),
  author: z.object({ name: z.string(), bio: z.string().nullable() }),
  publishedAt: z.string().nullable(),
  bodyMarkdown: z.string(),
  closingLine: z.string().nullable().optional(),
  comments: z.array(
    z.object({
      authorName: z.string(),
      authorEmail: z.string().optional(),
      authorUrl: z.string().optional(),
      bodyText: z.string(),
      status: z.string(),
    }),
  ),
});

export async function importSeedArticles(deps: Deps, dir = SEED_DIR): Promise<string[]> {
  const site = await ensureDefaultSite(deps);
  const imported: string[] = [];
  for (const file of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    const seed = ZSeedArticle.parse(JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")));
    if (await deps.db.article.findUnique({ where: { slug: seed.slug }, select: { id: true } })) continue;
    const publishedAt = seed.publishedAt ? new Date(`${seed.publishedAt}T09:00:00Z`) : null;
    await deps.db
      .$transaction(async (tx) => {
        const article = await tx.article.create({
          data: {
            siteId: site.id,
            slug: seed.slug,
            title: seed.title,
            category: seed.category,
            dek: seed.dek,
            authorName: seed.author.name,
            authorBio: seed.author.bio,
            publishedAt,
            bodyMarkdown: seed.bodyMarkdown,
            bodyHtml: renderArticleBody(seed.bodyMarkdown),
            closingLine: seed.closingLine ?? null,
            settings: {},
            thread: {
              create: { siteId: site.id, pageKey: seed.slug, title: seed.title, url: `/articles/${seed.slug}` },
            },
          },
          include: { thread: true },
        });
        const thread = article.thread!;
        let at = publishedAt ?? deps.clock.now();
        for (const c of seed.comments) {
          at = new Date(at.getTime() + 6 * 3600_000); // seed comments arrive a few hours apart
          const { html, links } = renderCommentBody(c.bodyText);
          // What the pipeline's citation phase records, so seeded comments list their sources like any other.
          const { citations } = seedCitations(
            c.bodyText,
            links.map((l) => l.href),
          );
          const published = c.status === "approved" || c.status === "published";
          await tx.comment.create({
            data: {
              threadId: thread.id,
              depth: 1,
              authorName: c.authorName,
              authorEmail: c.authorEmail ?? `${c.authorName.toLowerCase().replace(/\W+/g, "-")}@seed.invalid`,
              authorUrl: c.authorUrl ?? null,
              ipHash: hashToken("seed"),
              bodySource: c.bodyText,
              bodyHtml: html,
              status: published ? "published" : "pending",
              flags: [],
              metadata: {
                links: links.map((l) => l.href),
                linkCount: links.length,
                citations,
                seeded: true,
                renderVersion: RENDER_VERSION,
              },
              createdAt: at,
              publishedAt: published ? at : null,
              revisions: { create: { revision: 1, bodySource: c.bodyText, bodyHtml: html, createdAt: at } },
              links: { create: commentLinkRows(citations.sources) },
            },
          });
          if (published)
            await tx.thread.update({
              where: { id: thread.id },
              data: { publishedCount: { increment: 1 }, lastCommentAt: at },
            });
        }
      })
      .catch((err: { code?: string }) => {
        // Another instance starting at the same moment imported it first: that is fine.
        if (err.code !== "P2002") throw err;
      });
    imported.push(seed.slug);
  }
  return imported;
}

function seedCitations(source: string, renderedHrefs: string[]) {
  const { summary } = analyzeCitations({ source, settings: DEFAULT_SITE_SETTINGS, checks: new Map(), renderedHrefs });
  return { citations: summary };
}
