// Use case: one-click unsubscribe (a mail's link, or the mail client's RFC 8058 POST) and its undo.
// The signed token names the address and, optionally, one subscription; without one it stops all mail
// to the address. No sign-in; idempotent (stopping twice is still stopped); undo restores exactly that.
import type { Deps } from "../deps.ts";
import { AppError } from "../domain/errors.ts";
import { ensureAddress, setOptedOut } from "../store/email-addresses.ts";
import { readSubscription, setSubscriptionStopped } from "../store/subscriptions.ts";
import type { UnsubscribeScope } from "./mail-links.ts";
import { verifyToken } from "./signed-tokens.ts";

export type Unsubscribed = {
  address: string;
  what: { kind: "replies" | "thread"; threadTitle: string } | { kind: "all" };
  stopped: boolean;
};

export async function setUnsubscribed(deps: Deps, token: unknown, stop: boolean): Promise<Unsubscribed> {
  const now = deps.clock.now();
  const scope = verifyToken<UnsubscribeScope>(deps.config.MAIL_SIGNING_SECRET, "unsubscribe", token, now);
  if (typeof scope?.a !== "string") throw new AppError("INVALID_LINK");
  if (typeof scope.sub === "string") {
    const sub = await readSubscription(deps.db, scope.sub);
    if (!sub || sub.address !== scope.a) throw new AppError("INVALID_LINK");
    // Stopping keeps the first stop time, so a second click changes nothing.
    if (stop !== !!sub.stoppedAt) await setSubscriptionStopped(deps.db, sub.id, sub.address, stop ? now : null);
    return {
      address: sub.address,
      what: { kind: sub.kind === "thread" ? "thread" : "replies", threadTitle: sub.thread.title },
      stopped: stop,
    };
  }
  await ensureAddress(deps.db, scope.a, now);
  await setOptedOut(deps.db, scope.a, stop ? now : null);
  return { address: scope.a, what: { kind: "all" }, stopped: stop };
}
