// The mail kinds Parley sends and how each is rendered: at send time, from ids kept in the outbox row,
// so a mail says what is true when it leaves (a reply removed meanwhile is not mailed: render → null).
// Other areas add their kinds here (sign-in links, data exports): one entry with its audience rules.
import { publicUrl } from "../config/config.ts";
import type { Deps } from "../deps.ts";
import { html } from "../render/html.ts";
import {
  readCommentForMail,
  readCommentsForMail,
  readPublishedBetween,
  readThreadForMail,
} from "../store/mail-reads.ts";
import { buttonHtml, frameMail, quoteHtml, quoteText } from "./mail-layout.ts";
import { commentPermalink, confirmUrl, consoleCardUrl, readerDataUrl, unsubscribeUrl } from "./mail-links.ts";
import { mailMessages as m } from "./messages.ts";

export type RenderContext = { deps: Deps; to: string; now: Date };
export type MailContent = { subject: string; text: string; html: string; listUnsubscribe?: string };

export type MailTemplate = {
  /** Reader mail that waits for the address's owner to confirm it (everything but the confirmation itself). */
  needsVerifiedAddress: boolean;
  /** Stopped by the reader's "stop all mail" (moderators' account mail is not). */
  readerMail: boolean;
  /** Fields of the mail's data that are one-time secrets (a sign-in or reset link's token): sent to the
   * address's owner, hidden in what the outbox keeps (its preview in the console, its data). */
  secretFields?: readonly string[];
  render(ctx: RenderContext, data: Record<string, unknown>): Promise<MailContent | null>;
};

const DIGEST_LIST_MAX = 10;

