// The one place that emits realtime events (STYLE.md §10). Services call it only after their
// transaction committed. Until a socket.io server is attached (src/realtime/), events go nowhere.
import type { Logger } from "pino";

export type RealtimeEvent =
  | { type: "comment:created"; threadId: string; commentId: string; status: string }
  | { type: "comment:updated"; threadId: string; commentId: string; status: string };

export type Publisher = {
  publish(event: RealtimeEvent): void;
  subscribe(listener: (event: RealtimeEvent) => void): () => void;
  close(): Promise<void>;
};

export function createPublisher(log: Logger): Publisher {
  const listeners = new Set<(event: RealtimeEvent) => void>();
  return {
    publish(event) {
      for (const l of listeners) {
        try {
          l(event);
        } catch (err) {
          log.error({ err, event: event.type }, "realtime listener failed");
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      listeners.clear();
    },
  };
}
