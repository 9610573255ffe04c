// The per-room event log behind catch-up (RealtimeEvent + RoomSequence). Appending increments the
// room's sequence row and inserts the events in one transaction: the increment locks the row until
// commit, so two instances publishing to one room never hand out the same number.
import type { Db } from "../db/client.ts";
import type { Prisma } from "../generated/sqlite/client.ts";
import type { StoredEvent } from "./events.ts";

export type RoomEvent = { room: string; event: StoredEvent };
export type SequencedEvent = RoomEvent & { seq: number };

export async function appendEvents(db: Db, events: RoomEvent[], now: Date): Promise<SequencedEvent[]> {
  if (!events.length) return [];
  const byRoom = new Map<string, StoredEvent[]>();
  for (const { room, event } of events) (byRoom.get(room) ?? byRoom.set(room, []).get(room)!).push(event);
  return db.$transaction(async (tx) => {
    const out: SequencedEvent[] = [];
    // Rooms in one order everywhere, so two transactions never wait on each other's rows (deadlock).
    for (const [room, list] of [...byRoom].sort(([x], [y]) => (x < y ? -1 : 1))) {
      // A single INSERT … ON CONFLICT DO UPDATE on PostgreSQL: atomic even when the row is new.
      const { seq: last } = await tx.roomSequence.upsert({
        where: { room },
        create: { room, seq: list.length },
        update: { seq: { increment: list.length } },
      });
      list.forEach((event, i) => out.push({ room, event, seq: last - list.length + 1 + i }));
    }
    await tx.realtimeEvent.createMany({
      data: out.map((e) => ({ room: e.room, seq: e.seq, type: e.event.type, payload: e.event as unknown as Prisma.InputJsonObject, createdAt: now })),
    });
    return out;
  });
}

export async function currentSeq(db: Db, room: string): Promise<number> {
  const row = await db.roomSequence.findUnique({ where: { room } });
  return row?.seq ?? 0;
}

export type EventsSince = {
  events: SequencedEvent[];
  /** The room's latest sequence when read. */
  seq: number;
  /** More events after the last one returned: ask again from its seq. */
  hasMore: boolean;
  /** Events after `since` were pruned (or `since` is from another history): reload instead. */
  truncated: boolean;
};

export async function readEventsSince(db: Db, room: string, since: number, limit: number): Promise<EventsSince> {
  const seq = await currentSeq(db, room);
  if (since >= seq) return { events: [], seq, hasMore: false, truncated: since > seq };
  const rows = await db.realtimeEvent.findMany({ where: { room, seq: { gt: since } }, orderBy: { seq: "asc" }, take: limit + 1 });
  if (rows[0]?.seq !== since + 1) return { events: [], seq, hasMore: false, truncated: true };
  const events = rows.slice(0, limit).map((r) => ({ room, seq: r.seq, event: r.payload as unknown as StoredEvent }));
  return { events, seq, hasMore: rows.length > limit, truncated: false };
}

/** Forgets events older than `before`; clients further behind reload instead of catching up. */
export async function pruneEvents(db: Db, before: Date): Promise<number> {
  const { count } = await db.realtimeEvent.deleteMany({ where: { createdAt: { lt: before } } });
  return count;
}
