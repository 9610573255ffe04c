// A pure function's latest results, for hot paths that ask about the same few inputs again and again: a
// poster's address on each of their requests, a site's word lists and the names a post's name is
// compared with. Bounded: with `max` inputs kept, the oldest
// is forgotten for a new one.

/** `compute`, remembering its result for the last `max` inputs, told apart by `keyOf`. */
export function rememberRecent<A extends readonly unknown[], V>(
  max: number,
  keyOf: (...args: A) => unknown,
  compute: (...args: A) => V,
): (...args: A) => V {
  const kept = new Map<unknown, V>();
  return (...args) => {
    const key = keyOf(...args);
    if (kept.has(key)) return kept.get(key)!;
    const value = compute(...args);
    if (kept.size >= max) kept.delete(kept.keys().next().value);
    kept.set(key, value);
    return value;
  };
}
