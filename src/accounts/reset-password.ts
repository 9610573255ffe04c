// Use cases: a moderator who forgot their password asks for a reset by email, then sets a new one
// with the mailed link (one-time, PASSWORD_RESET_MINUTES). Setting it ends every session of the
// account and voids its other reset links. Asking always answers the same, so it reveals no account.
import { AppError } from "../domain/errors.ts";
import type { Deps } from "../deps.ts";
import { createMailedLink, mailedLinkId } from "../mail/mailed-link.ts";
import { inTransaction } from "../store/client.ts";
import { expireMailedLinks, useMailedLink } from "../store/mailed-links.ts";
import {
  deleteModeratorSessions,
  findModeratorByEmail,
  findModeratorById,
  updateModeratorAccount,
} from "../store/moderators.ts";
import { hashPassword } from "./password-hash.ts";

export const PASSWORD_RESET_MINUTES = 30;

export async function requestPasswordReset(deps: Deps, rawEmail: string): Promise<void> {
  const email = rawEmail.trim().toLowerCase();
  const account = await findModeratorByEmail(deps.db, email);
  if (!account || account.disabledAt) return; // the same answer: nothing revealed
  await inTransaction(deps.db, (tx) =>
    createMailedLink(
      tx,
      {
        purpose: "password-reset",
        email,
        data: { moderatorId: account.id },
        minutes: PASSWORD_RESET_MINUTES,
        mail: { kind: "password-reset", keyPrefix: "password-reset", data: { name: account.name } },
      },
      deps.clock.now(),
    ),
  );
  deps.mailer.wake();
}

export async function completePasswordReset(deps: Deps, token: string, password: string): Promise<void> {
  const now = deps.clock.now();
  const used = await useMailedLink(deps.db, mailedLinkId(token), "password-reset", now);
  if (used.outcome === "already-used")
    throw new AppError("LINK_USED", {
      reason: "resetLinkUsed",
    });
  if (used.outcome === "expired")
    throw new AppError("LINK_EXPIRED", {
      reason: "resetLinkExpired",
      params: { minutes: PASSWORD_RESET_MINUTES },
    });
  if (used.outcome !== "used-now") throw new AppError("INVALID_LINK", { reason: "resetLinkNotValid" });
  const account = await findModeratorById(deps.db, String(used.data.moderatorId));
  if (!account || account.disabledAt || account.email !== used.email)
    throw new AppError("INVALID_LINK", { reason: "resetLinkNotValid" });
  await updateModeratorAccount(deps.db, account.id, { passwordHash: await hashPassword(password) });
  await deleteModeratorSessions(deps.db, account.id); // signed out everywhere, the attacker's sessions too
  await expireMailedLinks(deps.db, "password-reset", account.email, now);
}
