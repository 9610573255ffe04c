// The socket.io server beside the HTTP app (called by main.ts after createApp, and by tests on port
// 0). It only routes: the publisher decides what is sent, the handlers decide who joins which room.
// With REDIS_URL set, every instance's broadcasts reach sockets connected to the others through a
// Redis stream, and a socket that drops may resume on any instance (connection state recovery:
// the session and the missed packets are read back from Redis).
import type http from "node:http";
import { Server } from "socket.io";
import type { Deps } from "../deps.ts";
import type { ClientToServerEvents, ServerToClientEvents } from "./events.ts";
import {
  identifyModerator,
  recheckModeratorSessions,
  registerModeratorHandlers,
  type SocketData,
} from "./moderator-handlers.ts";
import { registerReaderHandlers } from "./reader-handlers.ts";

/** How long a dropped socket may resume its session (rooms and missed packets). */
const RESUME_WITHIN_MS = 2 * 60_000;

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type Realtime = { io: RealtimeServer; close(): Promise<void> };

export async function attachRealtime(
  httpServer: http.Server,
  deps: Deps,
  opts: { sessionRecheckMs?: number } = {},
): Promise<Realtime> {
  const io: RealtimeServer = new Server(httpServer, {
    serveClient: false, // the pages load the client built into public/js/socket-client.js
    maxHttpBufferSize: 16 * 1024, // clients only send joins and tokens
    // Short gaps (a train tunnel) resume with the missed packets, on this instance or, behind the
    // Redis streams adapter, on another one. Longer gaps (or a stream trimmed past the session's
    // offset) fall back to a fresh join, and the client catches up from the event log instead.
    connectionStateRecovery: { maxDisconnectionDuration: RESUME_WITHIN_MS, skipMiddlewares: true },
  });

  const redis = deps.config.REDIS_URL ? await connectRedis(deps) : null;
  if (redis) {
    const { createAdapter } = await import("@socket.io/redis-streams-adapter");
    const prefix = deps.config.REDIS_CHANNEL_PREFIX;
    io.adapter(
      createAdapter(redis, {
        streamName: `${prefix}:stream`,
        channelPrefix: prefix,
        sessionKeyPrefix: `${prefix}:session:`,
        maxLen: deps.config.REDIS_STREAM_MAX_LEN, // ~ the packets a resuming socket can still be replayed
        onlyPlaintext: true, // JSON only: skips the binary scan of every packet
      }),
    );
  }

  const resumable = redis ? null : resumableRooms();
  io.use(identifyModerator(deps));
  io.on("connection", (socket) => {
    registerReaderHandlers(deps, socket);
    registerModeratorHandlers(deps, socket);
    socket.on("disconnecting", () => resumable?.left(socket.rooms, socket.id));
  });
  const stopRecheck = recheckModeratorSessions(deps, io, opts.sessionRecheckMs ?? 60_000);
  // A room's events are hydrated and emitted only when someone may receive them: a socket in it on this
  // instance, or one that left it lately and may resume (its missed packets are replayed from the
  // broadcasts). Behind Redis, sockets on other instances listen too: every room is heard.
  const rooms = io.of("/").adapter.rooms;
  const detach = deps.publisher.attach(
    (room, event) => {
      io.to(room).emit(event.type as keyof ServerToClientEvents, event as never);
    },
    resumable ? (room) => !!rooms.get(room)?.size || resumable.has(room) : undefined,
  );

  let closing: Promise<void> | null = null;
  return {
    io,
    close() {
      closing ??= shutDown();
      return closing;
    },
  };

  async function shutDown() {
    detach();
    stopRecheck();
    // Closing the transports, without socket.io's "disconnect" packet (disconnectSockets would send
    // one, and clients do not reconnect after it), lets clients reconnect: to another instance
    // during a rolling restart. The HTTP server itself is closed by its owner.
    io.engine.close();
    await io.of("/").adapter.close();
    // The adapter closes the clients it duplicated (its stream reader stops after its current read).
    if (redis) await redis.close().catch(() => {});
  }
}

/** The rooms sockets left within the resumption window (its end per room). Real time, as socket.io's
 * own session expiry is. Expired entries are swept at most once per window, not on every disconnect. */
function resumableRooms() {
  const until = new Map<string, number>();
  let swept = 0;
  return {
    left(rooms: ReadonlySet<string>, socketId: string) {
      const now = Date.now();
      if (now - swept > RESUME_WITHIN_MS) {
        swept = now;
        for (const [room, t] of until) if (t <= now) until.delete(room);
      }
      // A socket's own room (its id) is never an event's room.
      for (const room of rooms) if (room !== socketId) until.set(room, now + RESUME_WITHIN_MS);
    },
    has(room: string) {
      const t = until.get(room);
      if (t === undefined) return false;
      if (t > Date.now()) return true;
      until.delete(room);
      return false;
    },
  };
}

/** One client: the adapter duplicates it for the stream reader and the pub/sub subscriber. Loaded only
 * when REDIS_URL is set: the client library alone adds ~16 MB and 0.5 s to a single instance's start. */
async function connectRedis(deps: Deps) {
  const { createClient } = await import("redis");
  const client = createClient({ url: deps.config.REDIS_URL });
  client.on("error", (err: Error) => deps.log.error({ err }, "redis connection error"));
  await client.connect();
  deps.log.info("live updates shared through Redis streams");
  return client;
}
