// Walking a language catalog in tests: every string it holds by its dotted path, and the {placeholders}
// a string names, so two languages' catalogs can be compared key by key.

/** "a.b.c" → string for every leaf of a catalog. */
export function leaves(value: unknown, path = ""): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === "string") return out.set(path, value);
  for (const [k, v] of Object.entries(value as object))
    for (const [p, s] of leaves(v, path ? `${path}.${k}` : k)) out.set(p, s);
  return out;
}

/** The {placeholder} names of a catalog string, sorted. */
export const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();
