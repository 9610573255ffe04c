// A short-lived in-process cache of each thread's public listing, serialized once, with its ETag.
// Readers far outnumber writers: a popular thread is read from the database once per change, not once
// per reader. Correctness rules:
// - every event published on this instance drops, before it is queued, the thread it touches (found
//   through the event's threadId or the cached comment ids; an event it cannot place clears all), so
//   this instance's writes and moderation show at once (after-commit.ts); a load running when the event
//   came is not kept; a `link:checked` event drops nothing by itself: the link checker names the threads
//   citing its results (dropThreads), once per batch of results;
//   a settings change on this instance (a thread closed, a site's rules) drops what it governs too;
// - entries expire after THREAD_CACHE_TTL_MS (default 2 s), which bounds how stale a reader on this
//   instance can be after a write made by ANOTHER instance (publisher events are local): during one more
//   TTL an expired entry is still served while it is loaded again in the background (readers of a busy
//   thread never wait for a reload), so that bound is 2 × TTL plus one load; a reload that finds the same
//   listing, sequence and settings keeps the expired value, with what was made from it (rendered pages);
// - concurrent misses share one load, so a burst of readers on a cold thread makes one query;
// - the serialized JSON held is capped in bytes; the oldest entries go first.
import crypto from "node:crypto";
import type { ThreadListing } from "../domain/public-comment.ts";
import type { GovernedThread } from "../domain/thread.ts";
import type { CachedThread, ThreadCache } from "../deps.ts";

type Loaded = { listing: ThreadListing; seq: number; governed: GovernedThread };
type Slot = { value?: CachedThread; expiresAt: number; bytes: number; loading?: Promise<CachedThread> };

const MAX_CACHED_BYTES = 32 * 1024 * 1024;

export function createThreadCache(opts: {
  ttlMs: number;
  load: (threadId: string) => Promise<Loaded>;
  now?: () => number;
  maxBytes?: number;
}): ThreadCache {
  const now = opts.now ?? Date.now;
  const maxBytes = opts.maxBytes ?? MAX_CACHED_BYTES;
  const slots = new Map<string, Slot>();
  const threadOfComment = new Map<string, string>();
  let bytes = 0;

  const drop = (threadId: string) => {
    const slot = slots.get(threadId);
    if (!slot) return;
    bytes -= slot.bytes;
    slots.delete(threadId);
    for (const c of slot.value?.listing.comments ?? []) threadOfComment.delete(c.id);
  };

  const store = (threadId: string, slot: Slot, value: CachedThread) => {
    bytes -= slot.bytes;
    for (const c of slot.value?.listing.comments ?? []) threadOfComment.delete(c.id);
    slot.value = value;
    slot.bytes = value.json.length;
    slot.expiresAt = now() + opts.ttlMs;
    bytes += slot.bytes;
    for (const c of value.listing.comments) threadOfComment.set(c.id, threadId);
    // Map order is insertion order: re-insert so the oldest entries come first, then trim.
    slots.delete(threadId);
    slots.set(threadId, slot);
    for (const [id, s] of slots) {
      if (bytes <= maxBytes && s.expiresAt + opts.ttlMs > now()) break;
      if (s.loading) continue;
      drop(id);
    }
  };

  /** Loads the thread again while the expired value is still served; an unchanged load keeps the old value. */
  const refresh = (threadId: string, slot: Slot) => {
    const expired = slot.value;
    const loading = opts.load(threadId).then((loaded) => unchangedOr(expired, serialize(loaded)));
    slot.loading = loading;
    void loading
      .then(
        (value) => {
          if (slots.get(threadId) === slot) store(threadId, slot, value); // not dropped meanwhile
        },
        () => {}, // the first reader past the grace period loads it in the foreground, and sees the error
      )
      .finally(() => {
        if (slot.loading === loading) slot.loading = undefined;
      });
  };

  return {
    peek(threadId) {
      if (opts.ttlMs <= 0) return undefined;
      const slot = slots.get(threadId);
      if (!slot?.value) return undefined;
      if (slot.expiresAt > now()) return slot.value;
      if (slot.expiresAt + opts.ttlMs <= now()) return undefined;
      if (!slot.loading) refresh(threadId, slot); // as get() does in the grace period
      return slot.value;
    },
    async get(threadId) {
      if (opts.ttlMs <= 0) return serialize(await opts.load(threadId));
      const existing = slots.get(threadId);
      if (existing?.value && existing.expiresAt > now()) return existing.value;
      // Expired less than a TTL ago (an event would have dropped it): served while it is loaded again,
      // so readers of a busy thread never wait for its reload.
      if (existing?.value && existing.expiresAt + opts.ttlMs > now()) {
        if (!existing.loading) refresh(threadId, existing);
        return existing.value;
      }
      if (existing?.loading) return existing.loading;
      const expired = existing?.value;
      if (existing) drop(threadId);
      const slot: Slot = { expiresAt: 0, bytes: 0 };
      slots.set(threadId, slot);
      const loading = opts.load(threadId).then((loaded) => unchangedOr(expired, serialize(loaded)));
      slot.loading = loading;
      try {
        const value = await loading;
        // Dropped while loading (a write came in): serve this answer to whoever waited, keep nothing.
        if (slots.get(threadId) === slot) store(threadId, slot, value);
        return value;
      } catch (err) {
        if (slots.get(threadId) === slot) slots.delete(threadId);
        throw err;
      } finally {
        slot.loading = undefined;
      }
    },
    forget(event) {
      if (event.type === "link:checked") return; // announced with the threads it touches (link-checker.ts)
      const threadId =
        ("threadId" in event ? event.threadId : undefined) ??
        ("commentId" in event ? threadOfComment.get(event.commentId) : undefined);
      if (threadId) return drop(threadId);
      // An event about a comment no cached thread shows (a pending one approved): we
      // cannot tell which thread it touches, and such events are rare next to reads.
      for (const id of [...slots.keys()]) drop(id);
    },
    forgetThreads(threadId) {
      if (threadId) return drop(threadId);
      for (const id of [...slots.keys()]) drop(id);
    },
  };
}

/** The expired value when the fresh load says the same (listing, sequence and settings), so the pages
 * rendered from it (CachedThread.derived) outlive the TTL; otherwise the fresh one. */
function unchangedOr(expired: CachedThread | undefined, fresh: CachedThread): CachedThread {
  const same =
    expired &&
    expired.etag === fresh.etag &&
    expired.seq === fresh.seq &&
    JSON.stringify(expired.governed) === JSON.stringify(fresh.governed);
  return same ? expired : fresh;
}

function serialize(loaded: Loaded): CachedThread {
  const json = JSON.stringify(loaded.listing);
  const etag = `"${crypto.createHash("sha1").update(json).digest("base64url")}"`;
  return { ...loaded, json, etag, derived: new Map() };
}
