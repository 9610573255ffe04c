// Keyset paging on (createdAt, id), the order every paged list uses (domain/cursor.ts encodes the key).
import type { Cursor } from "../domain/cursor.ts";

/** The where-clause for rows after `c` in the given direction. */
export function afterCursor(c: Cursor | null, direction: "asc" | "desc") {
  if (!c) return {};
  const op = direction === "asc" ? "gt" : "lt";
  return { OR: [{ createdAt: { [op]: c.at } }, { createdAt: c.at, id: { [op]: c.id } }] };
}