export const mailTemplates: Record<string, MailTemplate> = {
  "confirm-address": {
    needsVerifiedAddress: false,
    readerMail: true,
    async render({ deps, to, now }, data) {
      const thread = typeof data.threadId === "string" ? await readThreadForMail(deps.db, data.threadId) : null;
      const site = thread?.siteName ?? "Parley";
      const title = thread?.title ?? site;
      const url = confirmUrl(deps.config, to, now);
      const stopAll = unsubscribeUrl(deps.config, { a: to });
      const text = [
        m.confirmIntro(site, title),
        "",
        `${m.confirmAction}: ${url}`,
        "",
        m.confirmAfter,
        "",
        m.confirmNotYou,
        stopAll,
      ].join("\n");
      const body = html`<p>${m.confirmIntro(site, title)}</p>
        ${buttonHtml(url, m.confirmAction)}
        <p>${m.confirmAfter}</p>`;
      return {
        subject: m.confirmSubject(site),
        ...frameMail({ siteName: site, html: body, text, stopAllUrl: stopAll }),
        listUnsubscribe: stopAll,
      };
    },
  },

  reply: {
    needsVerifiedAddress: true,
    readerMail: true,
    async render({ deps, to }, data) {
      const reply = await readCommentForMail(deps.db, String(data.commentId));
      if (!reply || reply.status !== "published" || !reply.parentId) return null;
      const [parent, thread] = await Promise.all([
        readCommentForMail(deps.db, reply.parentId),
        readThreadForMail(deps.db, reply.threadId),
      ]);
      if (!parent || !thread) return null;
      const link = commentPermalink(deps.config, thread, reply.id);
      const stopThis = unsubscribeUrl(deps.config, { a: to, sub: String(data.subscriptionId) });
      const stopAll = unsubscribeUrl(deps.config, { a: to });
      const text = [
        m.replyIntro(reply.authorName),
        "",
        quoteText(reply.bodySource),
        "",
        m.replyYouWrote,
        quoteText(parent.bodySource),
        "",
        `${m.replyAction}: ${link}`,
      ].join("\n");
      const body = html`<p>${m.replyIntro(reply.authorName)}</p>
        ${quoteHtml(reply.bodySource)}
        <p style="color:#5b6472">${m.replyYouWrote}</p>
        ${quoteHtml(parent.bodySource)} ${buttonHtml(link, m.replyAction)}`;
      return {
        subject: m.replySubject(reply.authorName, thread.title),
        ...frameMail({ siteName: thread.siteName, html: body, text, stopThisUrl: stopThis, stopAllUrl: stopAll }),
        listUnsubscribe: stopThis,
      };
    },
  },

  approved: {
    needsVerifiedAddress: true,
    readerMail: true,
    async render({ deps, to }, data) {
      const comment = await readCommentForMail(deps.db, String(data.commentId));
      if (!comment || comment.status !== "published") return null;
      const thread = await readThreadForMail(deps.db, comment.threadId);
      if (!thread) return null;
      const link = commentPermalink(deps.config, thread, comment.id);
      const stopThis = unsubscribeUrl(deps.config, { a: to, sub: String(data.subscriptionId) });
      const stopAll = unsubscribeUrl(deps.config, { a: to });
      const text = [m.approvedIntro, "", quoteText(comment.bodySource), "", `${m.approvedAction}: ${link}`].join("\n");
      const body = html`<p>${m.approvedIntro}</p>
        ${quoteHtml(comment.bodySource)}${buttonHtml(link, m.approvedAction)}`;
      return {
        subject: m.approvedSubject(thread.title),
        ...frameMail({ siteName: thread.siteName, html: body, text, stopThisUrl: stopThis, stopAllUrl: stopAll }),
        listUnsubscribe: stopThis,
      };
    },
  },

  "thread-digest": {
    needsVerifiedAddress: true,
    readerMail: true,
    async render({ deps, to }, data) {
      const thread = await readThreadForMail(deps.db, String(data.threadId));
      if (!thread) return null;
      const { comments, total } = await readPublishedBetween(deps.db, {
        threadId: thread.id,
        since: new Date(String(data.since)),
        until: new Date(String(data.until)),
        exceptAddress: to,
        limit: DIGEST_LIST_MAX,
      });
      if (!total) return null;
      const link = commentPermalink(deps.config, thread, comments[0]?.id);
      const stopThis = unsubscribeUrl(deps.config, { a: to, sub: String(data.subscriptionId) });
      const stopAll = unsubscribeUrl(deps.config, { a: to });
      const more = total - comments.length;
      const text = [
        m.digestIntro(total),
        "",
        ...comments.flatMap((c) => [
          m.commentBy(c.authorName),
          quoteText(c.bodySource),
          commentPermalink(deps.config, thread, c.id),
          "",
        ]),
        ...(more > 0 ? [m.digestMore(more), ""] : []),
        `${m.digestAction}: ${link}`,
      ].join("\n");
      const body = html`<p>${m.digestIntro(total)}</p>
        ${comments.map(
          (c) =>
            html`<p style="margin:16px 0 0">
                <a href="${commentPermalink(deps.config, thread, c.id)}" style="color:#1f5fbf"
                  >${m.commentBy(c.authorName)}</a
                >
              </p>
              ${quoteHtml(c.bodySource)}`,
        )}
        ${more > 0 ? html`<p>${m.digestMore(more)}</p>` : ""} ${buttonHtml(link, m.digestAction)}`;
      return {
        subject: m.digestSubject(total, thread.title),
        ...frameMail({ siteName: thread.siteName, html: body, text, stopThisUrl: stopThis, stopAllUrl: stopAll }),
        listUnsubscribe: stopThis,
      };
    },
  },

  "moderator-alert": {
    needsVerifiedAddress: false,
    readerMail: false,
    async render({ deps }, data) {
      const comment = await readCommentForMail(deps.db, String(data.commentId));
      if (!comment || (comment.status !== "held" && comment.status !== "pending")) return null; // decided meanwhile
      const thread = await readThreadForMail(deps.db, comment.threadId);
      if (!thread) return null;
      const status = typeof data.reason === "string" ? data.reason : comment.status;
      const reasons = (Array.isArray(comment.flags) ? comment.flags : [])
        .map((f) => String((f as { code?: unknown }).code))
        .join(", ");
      const link = consoleCardUrl(deps.config, comment.id);
      const text = [
        m.moderatorAlertIntro(comment.authorName, status),
        reasons ? m.moderatorAlertReasons(reasons) : "",
        "",
        quoteText(comment.bodySource),
        "",
        `${m.moderatorAction}: ${link}`,
      ].join("\n");
      const body = html`<p>${m.moderatorAlertIntro(comment.authorName, status)}</p>
        ${reasons ? html`<p>${m.moderatorAlertReasons(reasons)}</p>` : ""} ${quoteHtml(comment.bodySource)}
        ${buttonHtml(link, m.moderatorAction)}`;
      return {
        subject: m.moderatorAlertSubject(status, thread.title),
        ...frameMail({ siteName: thread.siteName, html: body, text, footerNote: m.moderatorFooter }),
      };
    },
  },

  // A reader asked for their data (src/privacy/): the link proves they read this mailbox.
  "your-data": {
    needsVerifiedAddress: false,
    readerMail: false, // asked for just now: sent even to an address that stopped all other mail
    async render({ deps, to, now }) {
      const url = readerDataUrl(deps.config, to, now);
      const text = [m.yourDataIntro, "", `${m.yourDataAction}: ${url}`, "", m.yourDataNotYou].join("\n");
      const body = html`<p>${m.yourDataIntro}</p>
        ${buttonHtml(url, m.yourDataAction)}
        <p>${m.yourDataNotYou}</p>`;
      return { subject: m.yourDataSubject, ...frameMail({ siteName: "Parley", html: body, text }) };
    },
  },

  "sign-in-link": {
    needsVerifiedAddress: false,
    readerMail: false, // asked for just now, and the way to verify the address
    secretFields: ["token"],
    async render({ deps }, data) {
      const url = `${publicUrl(deps.config)}/auth/email/verify?t=${encodeURIComponent(String(data.token))}`;
      const minutes = Number(data.minutes) || deps.config.AUTH_EMAIL_LINK_MINUTES;
      const name = typeof data.name === "string" ? data.name : "";
      const text = [
        m.signInIntro(name),
        "",
        `${m.signInAction}: ${url}`,
        "",
        m.signInAfter(minutes),
        m.signInNotYou,
      ].join("\n");
      const body = html`<p>${m.signInIntro(name)}</p>
        ${buttonHtml(url, m.signInAction)}
        <p>${m.signInAfter(minutes)}</p>
        <p>${m.signInNotYou}</p>`;
      return { subject: m.signInSubject, ...frameMail({ siteName: "Parley", html: body, text }) };
    },
  },

  "password-reset": {
    needsVerifiedAddress: false,
    readerMail: false, // a moderator's account mail
    secretFields: ["token"],
    async render({ deps }, data) {
      const url = `${publicUrl(deps.config)}/moderate/reset-password?t=${encodeURIComponent(String(data.token))}`;
      const minutes = Number(data.minutes) || 30;
      const name = typeof data.name === "string" ? data.name : "";
      const text = [
        m.passwordResetIntro(name),
        "",
        `${m.passwordResetAction}: ${url}`,
        "",
        m.passwordResetAfter(minutes),
        m.passwordResetNotYou,
      ].join("\n");
      const body = html`<p>${m.passwordResetIntro(name)}</p>
        ${buttonHtml(url, m.passwordResetAction)}
        <p>${m.passwordResetAfter(minutes)}</p>
        <p>${m.passwordResetNotYou}</p>`;
      return { subject: m.passwordResetSubject, ...frameMail({ siteName: "Parley", html: body, text }) };
    },
  },

  "login-failures": {
    needsVerifiedAddress: false,
    readerMail: false,
    async render(_ctx, data) {
      const n = Number(data.failures) || 0;
      const minutes = Number(data.minutes) || 15;
      const text = [m.loginFailuresIntro(n, minutes), "", m.loginFailuresAfter].join("\n");
      const body = html`<p>${m.loginFailuresIntro(n, minutes)}</p>
        <p>${m.loginFailuresAfter}</p>`;
      return { subject: m.loginFailuresSubject, ...frameMail({ siteName: "Parley", html: body, text }) };
    },
  },

  "moderator-digest": {
    needsVerifiedAddress: false,
    readerMail: false,
    async render({ deps }, data) {
      const ids = Array.isArray(data.commentIds) ? data.commentIds.map(String) : [];
      const waiting = (await readCommentsForMail(deps.db, ids)).filter(
        (c) => c.status === "held" || c.status === "pending",
      );
      if (!waiting.length) return null;
      const lines = waiting.map((c) => ({ c, link: consoleCardUrl(deps.config, c.id) }));
      const text = [
        m.moderatorDigestIntro(waiting.length),
        "",
        ...lines.flatMap(({ c, link }) => [m.commentBy(c.authorName), quoteText(c.bodySource.slice(0, 300)), link, ""]),
      ].join("\n");
      const body = html`<p>${m.moderatorDigestIntro(waiting.length)}</p>
        ${lines.map(
          ({ c, link }) =>
            html`<p style="margin:16px 0 0"><a href="${link}" style="color:#1f5fbf">${m.commentBy(c.authorName)}</a></p>
              ${quoteHtml(c.bodySource.slice(0, 300))}`,
        )}`;
      return {
        subject: m.moderatorDigestSubject(waiting.length),
        ...frameMail({ siteName: "Parley", html: body, text, footerNote: m.moderatorFooter }),
      };
    },
  },
};
