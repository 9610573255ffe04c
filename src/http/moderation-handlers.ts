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
import { ZAuditQuery, ZBulkDecision, ZCommentIdParams, ZDecision, ZQueueQuery, ZUnban } from "./moderation-schemas.ts";
import { validate } from "./validate.ts";

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

    async audit(req: Request, res: Response) {
      const { comment, cursor, limit } = validate(ZAuditQuery, req.query);
      res.json(await listAuditLog(deps, { commentId: comment, cursor, limit }));
    },
  };
}
