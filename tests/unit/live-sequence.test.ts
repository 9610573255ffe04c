// The shared live-sequence logic (article page, console, widget): each event once and in order; a
// gap waits briefly for the missing events and only then asks the server's log.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createLiveSequence, GAP_WAIT_MS } from "../../src/client/live/live-sequence.ts";

type E = { seq: number; n?: string };
type Page = { events: E[]; hasMore: boolean; truncated: boolean };

function setUp(
  start: number | null,
  log: (since: number) => Page = () => ({ events: [], hasMore: false, truncated: false }),
) {
  const applied: number[] = [];
  const asked: number[] = [];
  let stale = 0;
  const seq = createLiveSequence<E>({
    start,
    apply: (e) => void applied.push(e.seq),
    fetchSince: async (since) => (asked.push(since), log(since)),
    stale: () => void stale++,
  });
  return { seq, applied, asked, stale: () => stale };
}
const ev = (...seqs: number[]) => seqs.map((seq) => ({ seq }));
const logOf =
  (all: E[], pageSize = 100) =>
  (since: number): Page => {
    const after = all.filter((e) => e.seq > since);
    return { events: after.slice(0, pageSize), hasMore: after.length > pageSize, truncated: false };
  };

describe("live sequence", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("applies in order and drops what it has seen (seq <= last)", () => {
    const { seq, applied, asked } = setUp(5);
    for (const e of ev(4, 5, 6, 7, 6, 7, 8)) seq.receive(e);
    expect(applied).toEqual([6, 7, 8]);
    expect(seq.last()).toBe(8);
    expect(asked).toEqual([]);
  });

  it("holds an early event while the missing one is on its way, without asking the server", async () => {
    const { seq, applied, asked } = setUp(0);
    seq.receive({ seq: 2 });
    expect(applied).toEqual([]);
    await vi.advanceTimersByTimeAsync(GAP_WAIT_MS - 100);
    seq.receive({ seq: 1 });
    expect(applied).toEqual([1, 2]);
    await vi.advanceTimersByTimeAsync(GAP_WAIT_MS * 2);
    expect(asked).toEqual([]);
  });

  it("after the wait, fills the gap from the log, page by page, applying each event once", async () => {
    const { seq, applied, asked } = setUp(0, logOf(ev(1, 2, 3, 4, 5), 2));
    seq.receive({ seq: 4 });
    await vi.advanceTimersByTimeAsync(GAP_WAIT_MS);
    expect(asked).toEqual([0, 2, 4]);
    expect(applied).toEqual([1, 2, 3, 4, 5]);
  });

  it("a join ahead of where it stands catches up at once; the first join sets the start when unknown", async () => {
    const behind = setUp(1, logOf(ev(1, 2, 3)));
    behind.seq.joined(3);
    await vi.advanceTimersByTimeAsync(0);
    expect(behind.applied).toEqual([2, 3]);

    const fresh = setUp(null);
    fresh.seq.receive({ seq: 7 }); // before the join's ack: held
    fresh.seq.receive({ seq: 8 });
    fresh.seq.joined(7);
    expect(fresh.applied).toEqual([8]);
    expect(fresh.asked).toEqual([]);
  });

  it("a pruned log (truncated) asks the reader to reload; a failed fetch waits for the next join", async () => {
    const pruned = setUp(1, () => ({ events: [], hasMore: false, truncated: true }));
    pruned.seq.joined(9);
    await vi.advanceTimersByTimeAsync(0);
    expect(pruned.stale()).toBe(1);
    expect(pruned.applied).toEqual([]);

    let online = false;
    const flaky = setUp(1, (since) => {
      if (!online) throw new Error("offline");
      return logOf(ev(2, 3))(since);
    });
    flaky.seq.joined(3);
    await vi.advanceTimersByTimeAsync(0);
    expect(flaky.applied).toEqual([]);
    online = true;
    flaky.seq.joined(3);
    await vi.advanceTimersByTimeAsync(0);
    expect(flaky.applied).toEqual([2, 3]);
  });
});
