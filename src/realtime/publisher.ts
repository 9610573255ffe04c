// The one place that emits realtime events (STYLE.md §10). Use cases publish only after their
// transaction committed (after-commit.ts). Each event is planned (who may hear it), stored with a per-room sequence
// (for catch-up, shared by all instances through the database), then sent to the attached socket
// server. Events a use case stored in its own transaction (record-events.ts) are only sent (deliver()). Queued events are delivered in batches (up to BATCH per round: one read of their comments,
// one statement for their sequences, one hydration per room), one round at a time per instance, so
// each room's sequence leaves in order.
import type { Audience, Deps, Publisher, RecordedEvents, Sink } from "../deps.ts";
import { appendQueueCounts, appendRoomEvents, pruneRoomEvents } from "../store/room-events.ts";
import {
  MODERATORS_ROOM,
  threadIdOfRoom,
  type PendingOwn,
  type RoomEvent,
  type SequencedEvent,
  type WireEvent,
} from "./events.ts";
import { hydrateModeratorEvents, hydrateThreadEvents } from "./hydrate-events.ts";
import { planEvents, type Plan } from "./plan-events.ts";
import type { PublishEvent } from "../domain/events.ts";
import type { QueueRow } from "../store/moderation-queue.ts";
import { foldQueueCountChanges } from "../store/queue-counts.ts";

const PRUNE_EVERY_MS = 60 * 60 * 1000;
const BATCH = 100;
const COUNTS_AFTER_MS = 250;
/** Comments moved between queues (about two change rows each) after which the counts' changes are folded. */
const FOLD_AFTER_CHANGES = 256;

