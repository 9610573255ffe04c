// How many comments each moderation queue holds, as the console's tabs show them (store/queue-counts.ts).
import type { Deps } from "../deps.ts";
import { countQueueRows, type QueueCounts } from "../store/queue-counts.ts";

export type { QueueCounts };

export function countQueues(deps: Deps): Promise<QueueCounts> {
  return countQueueRows(deps.db);
}
