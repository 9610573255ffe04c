// Opaque, stable page cursors on (createdAt, id): a page never repeats or skips rows when new ones
// arrive. One codec for every paged list (moderation queues, the audit log, the widget's thread pages).
import { AppError } from "./errors.ts";
import { isWellFormedId } from "./ids.ts";

export type Cursor = { at: Date; id: string };

/** `createdAt` as a Date or as the ISO string a public comment carries. */
export function encodeCursor(row: { createdAt: Date | string; id: string }): string {
  const at = typeof row.createdAt === "string" ? row.createdAt : row.createdAt.toISOString();
  return Buffer.from(JSON.stringify([at, row.id])).toString("base64url");
}

/** Exactly what encodeCursor writes, in years both stores compare correctly (SQLite compares dates as
 * text: "+275760-…" sorts before "2030-…"; PostgreSQL refuses year −271821). */
const CURSOR_DATE = /^(19[7-9]\d|[2-9]\d{3})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** null for no cursor; a VALIDATION error (field "cursor", with `message`) for anything encodeCursor did not write. */
export function decodeCursor(
  raw: string | undefined,
  message = "This page link is not valid; start from the first page.",
): Cursor | null {
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
    throw new AppError("VALIDATION", { field: "cursor", message });
  }
}
