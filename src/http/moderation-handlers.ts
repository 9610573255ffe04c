// Moderator transports: the queues, decisions (one or many), a ban's preview, lifting a ban, counts and the audit log.
import type { Request, Response } from "express";
import type { Deps } from "../deps.ts";
import { countQueues } from "../moderation/queue-counts.ts";
import { decideComment } from "../moderation/decide-comment.ts";
import { decideCommentsBulk } from "../moderation/decide-comments-bulk.ts";
import { listAuditLog } from "../moderation/list-audit-log.ts";
import { listQueue } from "../moderation/list-queue.ts";
import { previewBan } from "../moderation/preview-ban.ts";
import { unbanAuthor } from "../moderation/unban-author.ts";
import {
  ZAuditQuery,
  ZBulkDecision,
  ZCommentIdParams,
  ZDashboardQuery,
  ZDecision,
  ZQueueQuery,
  ZUnban,
} from "./moderation-schemas.ts";
import { validate } from "./validate.ts";
import { loadDashboard } from "../moderation/dashboard.ts";
import { renderDashboardPage } from "../views/dashboard/dashboard-page.ts";
import { consoleLanguage } from "./page-language.ts";

export function moderationHandlers(deps: Deps) {
  const actor = (req: Request) => ({ id: req.moderator!.id, name: req.moderator!.name });
  return {
    async queue(req: Request, res: Response) {
      res.json(await listQueue(deps, validate(ZQueueQuery, req.query)));
    },

    async counts(_req: Request, res: Response) {
      res.json(await countQueues(deps));
    },

    async decide(req: Request, res: Response) {
      const { id } = validate(ZCommentIdParams, req.params);
      const input = validate(ZDecision, req.body ?? {});
      const { alsoRejected, ...comment } = await decideComment(deps, {
        ...input,
        commentId: id,
        moderator: actor(req),
      });
      res.json({ comment, ...(alsoRejected ? { alsoRejected } : {}), counts: await countQueues(deps) });
    },

    async banPreview(req: Request, res: Response) {
      const { id } = validate(ZCommentIdParams, req.params);
      res.json(await previewBan(deps, id));
    },

    async unban(req: Request, res: Response) {
      const { id } = validate(ZCommentIdParams, req.params);
      const { reason } = validate(ZUnban, req.body ?? {});
      res.json(await unbanAuthor(deps, { commentId: id, reason, moderator: actor(req) }));
    },

    async decideBulk(req: Request, res: Response) {
      const input = validate(ZBulkDecision, req.body ?? {});
      const results = await decideCommentsBulk(deps, { ...input, moderator: actor(req) });
      res.json({ results, counts: await countQueues(deps) });
    },

    /** The dashboard's figures as JSON (what the page draws). */
    async dashboard(req: Request, res: Response) {
      const { site, days } = validate(ZDashboardQuery, req.query);
      res.set("Cache-Control", "private, no-store").json(await loadDashboard(deps, { siteId: site, days }));
    },

    /** The dashboard page, server-rendered (src/views/dashboard/). */
    async dashboardPage(req: Request, res: Response) {
      const { site, days } = validate(ZDashboardQuery, req.query);
      const dashboard = await loadDashboard(deps, { siteId: site, days });
      const { name, role } = req.moderator!;
      const lang = consoleLanguage(req, res); // the console's own choice, so both speak alike
      res
        .set("Cache-Control", "private, no-store")
        .type("html")
        .send(renderDashboardPage(dashboard, { name, role }, lang));
    },

    async audit(req: Request, res: Response) {
      const { comment, cursor, limit } = validate(ZAuditQuery, req.query);
      res.json(await listAuditLog(deps, { commentId: comment, cursor, limit }));
    },
  };
}
