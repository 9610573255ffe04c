// The mail worker's periodic jobs besides the retention purge (mail-worker.ts runs them between rounds).
import type { PeriodicJob } from "./mail-worker.ts";

export const mailJobs: PeriodicJob[] = [];
