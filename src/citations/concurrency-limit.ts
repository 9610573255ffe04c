// A counting semaphore: at most `max` tasks run at once, the rest wait in arrival order. The link
// checker uses it so a comment with 200 links cannot open 200 outbound connections at once.

export type ConcurrencyLimit = <T>(task: () => Promise<T>) => Promise<T>;

export function createConcurrencyLimit(max: number): ConcurrencyLimit {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`concurrency must be a positive integer, got ${max}`);
  let running = 0;
  const waiting: Array<() => void> = [];
  return async (task) => {
    if (running < max) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      // Hand the slot straight to the next in line (running stays the same), or give it back.
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
