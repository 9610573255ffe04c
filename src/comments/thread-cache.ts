// A short-lived in-process cache of each thread's version (live-update sequence, settings) and of the
// pages of it that readers asked for, each read from the database on first use (page(); the thread is
// never read whole). Readers far outnumber writers: a popular page is read once per change, not once
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
//   thread never wait for a reload), so that bound is 2 × TTL plus one load;
// - with `version`, a reload first reads the thread's version (its live-update sequence, settings and
//   closed state: two small queries) and keeps the expired value, with its pages and what was made from
//   them (rendered pages), when that is unchanged, so busy pages are not read again every TTL; they are
//   still read again at least every 30 s, which bounds what
//   no thread event numbers (a cited link's re-check result, sent to moderators only) on other instances;
// - concurrent misses share one load, so a burst of readers on a cold thread makes one query;
// - the pages held are capped in bytes (about); the oldest threads go first.
import type { GovernedThread } from "../domain/thread.ts";
import type { CachedThread, ThreadCache } from "../deps.ts";

type Loaded = { seq: number; governed: GovernedThread; closed: boolean };
/** What says whether a thread's pages changed: the thread's live-update sequence (every change readers see is
 * sent to the thread's room, numbered), its settings, and whether it is closed now (threads close by age). */
export type ThreadVersion = { seq: number; governed: GovernedThread; closed: boolean };
type Slot = {
  value?: CachedThread;
  expiresAt: number;
  bytes: number;
  loading?: Promise<CachedThread>;
  /** When the value was last read afresh (its pages are read again after that). */
  loadedAt: number;
  /** The comments the value's pages show (for events that name only a comment). */
  commentIds: string[];
};

const MAX_CACHED_BYTES = 32 * 1024 * 1024;
/** However unchanged its version, its pages are read again this often (a change no event numbered). */
const FULL_RELOAD_MS = 30_000;

export function createThreadCache(opts: {
  ttlMs: number;
  load: (threadId: string) => Promise<Loaded>;
  /** A cheap check before a reload: when it matches the expired value, its pages are kept. */
  version?: (threadId: string) => Promise<ThreadVersion>;
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
    for (const id of slot.commentIds) threadOfComment.delete(id);
  };

  const trim = () => {
    for (const [id, s] of slots) {
      if (bytes <= maxBytes && s.expiresAt + opts.ttlMs > now()) break;
      if (s.loading) continue;
      drop(id);
    }
  };

  const store = (threadId: string, slot: Slot, value: CachedThread) => {
    if (slot.value !== value) {
      // A fresh version: the pages of the old one go with it.
      bytes -= slot.bytes;
      slot.bytes = 0;
      for (const id of slot.commentIds) threadOfComment.delete(id);
      slot.commentIds = [];
    }
    slot.value = value;
    slot.expiresAt = now() + opts.ttlMs;
    // Map order is insertion order: re-insert so the oldest entries come first, then trim.
    slots.delete(threadId);
    slots.set(threadId, slot);
    trim();
  };

  /** The thread again: its version, which keeps the expired value (with its pages) when it matches and
   * the pages were read recently, else a fresh value whose pages are read again on use. */
  const reload = async (
    threadId: string,
    expired: CachedThread | undefined,
    loadedAt: number,
  ): Promise<{ value: CachedThread; full: boolean }> => {
    if (expired && opts.version && now() - loadedAt < FULL_RELOAD_MS) {
      const v = await opts.version(threadId);
      const same =
        v.seq === expired.seq &&
        v.closed === expired.closed &&
        JSON.stringify(v.governed) === JSON.stringify(expired.governed);
      if (same) return { value: expired, full: false };
    }
    return { value: fresh(await opts.load(threadId)), full: true };
  };

  /** Loads the thread again while the expired value is still served. */
  const refresh = (threadId: string, slot: Slot) => {
    const started = now();
    const pending = reload(threadId, slot.value, slot.loadedAt);
    const loading = pending.then((r) => r.value);
    loading.catch(() => {}); // a failure is handled below; whoever awaits `loading` still sees it
    slot.loading = loading;
    void pending
      .then(
        ({ value, full }) => {
          if (slots.get(threadId) !== slot) return; // dropped meanwhile
          store(threadId, slot, value);
          if (full) slot.loadedAt = started;
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
      if (opts.ttlMs <= 0) return fresh(await opts.load(threadId));
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
      const loadedAt = existing?.loadedAt ?? 0;
      if (existing) drop(threadId);
      const slot: Slot = { expiresAt: 0, bytes: 0, loadedAt, commentIds: [] };
      slots.set(threadId, slot);
      const started = now();
      const pending = reload(threadId, expired, loadedAt);
      const loading = pending.then((r) => r.value);
      loading.catch(() => {}); // the failure reaches this caller through `pending`, and other waiters through `loading`
      slot.loading = loading;
      try {
        const { value, full } = await pending;
        // Dropped while loading (a write came in): serve this answer to whoever waited, keep nothing.
        if (slots.get(threadId) === slot) {
          store(threadId, slot, value);
          if (full) slot.loadedAt = started;
        }
        return value;
      } catch (err) {
        if (slots.get(threadId) === slot) slots.delete(threadId);
        throw err;
      } finally {
        slot.loading = undefined;
      }
    },
    page(threadId, cached, key, load) {
      const known = cached.derived.get(key) as ReturnType<typeof load> | undefined;
      if (known) return known.then((p) => p.value);
      const loading = load().then((p) => {
        const slot = slots.get(threadId);
        if (slot?.value === cached) {
          slot.bytes += p.bytes;
          bytes += p.bytes;
          for (const id of p.commentIds) threadOfComment.set(id, threadId);
          slot.commentIds.push(...p.commentIds);
          trim();
        }
        return p;
      });
      cached.derived.set(key, loading);
      // A failed read is not kept: the next reader tries again (and this one sees the error).
      loading.catch(() => cached.derived.get(key) === loading && cached.derived.delete(key));
      return loading.then((p) => p.value);
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

function fresh(loaded: Loaded): CachedThread {
  return { ...loaded, derived: new Map() };
}
