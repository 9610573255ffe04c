// One room's live-event sequence, shared by the article page (article/live-comments.ts), the
// moderation console and the widget. Every event carries its room's `seq`. This applies each event
// once and in order: an event already seen (seq <= last) is dropped; one that arrives early (a gap
// before it) waits briefly for the missing ones, which usually are just a few milliseconds behind,
// and only then is the gap filled from the server's event log (GET …/events?since=<last>).

/** How long an early event waits for the ones before it before the server is asked. */
export const GAP_WAIT_MS = 1500;

export type EventPage<E> = { events: E[]; hasMore: boolean; truncated: boolean };

export type LiveSequenceOptions<E extends { seq: number }> = {
  /** Where the reader stands (the seq its page was read at), or null until the first join says. */
  start: number | null;
  /** Applies one event; called in seq order, once per seq. */
  apply: (event: E) => void;
  /** One page of the room's log after `since` (throws when offline). */
  fetchSince: (since: number) => Promise<EventPage<E>>;
  /** The log no longer reaches back to `last` (pruned): the reader must reload. */
  stale: () => void;
  gapWaitMs?: number;
};

export type LiveSequence<E> = {
  /** The last applied seq (null before the first join). */
  last(): number | null;
  /** An event from the socket, in whatever order it came. */
  receive(event: E): void;
  /** The (re)join's ack: the room's seq when joined; catches up when behind. */
  joined(seq: number): void;
  /** Fills everything after `last` from the log. */
  catchUp(): Promise<void>;
  /** Forgets where it stands (sign-out); the next join starts afresh. */
  reset(): void;
};

export function createLiveSequence<E extends { seq: number }>(opts: LiveSequenceOptions<E>): LiveSequence<E> {
  const gapWaitMs = opts.gapWaitMs ?? GAP_WAIT_MS;
  let last: number | null = opts.start;
  const early = new Map<number, E>(); // seq → an event that came before the one it follows
  let gapTimer: ReturnType<typeof setTimeout> | null = null;
  let catchingUp = false;
  let again = false; // asked to catch up while a catch-up was running

  function receive(event: E) {
    if (typeof event?.seq !== "number" || (last !== null && event.seq <= last)) return;
    early.set(event.seq, event); // before the first join: held until the join says where we stand
    drain();
    watchGap();
  }

  function drain() {
    if (last === null) return;
    for (const seq of [...early.keys()]) if (seq <= last) early.delete(seq);
    for (let e = early.get(last + 1); e; e = early.get(last + 1)) {
      early.delete(e.seq);
      last = e.seq;
      opts.apply(e);
    }
  }

  function watchGap() {
    if (gapTimer || !early.size || last === null) return;
    gapTimer = setTimeout(() => {
      gapTimer = null;
      if (early.size) void catchUp();
    }, gapWaitMs);
  }

  function joined(seq: number) {
    if (last === null) {
      last = seq;
      drain();
      watchGap();
    } else if (seq > last) void catchUp();
  }

  async function catchUp(): Promise<void> {
    if (last === null) return;
    if (catchingUp) return void (again = true);
    catchingUp = true;
    if (gapTimer) clearTimeout(gapTimer);
    gapTimer = null;
    try {
      for (let more = true; more;) {
        const page = await opts.fetchSince(last);
        if (page.truncated) {
          early.clear();
          return opts.stale();
        }
        // Through receive's map, so events arriving live meanwhile interleave in order, once.
        for (const e of page.events) if (e.seq > last) early.set(e.seq, e);
        drain();
        more = page.hasMore;
      }
    } catch {
      // Offline again: the next (re)connect's join asks once more.
    } finally {
      catchingUp = false;
      if (again) {
        again = false;
        void catchUp();
      } else watchGap();
    }
  }

  return {
    last: () => last,
    receive,
    joined,
    catchUp,
    reset() {
      last = null;
      early.clear();
      if (gapTimer) clearTimeout(gapTimer);
      gapTimer = null;
    },
  };
}
