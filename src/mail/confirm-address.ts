// Use case: the reader followed the confirmation link. The address becomes verified (it counts for
// the first-time rule, README "How first-time moderation can be fooled"), and every subscription
// that waited for it starts. Idempotent: a second click confirms nothing new and says so.
import type { Deps } from "../deps.ts";
import { inTransaction } from "../store/client.ts";
import { AppError } from "../domain/errors.ts";
import { markAddressVerified } from "../store/email-addresses.ts";
import { confirmPendingSubscriptions } from "../store/subscriptions.ts";
import { verifyToken } from "./signed-tokens.ts";

export type Confirmed = { address: string; started: { kind: string; threadTitle: string }[] };

export async function confirmAddress(deps: Deps, token: unknown): Promise<Confirmed> {
  const now = deps.clock.now();
  const payload = verifyToken<{ a?: unknown }>(deps.config.MAIL_SIGNING_SECRET, "confirm", token, now);
  if (typeof payload?.a !== "string") throw new AppError("INVALID_LINK");
  const address = payload.a;
  const started = await inTransaction(deps.db, async (tx) => {
    await markAddressVerified(tx, address, now);
    return confirmPendingSubscriptions(tx, address, now);
  });
  return { address, started };
}
