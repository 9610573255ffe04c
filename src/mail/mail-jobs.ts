// The mail worker's periodic jobs besides the retention purge (mail-worker.ts runs them between rounds).
import type { PeriodicJob } from "./mail-worker.ts";
import { queueThreadDigests } from "./thread-digests.ts";
import { queueModeratorDigests } from "./moderator-alerts.ts";

export const mailJobs: PeriodicJob[] = [
  // Often enough that a quiet thread's first new comment is mailed within a minute; the digest period
  // itself is enforced per subscription (lastMailAt).
  { name: "thread-digests", everyMs: 30_000, run: queueThreadDigests },
  // Each "hourly" moderator's digest is due an hour after their last one; looking every minute is enough.
  { name: "moderator-digests", everyMs: 60_000, run: queueModeratorDigests },
];
