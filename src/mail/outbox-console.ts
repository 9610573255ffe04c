// Use cases behind the console's Mail view (admins): the outbox with each mail's state, a preview of
// what was sent or stored, the addresses that bounced (and lifting that).
import type { Deps } from "../deps.ts";
import { AppError } from "../domain/errors.ts";
import { liftSuppression, listSuppressedAddresses } from "../store/email-addresses.ts";
import { listOutbox, readOutboxMail } from "../store/mail-outbox.ts";

export async function listOutboxForConsole(deps: Deps, q: { status?: string; limit: number }) {
  const [items, suppressed] = await Promise.all([listOutbox(deps.db, q), listSuppressedAddresses(deps.db, 100)]);
  return { embedded: deps.mailer.embedded, items, suppressed };
}

export async function previewOutboxMail(deps: Deps, id: string) {
  const mail = await readOutboxMail(deps.db, id);
  if (!mail) throw new AppError("NOT_FOUND", { reason: "noSuchMail" });
  return mail;
}

export async function allowAddressAgain(deps: Deps, address: string) {
  if (!(await liftSuppression(deps.db, address.trim().toLowerCase())))
    throw new AppError("NOT_FOUND", { reason: "addressNotStopped" });
}
