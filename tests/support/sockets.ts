// Real socket.io clients for realtime tests: connect, join with an ack, and wait for the event that
// matches (never a sleep). Every client records what it received, to assert what it did NOT get.
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, JoinAck, ServerToClientEvents } from "../../src/realtime/events.ts";

type Received = { type: string; payload: Record<string, unknown> };
export type TestClient = Socket<ServerToClientEvents, ClientToServerEvents> & { received: Received[] };

export async function connectClient(
  url: string,
  opts: { cookie?: string; origin?: string; headers?: Record<string, string> } = {},
): Promise<TestClient> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.cookie) headers.cookie = opts.cookie;
  if (opts.origin) headers.origin = opts.origin;
  const socket = io(url, {
    transports: ["websocket"],
    forceNew: true,
    reconnectionDelay: 50,
    reconnectionDelayMax: 200,
    extraHeaders: headers,
  }) as TestClient;
  socket.received = [];
  socket.onAny((type: string, payload: Record<string, unknown>) => socket.received.push({ type, payload }));
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", reject);
  });
  return socket;
}

export function joinThread(socket: TestClient, threadId: string, editTokens?: string[]): Promise<JoinAck> {
  return socket.timeout(5000).emitWithAck("thread:join", { threadId, editTokens }) as Promise<JoinAck>;
}

/** Resolves with the first event of `type` (already received or still to come) that matches. */
export function waitForEvent<T = Record<string, unknown>>(
  socket: TestClient,
  type: string,
  match: (payload: T) => boolean = () => true,
  timeoutMs = 5000,
): Promise<T> {
  const seen = socket.received.find((r) => r.type === type && match(r.payload as T));
  if (seen) return Promise.resolve(seen.payload as T);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.offAny(listener);
      reject(
        new Error(
          `no ${type} event within ${timeoutMs} ms; got: ${socket.received.map((r) => r.type).join(", ") || "nothing"}`,
        ),
      );
    }, timeoutMs);
    const listener = (t: string, payload: T) => {
      if (t !== type || !match(payload)) return;
      clearTimeout(timer);
      socket.offAny(listener);
      resolve(payload);
    };
    socket.onAny(listener);
  });
}

/** Everything emitted to `socket` before this call has arrived once it resolves (acks are ordered after emits). */
export async function barrier(socket: TestClient, threadId: string): Promise<void> {
  await joinThread(socket, threadId);
}

export function joinModerators(socket: TestClient): Promise<JoinAck> {
  return socket.timeout(5000).emitWithAck("moderators:join") as Promise<JoinAck>;
}

export const eventsOf = (socket: TestClient, type: string) =>
  socket.received.filter((r) => r.type === type).map((r) => r.payload);