export function createPublisher(deps: Deps): Publisher {
  /** Each attached sink, with who may hear it (null: anyone, always). */
  const sinks = new Map<Sink, Audience | null>();
  const heard = (room: string) => [...sinks.values()].some((audience) => !audience || audience(room));
  let queue: Promise<void> = Promise.resolve();
  let closed = false;
  let lastPrune = 0;
  let countsTimer: NodeJS.Timeout | null = null;
  /** Comments whose queue counts moved since this instance last folded their changes. */
  let changesSinceFold = 0;
  /** Published, not yet taken by a delivery round. */
  const waiting: PublishEvent[] = [];
  /** Stored by their use case's transaction, not yet sent. */
  const recorded: RecordedEvents[] = [];

  function enqueue(job: () => Promise<void>, what: unknown) {
    queue = queue.then(job).catch((err) => deps.log.error({ err, event: what }, "realtime event not delivered"));
  }

  /** One round: everything published since the last round began, up to BATCH events. */
  async function deliverWaiting() {
    const events = waiting.splice(0, BATCH);
    if (waiting.length) enqueue(deliverWaiting, "realtime batch"); // the rest, in the next round
    if (!events.length) return;
    const plan = await planEvents(deps, events);
    await storeAndSend(plan.stored, plan.rows);
    for (const { room, event: e } of plan.own) emit(room, e);
    if (plan.countsChanged) scheduleCounts(events.length);
    await pruneNowAndThen();
  }

  /** One round of events stored by their transactions: sent together (one hydration per room), in sequence order. */
  async function sendRecorded() {
    const batch = recorded.splice(0, BATCH);
    if (recorded.length) enqueue(sendRecorded, "recorded realtime batch");
    if (!batch.length) return;
    const rows = new Map(batch.flatMap((r) => r.comments.map((c) => [c.id, c] as const)));
    const events = batch.flatMap((r) => r.sequenced as SequencedEvent[]).sort((a, b) => a.seq - b.seq);
    await send(
      events,
      rows,
      batch.flatMap((r) => r.queueRows),
    );
    for (const { room, event: e } of batch.flatMap((r) => r.unsequenced)) emit(room, e as PendingOwn);
    const moved = batch.filter((r) => r.countsChanged).reduce((n, r) => n + Math.max(1, r.comments.length), 0);
    if (moved) scheduleCounts(moved);
    await pruneNowAndThen();
  }

  async function storeAndSend(roomEvents: RoomEvent[], known?: Plan["rows"]) {
    await send(await appendRoomEvents(deps.db, deps.dbProvider, roomEvents, deps.clock.now()), known);
  }

  async function send(stored: SequencedEvent[], known?: Plan["rows"], queueRows?: QueueRow[]) {
    if (!sinks.size) return;
    for (const { room, events } of groupByRoom(stored)) {
      // Nobody in the room: no rows read, no comment or queue card built for nobody (a later joiner
      // catches up from the stored log, which hydrates the same way).
      if (!heard(room)) continue;
      const threadId = threadIdOfRoom(room);
      const wire = threadId
        ? await hydrateThreadEvents(deps, threadId, events, known)
        : room === MODERATORS_ROOM
          ? await hydrateModeratorEvents(deps, events, queueRows)
          : [];
      for (const e of wire) emit(room, e);
    }
  }

  // Counting every queue sums the queues' changes: a burst (a bulk decision of 100) is counted once, in
  // the statement that stores the count's event. The sum reads every change row since the last fold, two
  // per post: folded hourly only, an hour of 20,000 posts made it ~7 ms (SQLite) every 250 ms; folded
  // after FOLD_AFTER_CHANGES comments, ~0.1 ms, for one more transaction per 256 comments.
  function scheduleCounts(moved: number) {
    changesSinceFold += moved;
    if (countsTimer) return;
    countsTimer = setTimeout(sendCountsNow, COUNTS_AFTER_MS);
    countsTimer.unref();
  }

  function sendCountsNow() {
    if (countsTimer) clearTimeout(countsTimer);
    countsTimer = null;
    enqueue(async () => {
      await send([await appendQueueCounts(deps.db, deps.dbProvider, MODERATORS_ROOM, deps.clock.now())]);
      if (changesSinceFold < FOLD_AFTER_CHANGES) return;
      changesSinceFold = 0;
      await foldQueueCountChanges(deps.db, deps.dbProvider);
    }, "queue:counts");
  }

  function emit(room: string, event: WireEvent | PendingOwn) {
    for (const [sink, audience] of sinks) {
      if (audience && !audience(room)) continue;
      try {
        sink(room, event);
      } catch (err) {
        deps.log.error({ err, room, event: event.type }, "realtime sink failed");
      }
    }
  }

  async function pruneNowAndThen() {
    const now = deps.clock.now().getTime();
    if (now - lastPrune < PRUNE_EVERY_MS) return;
    lastPrune = now;
    const removed = await pruneRoomEvents(
      deps.db,
      new Date(now - deps.config.REALTIME_EVENT_RETENTION_HOURS * 3600_000),
    );
    if (removed) deps.log.debug({ removed }, "old realtime events pruned");
    await foldQueueCountChanges(deps.db, deps.dbProvider); // keeps the queue counts' sums short
  }

  async function flush() {
    for (let settled = queue; ; settled = queue) {
      await settled;
      if (countsTimer)
        sendCountsNow(); // due soon anyway; now, so "flushed" means everything
      else if (settled === queue) return;
    }
  }

  return {
    publish(event) {
      if (closed) return void deps.log.warn({ event: event.type }, "realtime event after shutdown dropped");
      waiting.push(event);
      // A round is queued when the first event of a batch arrives; later ones ride along with it.
      if (waiting.length === 1) enqueue(deliverWaiting, event);
    },
    deliver(events) {
      if (closed) return void deps.log.warn("realtime events after shutdown not sent (they are in the log)");
      recorded.push(events);
      if (recorded.length === 1) enqueue(sendRecorded, "recorded realtime batch");
    },
    attach(sink, audience) {
      sinks.set(sink, audience ?? null);
      return () => void sinks.delete(sink);
    },
    flush,
    async close() {
      closed = true;
      await flush();
      sinks.clear();
    },
  };
}

function groupByRoom(events: SequencedEvent[]): { room: string; events: SequencedEvent[] }[] {
  const rooms = new Map<string, SequencedEvent[]>();
  for (const e of events) (rooms.get(e.room) ?? rooms.set(e.room, []).get(e.room)!).push(e);
  // Readers first: a thread room is one cheap read and may hold thousands; the queue item is heavier.
  return [...rooms]
    .map(([room, list]) => ({ room, events: list }))
    .sort((a, b) => Number(a.room === MODERATORS_ROOM) - Number(b.room === MODERATORS_ROOM));
}
