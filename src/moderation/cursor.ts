// Opaque, stable page cursors on (createdAt, id): a page never repeats or skips rows when new ones arrive.
import { AppError } from "../domain/errors.ts";

export type Cursor = { at: Date; id: string };

export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify([row.createdAt.toISOString(), row.id])).toString("base64url");
}

export function decodeCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  try {
    const [at, id] = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as [string, string];
    const date = new Date(at);
    if (typeof id !== "string" || Number.isNaN(date.getTime())) throw new Error("bad cursor");
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
