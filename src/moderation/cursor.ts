// Opaque, stable page cursors on (createdAt, id): a page never repeats or skips rows when new ones arrive.
import { AppError } from "../domain/errors.ts";
import { isWellFormedId } from "../domain/ids.ts";

export type Cursor = { at: Date; id: string };

export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify([row.createdAt.toISOString(), row.id])).toString("base64url");
}

/** Exactly what encodeCursor writes, in years both stores compare correctly (SQLite compares dates as
 * text: "+275760-…" sorts before "2030-…"; PostgreSQL refuses year −271821). */
const CURSOR_DATE = /^(19[7-9]\d|[2-9]\d{3})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function decodeCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    if (!Array.isArray(parsed) || parsed.length !== 2) throw new Error("bad cursor");
    const [at, id] = parsed as unknown[];
    if (typeof at !== "string" || !CURSOR_DATE.test(at) || !isWellFormedId(id)) throw new Error("bad cursor");
    const date = new Date(at);
    if (Number.isNaN(date.getTime()) || date.toISOString() !== at) throw new Error("bad cursor");
    return { at: date, id };
  } catch {
    throw new AppError("VALIDATION", {
      field: "cursor",
      message: "This page link is not valid; start from the first page.",
    });
  }
}

/** The where-clause for rows after `c` in the given direction. */
export function afterCursor(c: Cursor | null, direction: "asc" | "desc") {
  if (!c) return {};
  const op = direction === "asc" ? "gt" : "lt";
  return { OR: [{ createdAt: { [op]: c.at } }, { createdAt: c.at, id: { [op]: c.id } }] };
}
