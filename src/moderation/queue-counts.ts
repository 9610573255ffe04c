// How many comments each moderation queue holds, as the console's tabs show them.
import type { Deps } from "../deps.ts";

export type QueueCounts = {
  pending: number;
  held: number;
  reported: number;
  rejected: number;
  spam: number;
  all: number;
};

export async function countQueues(deps: Deps): Promise<QueueCounts> {
  const [byStatus, reported] = await Promise.all([
    deps.db.comment.groupBy({ by: ["status"], _count: { _all: true } }),
    deps.db.comment.count({ where: { reportCount: { gt: 0 }, status: "published" } }),
  ]);
  const n = (s: string) => byStatus.find((g) => g.status === s)?._count._all ?? 0;
  const all = byStatus.reduce((sum, g) => sum + g._count._all, 0) - n("deleted");
  return { pending: n("pending"), held: n("held"), reported, rejected: n("rejected"), spam: n("spam"), all };
}
