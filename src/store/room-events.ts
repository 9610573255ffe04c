// The per-room event log behind catch-up (RealtimeEvent + RoomSequence). Appending numbers each room's
// events on from its sequence row and inserts them in ONE statement, whatever the number of rooms and
// events, so the publisher's own appends need no transaction around them:
// - PostgreSQL: a data-modifying CTE, `INSERT … ON CONFLICT … RETURNING` of the rooms' sequences feeding
//   the events' INSERT. The increment locks the rows until commit, so two instances publishing to one
//   room never hand out the same number.
// - SQLite (one writer, so nothing runs between the read and the write): the events' INSERT … SELECT
//   reads each room's last number itself, and a trigger (migration 20261207130000) raises the room's
//   sequence row to every number inserted. The SELECT reads the events table too (its last number, also
//   a floor if a sequence row were missing), which makes SQLite compute every row before inserting any.
// The events go as one JSON parameter, so the statement's text is the same for every batch.
import { raw, sqltag as sql } from "@prisma/client/runtime/client";
import { type Db, type DbProvider, type Tx } from "./client.ts";
import { directRows, sqliteDirect, sqliteTime } from "./sqlite-direct.ts";
import { pgRowsUnsafe } from "./pg-direct.ts";
import { QUEUE_COUNTS_SELECT, QUEUE_COUNT_NAMES, toQueueCounts, type QueueCounts } from "./queue-counts.ts";

/** An event as stored: a reference (ids, counts) the realtime layer hydrates from the rows when sent. */
type Stored = { type: string };
export type RoomEvent<E extends Stored = Stored> = { room: string; event: E };
export type SequencedEvent<E extends Stored = Stored> = RoomEvent<E> & { seq: number };

const appendSqlite = (now: Date, rows: string) => sql`
  INSERT INTO "RealtimeEvent" ("room", "seq", "type", "payload", "createdAt")
  SELECT r.value ->> 0,
    MAX(COALESCE((SELECT s."seq" FROM "RoomSequence" s WHERE s."room" = r.value ->> 0), 0),
        COALESCE((SELECT MAX(e."seq") FROM "RealtimeEvent" e WHERE e."room" = r.value ->> 0), 0)) + (r.value ->> 1),
    r.value ->> 3, r.value -> '$[4]', ${sqliteTime(now)}
  FROM json_each(${rows}) r
  RETURNING "room", "seq"`;

// Rooms in one order everywhere (the sequence rows are locked in the order inserted), so two
// transactions never wait on each other's rows (deadlock).
const APPEND_POSTGRES = `
  WITH s AS (
    INSERT INTO "RoomSequence" ("room", "seq")
    SELECT n.e ->> 0, (n.e ->> 1)::int FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS n(e, i) ORDER BY n.i
    ON CONFLICT ("room") DO UPDATE SET "seq" = "RoomSequence"."seq" + excluded."seq"
    RETURNING "room", "seq"
  )
  INSERT INTO "RealtimeEvent" ("room", "seq", "type", "payload", "createdAt")
  SELECT r.e ->> 0, s."seq" - (r.e ->> 2)::int + (r.e ->> 1)::int, r.e ->> 3, r.e -> 4, $1::timestamp(3)
  FROM jsonb_array_elements($3::jsonb) AS r(e) JOIN s ON s."room" = r.e ->> 0
  RETURNING "room", "seq"`;

/** Appends events to their rooms' logs, numbering each room's events on from its last sequence: one
 * statement, in the caller's transaction (`tx`: a use case storing its events with its change; call it
 * last, the rooms' sequence rows stay locked until that transaction ends) or on its own (`db`). */
