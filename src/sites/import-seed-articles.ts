// Imports the demo articles (prisma/seed/*.json) on start. Idempotent: an article that exists is left
// alone, so edits and new comments survive restarts; its seed comments are only added with it.
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { Deps } from "../deps.ts";
import { renderCommentText } from "../comments/render-comment-text.ts";
import { RENDER_VERSION, renderArticleBody } from "../render/comment-markdown.ts";
import { ensureDefaultSite } from "./ensure-default-site.ts";
import { analyzeCitations } from "../citations/analyze-citations.ts";
import { DEFAULT_SITE_SETTINGS } from "../config/site-settings.ts";
import { commentLinkRows } from "../citations/describe-sources.ts";
import { bodyHashOf } from "../domain/body-hash.ts";
import { hashToken } from "../domain/tokens.ts";
import { articleExists, insertArticleWithThread } from "../store/articles.ts";
import { inTransaction, isUniqueViolation } from "../store/client.ts";
import { insertComment } from "../store/comments.ts";
import { addPublishedCount } from "../store/threads.ts";
import { PROJECT_ROOT } from "../config/project-root.ts";

export const SEED_DIR = path.join(PROJECT_ROOT, "prisma/seed");

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
    if (await articleExists(deps.db, seed.slug)) continue;
    const publishedAt = seed.publishedAt ? new Date(`${seed.publishedAt}T09:00:00Z`) : null;
    await inTransaction(deps.db, async (tx) => {
      const { threadId } = await insertArticleWithThread(tx, {
        siteId: site.id,
        slug: seed.slug,
        title: seed.title,
        category: seed.category ?? null,
        dek: seed.dek ?? null,
        authorName: seed.author.name,
        authorBio: seed.author.bio ?? null,
        publishedAt,
        bodyMarkdown: seed.bodyMarkdown,
        bodyHtml: renderArticleBody(seed.bodyMarkdown),
        closingLine: seed.closingLine ?? null,
      });
      let at = publishedAt ?? deps.clock.now();
      for (const c of seed.comments) {
        at = new Date(at.getTime() + 6 * 3600_000); // seed comments arrive a few hours apart
        const { html, links } = renderCommentText(c.bodyText);
        // What the pipeline's citation phase records, so seeded comments list their sources like any other.
        const { citations } = seedCitations(c.bodyText);
        const published = c.status === "approved" || c.status === "published";
        await insertComment(tx, {
          threadId,
          parentId: null,
          depth: 1,
          authorName: c.authorName,
          authorEmail: c.authorEmail ?? `${c.authorName.toLowerCase().replace(/\W+/g, "-")}@seed.invalid`,
          authorUrl: c.authorUrl ?? null,
          moderatorId: null,
          readerAccountId: null,
          ipHash: hashToken("seed"),
          bodySource: c.bodyText,
          bodyHash: bodyHashOf(c.bodyText),
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
          editTokenHash: null,
          createdAt: at,
          publishedAt: published ? at : null,
          links: commentLinkRows(citations.sources),
        });
        if (published) await addPublishedCount(tx, threadId, 1, at);
      }
    }).catch((err: unknown) => {
      // Another instance starting at the same moment imported it first: that is fine.
      if (!isUniqueViolation(err)) throw err;
    });
    imported.push(seed.slug);
  }
  return imported;
}

function seedCitations(source: string) {
  const { summary } = analyzeCitations({ source, settings: DEFAULT_SITE_SETTINGS, checks: new Map() });
  return { citations: summary };
}
