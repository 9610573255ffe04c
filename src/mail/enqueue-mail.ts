// The mailer's one entry point for other areas: queue a mail inside the transaction of the event that
// causes it, so the mail exists if and only if the event committed (a crash after the commit sends it
// after restart; a rollback sends nothing). After the commit, afterCommit(deps, { wakeMailer: true })
// sends it soon.
//   await enqueueMail(tx, { kind: "reply", to, idempotencyKey: `reply:${commentId}:${to}`, data: { … } }, now)
// `kind` names an entry of mailTemplates (templates.ts), which renders `data` when the mail is sent.
// The idempotency key is per (event, recipient): the same event queued twice yields one mail.
import type { Tx } from "../store/client.ts";
import { insertMailOnce, type NewMail } from "../store/mail-outbox.ts";
import { mailTemplates } from "./templates.ts";

export type { NewMail } from "../store/mail-outbox.ts";

export async function enqueueMail(tx: Tx, mail: NewMail, now: Date): Promise<void> {
  if (!mailTemplates[mail.kind]) throw new Error(`Unknown mail kind: ${mail.kind}`);
  await insertMailOnce(tx, { ...mail, to: mail.to.trim().toLowerCase() }, now);
}
