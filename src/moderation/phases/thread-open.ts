import { AppError } from "../../domain/errors.ts";
import type { Phase } from "../pipeline.ts";

/** Refuse: nothing is stored on a closed thread. */
export const threadOpen: Phase = {
  name: "thread-open",
  run(ctx) {
    if (ctx.thread.closed) throw new AppError("THREAD_CLOSED");
  },
};
