// @ts-check
// One room's live-event sequence, shared by the article page (live-comments.js), the moderation
// console (moderate/live-feed.js) and the widget (src/widget/live.ts, bundled by esbuild). Every
// event carries its room's `seq`. This applies each event once and in order: an event already seen
// (seq <= last) is dropped; one that arrives early (a gap before it) waits briefly for the missing
// ones, which usually are just a few milliseconds behind, and only then is the gap filled from the
// server's event log (GET …/events?since=<last>). Plain JS with JSDoc types, checked by tsc.

/** How long an early event waits for the ones before it before the server is asked. */
export const GAP_WAIT_MS = 1500;

/**
 * @template {{ seq: number }} E
 * @typedef {{ events: E[]; hasMore: boolean; truncated: boolean }} EventPage
 */

/**
 * @template {{ seq: number }} E
 * @typedef {object} LiveSequenceOptions
 * @property {number | null} start where the reader stands (the seq its page was read at), or null until the first join says
 * @property {(event: E) => void} apply applies one event; called in seq order, once per seq
 * @property {(since: number) => Promise<EventPage<E>>} fetchSince one page of the room's log after `since` (throws when offline)
 * @property {() => void} stale the log no longer reaches back to `last` (pruned): the reader must reload
 * @property {number} [gapWaitMs]
 */

/**
 * @template {{ seq: number }} E
 * @typedef {object} LiveSequence
 * @property {() => number | null} last the last applied seq (null before the first join)
 * @property {(event: E) => void} receive an event from the socket, in whatever order it came
 * @property {(seq: number) => void} joined the (re)join's ack: the room's seq when joined; catches up when behind
 * @property {() => Promise<void>} catchUp fills everything after `last` from the log
 * @property {() => void} reset forgets where it stands (sign-out); the next join starts afresh
 */

/**
 * @template {{ seq: number }} E
 * @param {LiveSequenceOptions<E>} opts
 * @returns {LiveSequence<E>}
 */
export function createLiveSequence(opts) {
  const gapWaitMs = opts.gapWaitMs ?? GAP_WAIT_MS;
  /** @type {number | null} */
  let last = opts.start;
  /** @type {Map<number, E>} seq → an event that came before the one it follows */
  const early = new Map();
  /** @type {ReturnType<typeof setTimeout> | null} */
  let gapTimer = null;
  let catchingUp = false;
  let again = false; // asked to catch up while a catch-up was running

  function receive(/** @type {E} */ event) {
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

  function joined(/** @type {number} */ seq) {
    if (last === null) {
      last = seq;
      drain();
      watchGap();
    } else if (seq > last) void catchUp();
  }

  async function catchUp() {
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
