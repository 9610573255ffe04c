import { AppError } from "../../domain/errors.ts";
import { isThreadClosed } from "../../domain/thread.ts";
import type { Phase } from "../pipeline.ts";

/** Refuse: nothing is stored on a closed thread (closed by a moderator, or auto-closed by age). */
export const threadOpen: Phase = {
  name: "thread-open",
  run(ctx) {
    if (isThreadClosed(ctx.thread, ctx.settings.autoCloseAfterDays, ctx.now)) throw new AppError("THREAD_CLOSED");
  },
};
