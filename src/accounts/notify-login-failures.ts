// Use case: an account's password was guessed wrong LOGIN_FAILURES times in the window: tell its owner
// by mail (once per window; nothing for an email no account has, so nothing is revealed).
import type { Deps } from "../deps.ts";
import { enqueueMail } from "../mail/enqueue-mail.ts";
import { inTransaction } from "../store/client.ts";
import { findModeratorByEmail } from "../store/moderators.ts";

export async function notifyLoginFailures(
  deps: Deps,
  email: string,
  failures: { count: number; windowMs: number },
): Promise<void> {
  const account = await findModeratorByEmail(deps.db, email.trim().toLowerCase());
  if (!account || account.disabledAt) return;
  const now = deps.clock.now();
  const window = Math.floor(now.getTime() / failures.windowMs);
  await inTransaction(deps.db, (tx) =>
    enqueueMail(
      tx,
      {
        kind: "login-failures",
        to: account.email,
        idempotencyKey: `login-failures:${account.id}:${window}`,
        data: { failures: failures.count, minutes: Math.round(failures.windowMs / 60_000) },
      },
      now,
    ),
  );
  deps.mailer.wake();
}
