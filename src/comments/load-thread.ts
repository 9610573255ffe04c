// A thread as readers get it, and as the thread cache keeps it: the realtime sequence first, then the
// comments (live clients de-duplicate), and the settings that govern it (a settings change shows within
// the cache's TTL). `closed` in the listing is what readers must see: by a moderator, or by age.
import type { Deps } from "../deps.ts";
import { closedNow } from "../domain/thread.ts";
import { currentThreadSeq } from "../realtime/list-realtime-events.ts";
import { getThreadSettings } from "../sites/get-thread-settings.ts";
import { listThreadComments } from "./list-thread-comments.ts";

export async function loadThread(deps: Deps, threadId: string) {
  const seq = await currentThreadSeq(deps, threadId);
  const governed = await getThreadSettings(deps, threadId);
  const listing = await listThreadComments(deps, threadId, governed.settings);
  const closed = closedNow(governed, deps.clock.now());
  return { seq, listing: { ...listing, thread: { ...listing.thread, closed } }, governed };
}

/** What tells whether a cached listing is still right (thread-cache.ts): two small reads, no comments. */
export async function threadVersion(deps: Deps, threadId: string) {
  const seq = await currentThreadSeq(deps, threadId);
  const governed = await getThreadSettings(deps, threadId);
  return { seq, governed, closed: closedNow(governed, deps.clock.now()) };
}
