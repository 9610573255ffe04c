// Request schemas for site registration and the embed widget's API (STYLE.md §5).
import { z } from "zod";
import { MAX_ALLOWED_ORIGINS, parseOrigin } from "../domain/origins.ts";

const origin = z
  .string()
  .max(300)
  .transform((value, ctx) => {
    const checked = parseOrigin(value);
    if (checked.ok) return checked.origin;
    ctx.addIssue({ code: "custom", message: checked.reason });
    return z.NEVER;
  });
const origins = z
  .array(origin)
  .max(MAX_ALLOWED_ORIGINS, `At most ${MAX_ALLOWED_ORIGINS} origins.`)
  .transform((list) => [...new Set(list)]);
const siteName = z.string().trim().min(1, "Please name the site.").max(100);

export const ZCreateSite = z.object({ name: siteName, allowedOrigins: origins.default([]) });
export type TCreateSite = z.infer<typeof ZCreateSite>;

export const ZUpdateSite = z
  .object({ name: siteName.optional(), allowedOrigins: origins.optional() })
  .refine((v) => v.name !== undefined || v.allowedOrigins !== undefined, "Send a name or allowedOrigins to change.");
export type TUpdateSite = z.infer<typeof ZUpdateSite>;

/** Site ids are cuids (or "default"): nothing a host page passes can smuggle more than that. */
export const ZSiteId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Unknown site id.");
export const ZSiteParams = z.object({ siteId: ZSiteId });

/** A page id: the host's own id for the page, or its canonical URL. No control characters. */
export const ZPageKey = z
  .string()
  .trim()
  .min(1, "The page id is empty.")
  .max(500, "The page id is longer than 500 characters.")
  .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), "The page id contains control characters.");

export const ZThreadSort = z.enum(["oldest", "newest"]).default("oldest");

export const ZEmbedThreadQuery = z.object({
  site: ZSiteId,
  page: ZPageKey,
  title: z.preprocess((v) => (typeof v === "string" ? v.trim().slice(0, 200) : undefined), z.string().optional()),
  url: z.preprocess((v) => (typeof v === "string" && v.trim() ? v.trim() : undefined), z.string().max(2000).optional()),
  sort: ZThreadSort,
  limit: z.coerce.number().int().min(1).max(100).default(30),
  cursor: z.string().max(200).optional(),
});
export type TEmbedThreadQuery = z.infer<typeof ZEmbedThreadQuery>;

/** Page ids as repeated `page=` parameters (unambiguous) and/or one comma-separated `pages=`. */
const asList = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
export const ZEmbedCountsQuery = z
  .object({ site: ZSiteId, page: z.unknown().optional(), pages: z.unknown().optional() })
  .transform(({ site, page, pages }) => ({
    site,
    pages: [...asList(page), ...asList(pages).flatMap((p) => (typeof p === "string" ? p.split(",") : [p]))],
  }))
  .pipe(
    z.object({
      site: ZSiteId,
      pages: z.array(ZPageKey).min(1, "Name at least one page.").max(100, "At most 100 pages per request."),
    }),
  );
