// The queue view's state, shared by the view (queue-view.ts), deciding (queue-actions.ts) and the live
// feed (queue-live.ts), and the address that names it (#/queue/held?article=…&q=…&sort=newest).
import { MODERATION_QUEUES } from "../../domain/comment.ts";
import type { QueueCounts, QueueItem, QueueName } from "./api-types.ts";

export type QueueFilters = { queue: QueueName; article: string; q: string; comment: string; sort: "oldest" | "newest" };

export const state: QueueFilters & {
  items: Map<string, QueueItem>; // id → item, in list order
  nextCursor: string | null;
  counts: QueueCounts | null;
  currentId: string | null;
  selected: Set<string>;
  generation: number;
} = {
  queue: "pending",
  article: "",
  q: "",
  comment: "",
  sort: "oldest",
  items: new Map(),
  nextCursor: null,
  counts: null,
  currentId: null,
  selected: new Set(),
  generation: 0,
};

export const cardOf = (id: string | null | undefined): HTMLElement | null =>
  id ? document.getElementById(`card-${id}`) : null;

export function queueHash(f: Pick<QueueFilters, "queue" | "article" | "q" | "sort"> = state): string {
  const params = new URLSearchParams();
  if (f.article) params.set("article", f.article);
  if (f.q) params.set("q", f.q);
  if (f.sort === "newest") params.set("sort", "newest");
  const qs = params.toString();
  return `#/queue/${f.queue}${qs ? `?${qs}` : ""}`;
}

export const isQueueName = (s: string | undefined): s is QueueName =>
  (MODERATION_QUEUES as readonly string[]).includes(s ?? "");

export function parseQueueHash(path: readonly string[], params: URLSearchParams): QueueFilters {
  const queue = path[1];
  return {
    queue: isQueueName(queue) ? queue : "pending",
    article: params.get("article") ?? "",
    q: params.get("q") ?? "",
    comment: params.get("comment") ?? "", // one card: the link in a mail alert
    sort: params.get("sort") === "newest" ? "newest" : "oldest",
  };
}
