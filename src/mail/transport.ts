// How mail leaves: nodemailer over SMTP (SMTP_URL, pooled connections), or, with no SMTP_URL, the
// embedded default that sends nothing: the worker stores the rendered mail (the console's Outbox shows
// it) and logs one line per mail, so a fresh `npm start` demonstrates the whole loop without a relay.
import type { Transporter } from "nodemailer";
import type { Logger } from "pino";
import type { Config } from "../config/config.ts";

export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: Record<string, string>;
};

export type MailTransport = {
  /** true: nothing is sent (no SMTP_URL); the outbox row is marked "stored". */
  embedded: boolean;
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
};

export function createMailTransport(config: Config, log: Logger): MailTransport {
  if (!config.SMTP_URL) {
    return {
      embedded: true,
      async send(mail) {
        log.info(
          { to: mail.to, subject: mail.subject, messageId: mail.messageId },
          "mail stored (SMTP_URL unset): see the console's Outbox",
        );
      },
      close() {},
    };
  }
  // nodemailer (~10 MB) loads with the first mail sent, not with the server.
  let smtp: Promise<Transporter> | undefined;
  const connect = () =>
    (smtp ??= import("nodemailer").then(({ default: nodemailer }) =>
      nodemailer.createTransport({
        url: config.SMTP_URL,
        pool: true,
        maxConnections: config.MAIL_CONCURRENCY,
        connectionTimeout: 15_000,
        greetingTimeout: 15_000,
        socketTimeout: 30_000,
      } as Parameters<typeof nodemailer.createTransport>[0]),
    ));
  return {
    embedded: false,
    async send(mail) {
      const transport = await connect();
      await transport.sendMail({
        from: config.MAIL_FROM,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        headers: mail.headers,
      });
    },
    close() {
      void smtp?.then((t) => t.close());
    },
  };
}

export type SendFailure = { temporary: boolean; addressRejected: boolean; reason: string };

/**
 * 5xx answers to the recipient or the message are permanent and say the address does not take our mail
 * (suppress it); 5xx to our own commands (AUTH, MAIL FROM) are our configuration's fault: retried, like
 * 4xx answers and network errors.
 */
export function classifySendError(err: unknown): SendFailure {
  const e = err as { responseCode?: number; command?: string; code?: string; response?: string; message?: string };
  const reason = (e.response ?? e.message ?? String(err)).slice(0, 500);
  const code = typeof e.responseCode === "number" ? e.responseCode : 0;
  const aboutRecipient = e.code === "EENVELOPE" || e.command === "RCPT TO" || e.command === "DATA";
  if (code >= 500 && aboutRecipient) return { temporary: false, addressRejected: true, reason };
  return { temporary: true, addressRejected: false, reason };
}
