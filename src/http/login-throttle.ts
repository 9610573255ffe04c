// Moderator sign-in failures (issue #18 item 6), on the rate-limit module: a guesser is throttled by
// where they are, never by whom they guess, so nobody can lock a known moderator out.
//   per address:          LOGIN_FAILURES_PER_ADDRESS failures in the window → that address waits (429)
//   per (email, address): LOGIN_FAILURES failures → that pair waits (429)
//   per email:            from LOGIN_FAILURES failures on, answers slow down (LOGIN_SLOWDOWN_MS) for
//                         addresses that have failed before; an address with no failures (the
//                         moderator at their desk) goes straight through. The owner is told by mail.
import type { RateLimits } from "./rate-limit.ts";

export const LOGIN_FAILURES = { limit: 5, windowMs: 15 * 60_000 };
export const LOGIN_FAILURES_PER_ADDRESS = { limit: 10, windowMs: LOGIN_FAILURES.windowMs };
export const LOGIN_SLOWDOWN_MS = 1_000;

export type LoginAttempt = { email: string; addressHash: string };

export function loginThrottle(limits: RateLimits) {
  const perAddress = limits.limiter("login-failures-address", LOGIN_FAILURES_PER_ADDRESS);
  const perPair = limits.limiter("login-failures-pair", LOGIN_FAILURES);
  const perEmail = limits.limiter("login-failures-email", LOGIN_FAILURES);
  const addressFailed = limits.limiter("login-failed-address", { limit: 1, windowMs: LOGIN_FAILURES.windowMs });
  const keys = (a: LoginAttempt) => {
    const email = a.email.trim().toLowerCase();
    return { address: a.addressHash, pair: `${email}|${a.addressHash}`, email };
  };

  return {
    /** Seconds this attempt must wait (429), or 0. */
    async refusedFor(a: LoginAttempt): Promise<number> {
      const k = keys(a);
      return Math.max(await perAddress.retryAfterSeconds(k.address), await perPair.retryAfterSeconds(k.pair));
    },

    /** Milliseconds to hold the answer: a much-guessed email, asked from an address that failed before. */
    async slowdownMs(a: LoginAttempt): Promise<number> {
      const k = keys(a);
      const emailBusy = (await perEmail.retryAfterSeconds(k.email)) > 0;
      return emailBusy && (await addressFailed.retryAfterSeconds(k.address)) > 0 ? LOGIN_SLOWDOWN_MS : 0;
    },

    /** Counts a failure; true when this one brought the email to the limit (time to tell its owner, once). */
    async failed(a: LoginAttempt): Promise<boolean> {
      const k = keys(a);
      const wasBusy = (await perEmail.retryAfterSeconds(k.email)) > 0;
      await Promise.all([
        perAddress.hit(k.address),
        perPair.hit(k.pair),
        perEmail.hit(k.email),
        addressFailed.hit(k.address),
      ]);
      return !wasBusy && (await perEmail.retryAfterSeconds(k.email)) > 0;
    },

    /** A correct password: this pair starts afresh. */
    async succeeded(a: LoginAttempt): Promise<void> {
      await perPair.reset(keys(a).pair);
    },
  };
}
