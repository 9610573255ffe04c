// One-time links sent by mail (a reader's sign-in, a moderator's password reset or provider invitation):
// a fresh random token, of which only its SHA-256 is kept (store/mailed-links.ts) with what the link is
// for, and the mail that carries the token, queued in the caller's transaction (so there is a mail if
// and only if there is a link). The token travels in the outbox row until sent; the link works once.
import crypto from "node:crypto";
import type { Tx } from "../store/client.ts";
import { insertMailedLink, type MailedLinkPurpose } from "../store/mailed-links.ts";
import { enqueueMail } from "./enqueue-mail.ts";

/** The id a link is kept under: the SHA-256 of its token (a database leak gives no working link). */
export const mailedLinkId = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

export type NewOneTimeLink = {
  purpose: MailedLinkPurpose;
  email: string;
  /** Kept with the link, handed back when it is used. */
  data: Record<string, unknown>;
  minutes: number;
  /** The mail that carries it (null: none, the caller hands the link over): its kind, its idempotency
   * key's prefix and its data besides the token and the minutes. */
  mail: { kind: string; keyPrefix: string; data: Record<string, unknown> } | null;
};

/** Makes the link and queues its mail in `tx`; the caller wakes the mailer after its commit. */
export async function createMailedLink(
  tx: Tx,
  link: NewOneTimeLink,
  now: Date,
): Promise<{ token: string; expiresAt: Date }> {
  const token = crypto.randomBytes(32).toString("base64url");
  const id = mailedLinkId(token);
  const expiresAt = new Date(now.getTime() + link.minutes * 60_000);
  const { purpose, email, data, minutes, mail } = link;
  await insertMailedLink(tx, { id, purpose, email, data, createdAt: now, expiresAt });
  if (mail)
    await enqueueMail(
      tx,
      { kind: mail.kind, to: email, idempotencyKey: `${mail.keyPrefix}:${id}`, data: { token, minutes, ...mail.data } },
      now,
    );
  return { token, expiresAt };
}
