// A thread's version as readers get it, and as the thread cache keeps it: the realtime sequence first
// (its pages are read after it, and live clients de-duplicate), the settings that govern it (a settings
// change shows within the cache's TTL), and whether it is closed now (by a moderator, or by age). Its
// comments are read a page at a time (list-thread-page.ts).
import type { Deps } from "../deps.ts";
import { closedNow } from "../domain/thread.ts";
import { currentThreadSeq } from "../realtime/list-realtime-events.ts";
import { getThreadSettings } from "../sites/get-thread-settings.ts";

/** Two small reads, no comments; THREAD_NOT_FOUND for an unknown thread. */
export async function threadVersion(deps: Deps, threadId: string) {
  const seq = await currentThreadSeq(deps, threadId);
  const governed = await getThreadSettings(deps, threadId);
  return { seq, governed, closed: closedNow(governed, deps.clock.now()) };
}

/** What the cache loads: the version (the same two reads). */
export const loadThread = threadVersion;
