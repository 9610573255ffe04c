// The mail worker's periodic jobs besides the retention purge (mail-worker.ts runs them between rounds).
import type { PeriodicJob } from "./mail-worker.ts";
import { queueThreadDigests } from "./thread-digests.ts";

export const mailJobs: PeriodicJob[] = [
  // Often enough that a quiet thread's first new comment is mailed within a minute; the digest period
  // itself is enforced per subscription (lastMailAt).
  { name: "thread-digests", everyMs: 30_000, run: queueThreadDigests },
];
