// Request schemas for the moderation API (lead-notes/moderation-api.md).
import { z } from "zod";
import { COMMENT_STATUSES } from "../domain/comment.ts";
import { MODERATION_ACTIONS } from "../moderation/moderation-actions.ts";
import { MODERATION_QUEUES } from "../domain/comment.ts";
import { ZId } from "./schemas.ts";
import { DASHBOARD_PERIODS, type DashboardPeriod } from "../moderation/dashboard.ts";
import { DEFAULT_SITE_ID } from "../sites/ensure-default-site.ts";

const reason = z.preprocess(
  (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
  z.string().trim().max(500).optional(),
);
const id = ZId;
const revision = z.number().int().min(1);
/** Free text in a query (a search, a slug filter); validate() refuses a NUL in any field. */
const searchText = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((v) => v || undefined);

export const ZQueueQuery = z.object({
  queue: z.enum(MODERATION_QUEUES).default("pending"),
  article: searchText,
  q: searchText,
  /** One comment's card (the link in a moderator's mail alert). */
  comment: searchText,
  sort: z.enum(["oldest", "newest"]).default("oldest"),
  cursor: z
    .string()
    .max(300)
    .optional()
    .transform((v) => v || undefined),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const ZCommentIdParams = z.object({ id });

export const ZDecision = z.object({
  action: z.enum(MODERATION_ACTIONS),
  reason,
  revision,
  /** Optional: the status the moderator saw. A different status now means someone else decided → 409. */
  status: z.enum(COMMENT_STATUSES).optional(),
  /** ban-author: also take down the author's published comments on the site. */
  rejectPublished: z.boolean().optional(),
});

export const ZBulkDecision = z.object({
  action: z.enum(MODERATION_ACTIONS),
  reason,
  rejectPublished: z.boolean().optional(),
  items: z
    .array(z.object({ id, revision, status: z.enum(COMMENT_STATUSES).optional() }))
    .min(1)
    .max(100),
});

export const ZUnban = z.object({ reason });

export const ZAuditQuery = z.object({
  comment: z.preprocess((v) => (v === "" ? undefined : v), ZId.optional()),
  cursor: z
    .string()
    .max(300)
    .optional()
    .transform((v) => v || undefined),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** The dashboard's site and period (GET /moderate/dashboard, GET /api/moderation/dashboard). */
export const ZDashboardQuery = z.object({
  site: id.default(DEFAULT_SITE_ID),
  days: z.coerce
    .number()
    .refine((v) => (DASHBOARD_PERIODS as readonly number[]).includes(v), "Choose 7, 30 or 90 days.")
    .default(30)
    .transform((v) => v as DashboardPeriod),
});
