// Ids made by the store itself where a row is written past Prisma's @default(cuid()) (an import's
// batch, a post's statements sent straight to SQLite): shaped like Prisma's cuids, "c", the time, a
// counter, random, 25 characters, so ids made in one process sort in the order they were made (as
// Prisma's do), which orders comments posted in the same millisecond.
import crypto from "node:crypto";

/** A new row id. The random part is cut from a pool drawn 4 KiB at a time (one system call per 682 ids). */
export function newRowId(): string {
  if (poolAt + 6 > POOL.length) {
    crypto.randomFillSync(POOL);
    poolAt = 0;
  }
  poolAt += 6;
  counter = (counter + 1) % COUNTER_SPAN;
  const count = counter.toString(36).padStart(4, "0");
  return `c${Date.now().toString(36)}${count}${POOL.toString("hex", poolAt - 6, poolAt)}`;
}
const POOL = Buffer.alloc(4092);
let poolAt = POOL.length;
const COUNTER_SPAN = 36 ** 4;
let counter = Math.floor(Math.random() * COUNTER_SPAN);
