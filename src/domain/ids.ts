// The shape of every id Parley hands out (cuids, "default"): checked at the edge, so a NUL, a 2 kB
// string or a look-alike never reaches a query (PostgreSQL answers a NUL in text with an error).
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function isWellFormedId(v: unknown): v is string {
  return typeof v === "string" && ID_PATTERN.test(v);
}
