// The socket.io server beside the HTTP app (called by main.ts after createApp, and by tests on port
// 0). It only routes: the publisher decides what is sent, the handlers decide who joins which room.
// With REDIS_URL set, every instance's broadcasts reach sockets connected to the others.
import type http from "node:http";
import { createAdapter } from "@socket.io/redis-adapter";
import { createClient } from "redis";
import { Server } from "socket.io";
import type { Deps } from "../deps.ts";
import type { ClientToServerEvents, ServerToClientEvents } from "./events.ts";
import { identifyModerator, recheckModeratorSessions, registerModeratorHandlers, type SocketData } from "./moderator-handlers.ts";
import { registerReaderHandlers } from "./reader-handlers.ts";

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type Realtime = { io: RealtimeServer; close(): Promise<void> };

export async function attachRealtime(httpServer: http.Server, deps: Deps, opts: { sessionRecheckMs?: number } = {}): Promise<Realtime> {
  const io: RealtimeServer = new Server(httpServer, {
    serveClient: true, // the page loads /socket.io/socket.io.esm.min.js from this origin
    maxHttpBufferSize: 16 * 1024, // clients only send joins and tokens
    // Short gaps (a train tunnel) resume with the missed packets on a single instance; longer gaps,
    // and every gap behind the Redis pub/sub adapter, are caught up from the event log instead.
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: true },
  });

  const redis = deps.config.REDIS_URL ? await connectRedis(deps) : null;
  if (redis) io.adapter(createAdapter(redis.pub, redis.sub, { key: deps.config.REDIS_CHANNEL_PREFIX }));

  io.use(identifyModerator(deps));
  io.on("connection", (socket) => {
    registerReaderHandlers(deps, socket);
    registerModeratorHandlers(deps, socket);
  });
  const stopRecheck = recheckModeratorSessions(deps, io, opts.sessionRecheckMs ?? 60_000);
  const detach = deps.publisher.attach((room, event) => {
    io.to(room).emit(event.type, event as never);
  });

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
    if (redis) await Promise.allSettled([redis.pub.close(), redis.sub.close()]);
  }
}

async function connectRedis(deps: Deps) {
  const pub = createClient({ url: deps.config.REDIS_URL });
  const sub = pub.duplicate();
  for (const client of [pub, sub]) client.on("error", (err: Error) => deps.log.error({ err }, "redis connection error"));
  await Promise.all([pub.connect(), sub.connect()]);
  deps.log.info("live updates shared through Redis");
  return { pub, sub };
}
