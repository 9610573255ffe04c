// A clock tests can move: inject it as deps.clock and advance it instead of sleeping.
import type { Clock } from "../../src/deps.ts";

export type FakeClock = Clock & { advance(ms: number): void; set(d: Date): void };

export function fakeClock(start = new Date()): FakeClock {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    advance(ms) {
      t += ms;
    },
    set(d) {
      t = d.getTime();
    },
  };
}
