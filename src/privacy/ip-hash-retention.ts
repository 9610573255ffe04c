// IP_HASH_RETENTION_DAYS: the keyed hash of a poster's IP serves bans, flood limits and moderators'
// judgement while a comment is fresh; after that it is cleared, in a sweep every hour (0 = keep).
import type { Deps } from "../deps.ts";
import { clearIpHashesBefore } from "../store/privacy.ts";

const EVERY_MS = 3600_000;

export async function clearOldIpHashes(deps: Pick<Deps, "db" | "config" | "clock">): Promise<number> {
  const days = deps.config.IP_HASH_RETENTION_DAYS;
  if (days <= 0) return 0;
  return clearIpHashesBefore(deps.db, new Date(deps.clock.now().getTime() - days * 86_400_000));
}

/** Runs the sweep now and every hour; stop() ends it. Failures are logged and retried next hour. */
export function startIpHashRetention(deps: Pick<Deps, "db" | "config" | "clock" | "log">): { stop(): void } {
  const sweep = () =>
    clearOldIpHashes(deps)
      .then((n) => n && deps.log.info({ cleared: n }, "old IP hashes cleared"))
      .catch((err) => deps.log.warn({ err }, "IP hash retention sweep failed"));
  void sweep();
  const timer = setInterval(() => void sweep(), EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
