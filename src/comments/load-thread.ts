// A thread's version as readers get it, and as the thread cache keeps it: the realtime sequence, read
// BEFORE any of its pages (so a page's live client applies every later event and de-duplicates any
// the page already shows), the settings that govern it (a settings change shows within the cache's
// TTL), and whether it is closed now (by a moderator, or by age). Its comments are read a page at a
// time (list-thread-page.ts).
import type { Deps } from "../deps.ts";
import { closedNow } from "../domain/thread.ts";
import { threadRoom } from "../realtime/events.ts";
import { getThreadSettingsAndSeq } from "../sites/get-thread-settings.ts";

/** One small read (the sequence with the settings, in one statement), no comments; THREAD_NOT_FOUND for
 * an unknown thread. */
export async function threadVersion(deps: Deps, threadId: string) {
  const { seq, governed } = await getThreadSettingsAndSeq(deps, threadId, threadRoom(threadId));
  return { seq, governed, closed: closedNow(governed, deps.clock.now()) };
}

/** What the cache loads: the version (the same read). */
export const loadThread = threadVersion;
