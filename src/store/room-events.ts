// The per-room event log behind catch-up (RealtimeEvent + RoomSequence). Appending increments the
// rooms' sequence rows and inserts the events in one transaction: the increment locks the rows until
// commit, so two instances publishing to one room never hand out the same number. Two statements
// whatever the number of rooms and events (one upsert of every room's sequence, one insert), in the
// caller's transaction or, for the publisher, in one of their own (BEGIN … COMMIT).
import { join, sqltag as sql } from "@prisma/client/runtime/client";
import { inTransaction, type Db, type Tx } from "./client.ts";

// The publisher's own appends run after a commit, off the request: on a loaded machine they may wait for
// a pooled connection longer than a request would (Prisma's default is 2 s), rather than be dropped.
const PUBLISHER_LIMITS = { maxWait: 15_000, timeout: 15_000 };

/** An event as stored: a reference (ids, counts) the realtime layer hydrates from the rows when sent. */
type Stored = { type: string };
export type RoomEvent<E extends Stored = Stored> = { room: string; event: E };
export type SequencedEvent<E extends Stored = Stored> = RoomEvent<E> & { seq: number };

/** Appends events to their rooms' logs, numbering each room's events on from its last sequence. */
export function appendRoomEvents<E extends Stored>(
  db: Db,
  events: RoomEvent<E>[],
  now: Date,
): Promise<SequencedEvent<E>[]> {
  if (!events.length) return Promise.resolve([]);
  return inTransaction(db, (tx) => appendRoomEventsIn(tx, events, now), PUBLISHER_LIMITS);
}

/** The same, inside the caller's transaction (a use case storing its events with its change): two
 * statements. The rooms' sequence rows stay locked until that transaction ends, so call it last. */
export async function appendRoomEventsIn<E extends Stored>(
  tx: Tx,
  events: RoomEvent<E>[],
  now: Date,
): Promise<SequencedEvent<E>[]> {
  if (!events.length) return [];
  const byRoom = new Map<string, E[]>();
  for (const { room, event } of events) (byRoom.get(room) ?? byRoom.set(room, []).get(room)!).push(event);
  // Rooms in one order everywhere (PostgreSQL locks the rows in VALUES order), so two transactions
  // never wait on each other's rows (deadlock).
  const rooms = [...byRoom].sort(([x], [y]) => (x < y ? -1 : 1));
  // INSERT … ON CONFLICT DO UPDATE: atomic even when a row is new (SQLite 3.35+ and PostgreSQL).
  const rows = await tx.$queryRaw<{ room: string; seq: number | bigint }[]>`
    INSERT INTO "RoomSequence" ("room", "seq") VALUES ${join(rooms.map(([room, list]) => sql`(${room}, ${list.length})`))}
    ON CONFLICT ("room") DO UPDATE SET "seq" = "RoomSequence"."seq" + excluded."seq"
    RETURNING "room", "seq"`;
  const lastSeq = new Map(rows.map((r) => [r.room, Number(r.seq)]));
  const out: SequencedEvent<E>[] = [];
  for (const [room, list] of rooms) {
    const last = lastSeq.get(room)!;
    list.forEach((event, i) => out.push({ room, event, seq: last - list.length + 1 + i }));
  }
  await tx.realtimeEvent.createMany({
    data: out.map((e) => ({
      room: e.room,
      seq: e.seq,
      type: e.event.type,
      payload: e.event,
      createdAt: now,
    })),
  });
  return out;
}

/** The room's latest sequence (0 before its first event). */
export async function readRoomSeq(db: Db, room: string): Promise<number> {
  const row = await db.roomSequence.findUnique({ where: { room } });
  return row?.seq ?? 0;
}

export type EventsSince<E extends Stored = Stored> = {
  events: SequencedEvent<E>[];
  /** The room's latest sequence when read. */
  seq: number;
  /** More events after the last one returned: ask again from its seq. */
  hasMore: boolean;
  /** Events after `since` were pruned (or `since` is from another history): reload instead. */
  truncated: boolean;
};

/** Up to `limit` of the room's events after `since`, in order (truncated when some were pruned). */
export async function readRoomEventsSince<E extends Stored>(
  db: Db,
  room: string,
  since: number,
  limit: number,
): Promise<EventsSince<E>> {
  const seq = await readRoomSeq(db, room);
  if (since >= seq) return { events: [], seq, hasMore: false, truncated: since > seq };
  const rows = await db.realtimeEvent.findMany({
    where: { room, seq: { gt: since } },
    orderBy: { seq: "asc" },
    take: limit + 1,
  });
  if (rows[0]?.seq !== since + 1) return { events: [], seq, hasMore: false, truncated: true };
  const events = rows.slice(0, limit).map((r) => ({ room, seq: r.seq, event: r.payload as unknown as E }));
  return { events, seq, hasMore: rows.length > limit, truncated: false };
}

/** Forgets events older than `before`; clients further behind reload instead of catching up. */
export async function pruneRoomEvents(db: Db, before: Date): Promise<number> {
  const { count } = await db.realtimeEvent.deleteMany({ where: { createdAt: { lt: before } } });
  return count;
}
