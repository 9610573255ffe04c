import { AppError } from "../../domain/errors.ts";
import type { Phase } from "../pipeline.ts";

/** Is the thread closed, by hand or by age (settings.autoCloseAfterDays, 0 = never)? */
export function isThreadClosed(
  thread: { closed: boolean; startedAt: Date },
  autoCloseAfterDays: number,
  now: Date,
): boolean {
  if (thread.closed) return true;
  return autoCloseAfterDays > 0 && now.getTime() >= thread.startedAt.getTime() + autoCloseAfterDays * 86_400_000;
}

/** Refuse: nothing is stored on a closed thread (closed by a moderator, or auto-closed by age). */
export const threadOpen: Phase = {
  name: "thread-open",
  run(ctx) {
    if (isThreadClosed(ctx.thread, ctx.settings.autoCloseAfterDays, ctx.now)) throw new AppError("THREAD_CLOSED");
  },
};