export async function appendRoomEvents<E extends Stored>(
  db: Db | Tx,
  provider: DbProvider,
  events: RoomEvent<E>[],
  now: Date,
): Promise<SequencedEvent<E>[]> {
  if (!events.length) return [];
  const byRoom = new Map<string, E[]>();
  for (const { room, event } of events) (byRoom.get(room) ?? byRoom.set(room, []).get(room)!).push(event);
  const rooms = [...byRoom].sort(([x], [y]) => (x < y ? -1 : 1));
  // [room, its k-th event (from 1), the room's number of events, type, payload]
  const rows = rooms.flatMap(([room, list]) => list.map((e, i) => [room, i + 1, list.length, e.type, e]));
  const inserted =
    provider === "sqlite"
      ? await directRows<{ room: string; seq: number | bigint }>(db, appendSqlite(now, JSON.stringify(rows)))
      : await pgRowsUnsafe<{ room: string; seq: number | bigint }>(
          db,
          APPEND_POSTGRES,
          now.toISOString(),
          JSON.stringify(rooms.map(([room, list]) => [room, list.length])),
          JSON.stringify(rows),
        );
  // Each room's first new number; its events follow it in order.
  const first = new Map<string, number>();
  for (const r of inserted) first.set(r.room, Math.min(first.get(r.room) ?? Infinity, Number(r.seq)));
  return rooms.flatMap(([room, list]) => list.map((event, i) => ({ room, event, seq: first.get(room)! + i })));
}

const countsObject = (build: string) => `${build}(${QUEUE_COUNT_NAMES.map((n) => `'${n}', c."${n}"`).join(", ")})`;

const COUNTS_JSON_OBJECT = raw(countsObject("json_object"));
const appendCountsSqlite = (room: string, now: Date) => sql`
  INSERT INTO "RealtimeEvent" ("room", "seq", "type", "payload", "createdAt")
  SELECT p."room", MAX(COALESCE((SELECT s."seq" FROM "RoomSequence" s WHERE s."room" = p."room"), 0),
      COALESCE((SELECT MAX(e."seq") FROM "RealtimeEvent" e WHERE e."room" = p."room"), 0)) + 1,
    'queue:counts', json_object('type', 'queue:counts', 'counts', ${COUNTS_JSON_OBJECT}), p."at"
  FROM (SELECT ${room} AS "room", ${sqliteTime(now)} AS "at") p, (${raw(QUEUE_COUNTS_SELECT)}) c
  RETURNING "seq", "payload"`;

const APPEND_COUNTS_POSTGRES = `
  WITH c AS (${QUEUE_COUNTS_SELECT}),
  s AS (
    INSERT INTO "RoomSequence" ("room", "seq") VALUES ($1, 1)
    ON CONFLICT ("room") DO UPDATE SET "seq" = "RoomSequence"."seq" + 1
    RETURNING "seq"
  )
  INSERT INTO "RealtimeEvent" ("room", "seq", "type", "payload", "createdAt")
  SELECT $1, s."seq", 'queue:counts',
    jsonb_build_object('type', 'queue:counts', 'counts', ${countsObject("jsonb_build_object")}), $2::timestamp(3)
  FROM s, c
  RETURNING "seq", "payload"`;

/** Counts the moderation queues and appends them to `room` as a `queue:counts` event: one statement
 * (the counting inside the append), so a burst's counts cost one round trip and no transaction. */
export async function appendQueueCounts(
  db: Db,
  provider: DbProvider,
  room: string,
  now: Date,
): Promise<SequencedEvent<{ type: "queue:counts"; counts: QueueCounts }>> {
  const [row] =
    provider === "sqlite"
      ? await directRows<{ seq: number | bigint; payload: unknown }>(db, appendCountsSqlite(room, now))
      : await pgRowsUnsafe<{ seq: number | bigint; payload: unknown }>(
          db,
          APPEND_COUNTS_POSTGRES,
          room,
          now.toISOString(),
        );
  const payload = (typeof row!.payload === "string" ? JSON.parse(row!.payload) : row!.payload) as {
    counts: Record<string, unknown>;
  };
  return { room, seq: Number(row!.seq), event: { type: "queue:counts", counts: toQueueCounts(payload.counts) } };
}

/** The room's latest sequence (0 before its first event). */
export async function readRoomSeq(db: Db, room: string): Promise<number> {
  // Every uncached read asks: on SQLite straight from the connection (sqlite-direct.ts), past Prisma.
  const direct = sqliteDirect(db, (s) =>
    s.get<{ seq: number }>(`SELECT "seq" FROM "RoomSequence" WHERE "room" = ?`, [room]),
  );
  const row = direct ? await direct : await db.roomSequence.findUnique({ where: { room }, select: { seq: true } });
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
