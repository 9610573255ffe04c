// What a reader's socket may do: join a thread's room (public: it only ever carries published
// comments), and listen for its own unpublished comments by presenting their edit tokens. A token
// never leaves this function: the socket joins the room named after its hash, so the adapter (or
// Redis, across instances) keeps the token → socket mapping and no token is ever stored.
import { z } from "zod";
import type { Socket } from "socket.io";
import { AppError, ErrorCodes } from "../domain/errors.ts";
import { ID_PATTERN } from "../domain/ids.ts";
import { connectionMayRead } from "../domain/origins.ts";
import type { Deps } from "../deps.ts";
import { readRoomSeq } from "../store/room-events.ts";
import { readThreadOrigins } from "../store/threads.ts";
import { ownRoom, threadRoom, type ClientToServerEvents, type JoinAck, type ServerToClientEvents } from "./events.ts";
import { hashToken } from "../domain/tokens.ts";

const MAX_THREADS_PER_SOCKET = 20;
const MAX_TOKENS_PER_SOCKET = 200;
/** Joins cost two queries: a socket gets this many per minute (a page joins once, plus reconnects). */
const JOINS_PER_MINUTE = 30;
const joinWindows = new WeakMap<object, { start: number; count: number }>();

const ZTokens = z.array(z.string().min(16).max(100)).max(MAX_TOKENS_PER_SOCKET);
const ZThreadId = z.string().regex(ID_PATTERN);
const ZJoin = z.object({ threadId: ZThreadId, editTokens: ZTokens.optional() });
const ZLeave = z.object({ threadId: ZThreadId });
const ZWatch = z.object({ editTokens: ZTokens });

type ReaderSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

export function registerReaderHandlers(deps: Deps, socket: ReaderSocket) {
  socket.on("thread:join", async (req, ack) => {
    try {
      if (!allowJoin(socket)) throw new AppError("RATE_LIMITED", { message: "Too many joins; wait a minute." });
      const { threadId, editTokens = [] } = parse(ZJoin, req);
      if (!socket.rooms.has(threadRoom(threadId)) && countRooms(socket, "thread:") >= MAX_THREADS_PER_SOCKET) {
        throw new AppError("RATE_LIMITED", {
          message: `A connection may follow at most ${MAX_THREADS_PER_SOCKET} threads.`,
        });
      }
      const allowedOrigins = await readThreadOrigins(deps.db, threadId);
      if (allowedOrigins === null) throw new AppError("THREAD_NOT_FOUND");
      // A page embedding the widget may follow only its own site's threads (as over HTTP, embed-cors.ts).
      const { origin, host } = socket.handshake.headers;
      if (!connectionMayRead(origin, host, allowedOrigins)) throw new AppError("ORIGIN_NOT_ALLOWED");
      // Join before reading the sequence: anything newer than `seq` is then certain to arrive live.
      await socket.join(threadRoom(threadId));
      await watchTokens(socket, editTokens);
      reply(ack, { ok: true, seq: await readRoomSeq(deps.db, threadRoom(threadId)) });
    } catch (err) {
      reply(ack, failure(deps, err));
    }
  });

  socket.on("thread:leave", async (req) => {
    const parsed = ZLeave.safeParse(req);
    if (parsed.success) await socket.leave(threadRoom(parsed.data.threadId));
  });

  socket.on("own:watch", async (req) => {
    const parsed = ZWatch.safeParse(req);
    if (parsed.success) await watchTokens(socket, parsed.data.editTokens);
  });
}

async function watchTokens(socket: ReaderSocket, tokens: string[]) {
  const rooms = tokens.map((t) => ownRoom(hashToken(t))).filter((r) => !socket.rooms.has(r));
  const free = MAX_TOKENS_PER_SOCKET - countRooms(socket, "own:");
  if (rooms.length && free > 0) await socket.join(rooms.slice(-free)); // the newest tokens come last
}

function allowJoin(socket: ReaderSocket): boolean {
  const now = Date.now();
  const w = joinWindows.get(socket) ?? { start: now, count: 0 };
  if (now - w.start > 60_000) Object.assign(w, { start: now, count: 0 });
  w.count++;
  joinWindows.set(socket, w);
  return w.count <= JOINS_PER_MINUTE;
}

function countRooms(socket: ReaderSocket, prefix: string): number {
  let n = 0;
  for (const r of socket.rooms) if (r.startsWith(prefix)) n++;
  return n;
}

function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new AppError("VALIDATION", { message: "Send { threadId, editTokens? }." });
  return parsed.data;
}

/** Acks are optional for clients; a bad ack argument must not crash the handler. */
export function reply(ack: unknown, res: JoinAck) {
  if (typeof ack === "function") (ack as (res: JoinAck) => void)(res);
}

export function failure(deps: Deps, err: unknown): JoinAck {
  if (err instanceof AppError) return { ok: false, error: { code: err.code, message: err.message } };
  deps.log.error({ err }, "socket handler failed");
  return { ok: false, error: { code: "INTERNAL", message: ErrorCodes.INTERNAL.message } };
}
