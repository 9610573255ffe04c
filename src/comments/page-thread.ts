// Pages a thread by its top-level comments: each page holds `limit` top-level comments, oldest or
// newest first, with all of their replies, so a large discussion loads in pieces without ever
// splitting a conversation. The cursor names the last top-level comment of the previous page, so
// comments arriving in between neither repeat nor skip anything.
import { AppError } from "../domain/errors.ts";
import type { PublicComment } from "./public-comment.ts";

export type ThreadSort = "oldest" | "newest";
export type ThreadPage = { comments: PublicComment[]; nextCursor: string | null; remainingTopLevel: number };

export function pageThread(
  all: PublicComment[],
  opts: { sort: ThreadSort; limit: number; cursor?: string },
): ThreadPage {
  const children = new Map<string | null, PublicComment[]>();
  for (const c of all) {
    const key = c.parentId ?? null;
    const list = children.get(key);
    if (list) list.push(c);
    else children.set(key, [c]);
  }
  for (const list of children.values()) list.sort(byAge);
  const roots = [...(children.get(null) ?? [])];
  if (opts.sort === "newest") roots.reverse();

  const after = decodeCursor(opts.cursor);
  const start = after ? roots.findIndex((r) => isBeyond(r, after, opts.sort)) : 0;
  const from = start === -1 ? roots.length : start;
  const page = roots.slice(from, from + opts.limit);
  const remaining = roots.length - from - page.length;

  const comments: PublicComment[] = [];
  const visit = (c: PublicComment) => {
    comments.push(c);
    for (const reply of children.get(c.id) ?? []) visit(reply);
  };
  page.forEach(visit);
  const last = page.at(-1);
  return { comments, nextCursor: remaining > 0 && last ? encodeCursor(last) : null, remainingTopLevel: remaining };
}

function byAge(a: PublicComment, b: PublicComment): number {
  return a.createdAt === b.createdAt ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.createdAt < b.createdAt ? -1 : 1;
}

type Cursor = { createdAt: string; id: string };

/** Whether `c` comes after the cursor in the given order. */
function isBeyond(c: PublicComment, cursor: Cursor, sort: ThreadSort): boolean {
  const cmp = byAge(c, { ...c, ...cursor });
  return sort === "oldest" ? cmp > 0 : cmp < 0;
}

function encodeCursor(c: PublicComment): string {
  return Buffer.from(JSON.stringify([c.createdAt, c.id])).toString("base64url");
}

function decodeCursor(cursor: string | undefined): Cursor | null {
  if (!cursor) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    parsed = null;
  }
  if (Array.isArray(parsed) && typeof parsed[0] === "string" && typeof parsed[1] === "string")
    return { createdAt: parsed[0], id: parsed[1] };
  throw new AppError("VALIDATION", {
    field: "cursor",
    message: "This page cursor is not valid; load the thread again.",
  });
}
