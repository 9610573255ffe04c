// Moderators on sockets: the handshake's session cookie (checked like the HTTP API's) decides who
// may join the moderators room. Readers connect on the same server without a session; they are
// refused the room with an error ack. A session that ends (logout, expiry, disabled account) loses
// its sockets at the next recheck (every minute by default).
import type { Server, Socket } from "socket.io";
import type { Deps } from "../deps.ts";
import { authenticateSession, type AuthedModerator } from "../accounts/authenticate-session.ts";
import { SESSION_COOKIE } from "../accounts/session-token.ts";
import { listLiveModeratorSessions } from "../store/moderators.ts";
import { readRoomSeq } from "../store/room-events.ts";
import { MODERATORS_ROOM, type ClientToServerEvents, type ServerToClientEvents } from "./events.ts";
import { failure, reply } from "./reader-handlers.ts";
import { readCookie } from "../domain/cookies.ts";

export type SocketData = { moderator: AuthedModerator | null };
type ModeratorSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** Handshake middleware: never refuses (readers need no session), only records who this is. */
export function identifyModerator(deps: Deps) {
  return (socket: ModeratorSocket, next: (err?: Error) => void) => {
    socket.data.moderator = null;
    const { headers } = socket.handshake;
    // A page on another site could open a socket that carries our cookie; only our own origin counts.
    if (headers.origin && !sameOrigin(headers.origin, headers.host)) return next();
    authenticateSession(deps, readCookie(socket.handshake, SESSION_COOKIE)).then((m) => {
      socket.data.moderator = m;
      next();
    }, next);
  };
}

function sameOrigin(origin: string, host: string | undefined): boolean {
  try {
    return new URL(origin).host === host;
  } catch {
    return false; // "null" (sandboxed frames, file:) or garbage
  }
}

export function registerModeratorHandlers(deps: Deps, socket: ModeratorSocket) {
  socket.on("moderators:join", async (ack) => {
    try {
      if (!socket.data.moderator) {
        return reply(ack, {
          ok: false,
          error: { code: "UNAUTHENTICATED", message: "Sign in as a moderator first, then reconnect." },
        });
      }
      await socket.join(MODERATORS_ROOM);
      reply(ack, { ok: true, seq: await readRoomSeq(deps.db, MODERATORS_ROOM) });
    } catch (err) {
      reply(ack, failure(deps, err));
    }
  });
}

/** Disconnects this instance's moderator sockets whose session no longer holds. Returns the stop function. */
export function recheckModeratorSessions(
  deps: Deps,
  io: Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>,
  everyMs: number,
): () => void {
  const recheck = async () => {
    try {
      const sockets = [...io.of("/").sockets.values()].filter((s) => s.data.moderator);
      if (!sockets.length) return;
      const ids = [...new Set(sockets.map((s) => s.data.moderator!.sessionId))];
      // Read-only: an open console must not extend the session (authenticateSession would slide it).
      const valid = await listLiveModeratorSessions(deps.db, ids, deps.clock.now());
      // "io server disconnect": the client does not reconnect by itself; the console signs in again.
      for (const s of sockets) if (!valid.has(s.data.moderator!.sessionId)) s.disconnect();
    } catch (err) {
      deps.log.error({ err }, "moderator session recheck failed");
    }
  };
  const timer = setInterval(() => void recheck(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
