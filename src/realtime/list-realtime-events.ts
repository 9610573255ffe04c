// Use case: catch-up after a long disconnect. A client that saw events up to `since` gets the ones
// after it, in order and from the rows as they are now (so a comment removed meanwhile comes back
// as a removal, never with its old content). It de-duplicates by sequence against what it got live.
import { AppError } from "../domain/errors.ts";
import type { Deps } from "../deps.ts";
import { readRoomEventsSince } from "../store/room-events.ts";
import { threadExists } from "../store/threads.ts";
import { MODERATORS_ROOM, threadRoom, type ModeratorEvent, type StoredEvent, type ThreadEvent } from "./events.ts";
import { hydrateModeratorEvents, hydrateThreadEvents } from "./hydrate-events.ts";

const PAGE_SIZE = 200;

export type EventPage<E> = { events: E[]; seq: number; hasMore: boolean; truncated: boolean };

export async function listThreadEvents(deps: Deps, threadId: string, since: number): Promise<EventPage<ThreadEvent>> {
  if (!(await threadExists(deps.db, threadId))) throw new AppError("THREAD_NOT_FOUND");
  const page = await readRoomEventsSince<StoredEvent>(deps.db, threadRoom(threadId), since, PAGE_SIZE);
  return { ...page, events: await hydrateThreadEvents(deps, threadId, page.events) };
}

/** For signed-in moderators only: the route checks the session. */
export async function listModeratorEvents(deps: Deps, since: number): Promise<EventPage<ModeratorEvent>> {
  const page = await readRoomEventsSince<StoredEvent>(deps.db, MODERATORS_ROOM, since, PAGE_SIZE);
  return { ...page, events: await hydrateModeratorEvents(deps, page.events) };
}
