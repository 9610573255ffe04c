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
import { raw, sqltag as sql, type Sql } from "@prisma/client/runtime/client";
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
  const { rooms, rows } = byRoomInOrder(events);
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
  return numbered(rooms, inserted);
}

/** The events by room, rooms in the one order, and the rows the statements take: [room, its k-th event
 *  (from 1), the room's number of events, type, payload]. */
function byRoomInOrder<E extends Stored>(events: RoomEvent<E>[]) {
  const byRoom = new Map<string, E[]>();
  for (const { room, event } of events) (byRoom.get(room) ?? byRoom.set(room, []).get(room)!).push(event);
  const rooms = [...byRoom].sort(([x], [y]) => (x < y ? -1 : 1));
  const rows = rooms.flatMap(([room, list]) => list.map((e, i) => [room, i + 1, list.length, e.type, e]));
  return { rooms, rows };
}

/** Each room's events numbered on from the first number the statement gave it. */
function numbered<E extends Stored>(rooms: [string, E[]][], inserted: { room: string; seq: number | bigint }[]) {
  const first = new Map<string, number>();
  for (const r of inserted) first.set(r.room, Math.min(first.get(r.room) ?? Infinity, Number(r.seq)));
  return rooms.flatMap(([room, list]) => list.map((event, i) => ({ room, event, seq: first.get(room)! + i })));
}

/**
 * PostgreSQL: `update` (an UPDATE of one thread's row … RETURNING its "publishedCount" and "pingbackCount",
 * threads.ts postedCountUpdate) and the events' append (as appendRoomEvents) in ONE statement, one round
 * trip less for a post, whose thread's row stays locked from this statement to its commit. The append
 * reads the update's row, so the thread's row is locked before the rooms' sequence rows, as when the two
 * were sent one after the other. A `thread:count` event is stored and answered with the thread's count as
 * the update left it (less its pingbacks where `hidePingbacks`): plan it with any count. Answers the
 * update's row and the events; null when the update found no row (then nothing is appended).
 */
export async function appendRoomEventsAfter<
  R extends { publishedCount: unknown; pingbackCount: unknown },
  E extends Stored,
>(
  tx: Tx,
  update: Sql,
  events: RoomEvent<E>[],
  now: Date,
  hidePingbacks: boolean,
): Promise<{ row: R; events: SequencedEvent<E>[] } | null> {
  const { rooms, rows } = byRoomInOrder(events);
  const [found] = await directRows<R & { appended: [string, number][] | null }>(
    tx,
    sql`
    WITH u AS (${update}),
    s AS (
      INSERT INTO "RoomSequence" ("room", "seq")
      SELECT n.e ->> 0, (n.e ->> 1)::int
      FROM u, jsonb_array_elements(${JSON.stringify(rooms.map(([room, list]) => [room, list.length]))}::jsonb)
        WITH ORDINALITY AS n(e, i) ORDER BY n.i
      ON CONFLICT ("room") DO UPDATE SET "seq" = "RoomSequence"."seq" + excluded."seq"
      RETURNING "room", "seq"
    ),
    e AS (
      INSERT INTO "RealtimeEvent" ("room", "seq", "type", "payload", "createdAt")
      SELECT r.e ->> 0, s."seq" - (r.e ->> 2)::int + (r.e ->> 1)::int, r.e ->> 3,
        CASE WHEN r.e ->> 3 = 'thread:count'
          THEN jsonb_set(r.e -> 4, '{count}', to_jsonb(u."publishedCount" - CASE WHEN ${hidePingbacks} THEN u."pingbackCount" ELSE 0 END))
          ELSE r.e -> 4 END,
        ${now.toISOString()}::timestamp(3)
      FROM u, jsonb_array_elements(${JSON.stringify(rows)}::jsonb) AS r(e) JOIN s ON s."room" = r.e ->> 0
      RETURNING "room", "seq"
    )
    SELECT u.*, (SELECT jsonb_agg(jsonb_build_array(e."room", e."seq")) FROM e) AS "appended" FROM u`,
  );
  if (!found) return null;
  const { appended, ...row } = found;
  const count = Number(row.publishedCount) - (hidePingbacks ? Number(row.pingbackCount) : 0);
  const sequenced = numbered(
    rooms,
    (appended ?? []).map(([room, seq]) => ({ room, seq })),
  );
  return {
    row: row as unknown as R,
    events: sequenced.map((s) => (s.event.type === "thread:count" ? { ...s, event: { ...s.event, count } } : s)),
  };
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
