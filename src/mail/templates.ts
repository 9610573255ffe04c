// The mail kinds Parley sends and how each is rendered: at send time, from ids kept in the outbox row,
// so a mail says what is true when it leaves (a reply removed meanwhile is not mailed: render → null).
// Other areas add their kinds here (sign-in links, data exports): one entry with its audience rules.
import { publicUrl } from "../config/config.ts";
import type { Deps } from "../deps.ts";
import { html, type SafeHtml } from "../render/html.ts";
import {
  readCommentForMail,
  readCommentsForMail,
  readPublishedBetween,
  readThreadForMail,
} from "../store/mail-reads.ts";
import { buttonHtml, frameMail, quoteHtml, quoteText } from "./mail-layout.ts";
import { commentPermalink, confirmUrl, consoleCardUrl, readerDataUrl, unsubscribeUrl } from "./mail-links.ts";
import { mailMessages as m, type MailMessages } from "./messages.ts";
import { mailLanguage, mailMessagesIn } from "./mail-language.ts";

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

type OneTimeLinkWords = {
  subject: string;
  intro: (name: string) => string;
  action: string;
  after: (minutes: number) => string;
  notYou: string;
};

/** A moderator's account mail that carries one one-time link (`data.token`, hidden in the outbox). */
function oneTimeLinkMail(path: string, defaultMinutes: number, words: OneTimeLinkWords): MailTemplate {
  return {
    needsVerifiedAddress: false,
    readerMail: false, // a moderator's account mail
    secretFields: ["token"],
    async render({ deps }, data) {
      const url = `${publicUrl(deps.config)}${path}?t=${encodeURIComponent(String(data.token))}`;
      const minutes = Number(data.minutes) || defaultMinutes;
      const name = typeof data.name === "string" ? data.name : "";
      const lines = [words.intro(name), "", `${words.action}: ${url}`, "", words.after(minutes), words.notYou];
      const text = lines.join("\n");
      const body = html`<p>${words.intro(name)}</p>
        ${buttonHtml(url, words.action)}
        <p>${words.after(minutes)}</p>
        <p>${words.notYou}</p>`;
      return { subject: words.subject, ...frameMail({ siteName: "Parley", html: body, text }) };
    },
  };
}

type SubscriptionContent = { siteName: string; subject: string; text: string; html: SafeHtml };

/** A reader's mail about one of their subscriptions (a comment's replies, their comment's approval, a
 * thread's digest), in the language kept in its data: the footer stops this subscription or all mail,
 * List-Unsubscribe stops this one. `content` returns null when there is nothing to mail any more. */
function subscriptionMail(
  content: (ctx: RenderContext, data: Record<string, unknown>, t: MailMessages) => Promise<SubscriptionContent | null>,
): MailTemplate {
  return {
    needsVerifiedAddress: true,
    readerMail: true,
    async render(ctx, data) {
      const lang = mailLanguage(data.lang);
      const t = mailMessagesIn(lang);
      const mail = await content(ctx, data, t);
      if (!mail) return null;
      const stopThis = unsubscribeUrl(ctx.deps.config, { a: ctx.to, sub: String(data.subscriptionId) });
      const stopAll = unsubscribeUrl(ctx.deps.config, { a: ctx.to });
      const { subject, siteName, text } = mail;
      return {
        subject,
        ...frameMail({ lang, m: t, siteName, html: mail.html, text, stopThisUrl: stopThis, stopAllUrl: stopAll }),
        listUnsubscribe: stopThis,
      };
    },
  };
}

export const mailTemplates: Record<string, MailTemplate> = {
  "confirm-address": {
    needsVerifiedAddress: false,
    readerMail: true,
    async render({ deps, to, now }, data) {
      const lang = mailLanguage(data.lang);
      const t = mailMessagesIn(lang);
      const thread = typeof data.threadId === "string" ? await readThreadForMail(deps.db, data.threadId) : null;
      const site = thread?.siteName ?? "Parley";
      const title = thread?.title ?? site;
      const url = confirmUrl(deps.config, to, now);
      const stopAll = unsubscribeUrl(deps.config, { a: to });
      const text = [
        t.confirmIntro(site, title),
        "",
        `${t.confirmAction}: ${url}`,
        "",
        t.confirmAfter,
        "",
        t.confirmNotYou,
        stopAll,
      ].join("\n");
      const body = html`<p>${t.confirmIntro(site, title)}</p>
        ${buttonHtml(url, t.confirmAction)}
        <p>${t.confirmAfter}</p>`;
      return {
        subject: t.confirmSubject(site),
        ...frameMail({ lang, m: t, siteName: site, html: body, text, stopAllUrl: stopAll }),
        listUnsubscribe: stopAll,
      };
    },
  },

  reply: subscriptionMail(async ({ deps }, data, t) => {
    const reply = await readCommentForMail(deps.db, String(data.commentId));
    if (!reply || reply.status !== "published" || !reply.parentId) return null;
    const [parent, thread] = await Promise.all([
      readCommentForMail(deps.db, reply.parentId),
      readThreadForMail(deps.db, reply.threadId),
    ]);
    if (!parent || !thread) return null;
    const link = commentPermalink(deps.config, thread, reply.id);
    const text = [
      t.replyIntro(reply.authorName),
      "",
      quoteText(reply.bodySource),
      "",
      t.replyYouWrote,
      quoteText(parent.bodySource),
      "",
      `${t.replyAction}: ${link}`,
    ].join("\n");
    const body = html`<p>${t.replyIntro(reply.authorName)}</p>
        ${quoteHtml(reply.bodySource)}
        <p style="color:#5b6472">${t.replyYouWrote}</p>
        ${quoteHtml(parent.bodySource)} ${buttonHtml(link, t.replyAction)}`;
    return { siteName: thread.siteName, subject: t.replySubject(reply.authorName, thread.title), text, html: body };
  }),

  approved: subscriptionMail(async ({ deps }, data, t) => {
    const comment = await readCommentForMail(deps.db, String(data.commentId));
    if (!comment || comment.status !== "published") return null;
    const thread = await readThreadForMail(deps.db, comment.threadId);
    if (!thread) return null;
    const link = commentPermalink(deps.config, thread, comment.id);
    const text = [t.approvedIntro, "", quoteText(comment.bodySource), "", `${t.approvedAction}: ${link}`].join("\n");
    const body = html`<p>${t.approvedIntro}</p>
        ${quoteHtml(comment.bodySource)}${buttonHtml(link, t.approvedAction)}`;
    return { siteName: thread.siteName, subject: t.approvedSubject(thread.title), text, html: body };
  }),

  "thread-digest": subscriptionMail(async ({ deps, to }, data, t) => {
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
    const more = total - comments.length;
    const text = [
      t.digestIntro(total),
      "",
      ...comments.flatMap((c) => [
        t.commentBy(c.authorName),
        quoteText(c.bodySource),
        commentPermalink(deps.config, thread, c.id),
        "",
      ]),
      ...(more > 0 ? [t.digestMore(more), ""] : []),
      `${t.digestAction}: ${link}`,
    ].join("\n");
    const body = html`<p>${t.digestIntro(total)}</p>
        ${comments.map(
          (c) =>
            html`<p style="margin:16px 0 0">
                <a href="${commentPermalink(deps.config, thread, c.id)}" style="color:#1f5fbf"
                  >${t.commentBy(c.authorName)}</a
                >
              </p>
              ${quoteHtml(c.bodySource)}`,
        )}
        ${more > 0 ? html`<p>${t.digestMore(more)}</p>` : ""} ${buttonHtml(link, t.digestAction)}`;
    return { siteName: thread.siteName, subject: t.digestSubject(total, thread.title), text, html: body };
  }),

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
    async render({ deps, to, now }, data) {
      const lang = mailLanguage(data.lang);
      const t = mailMessagesIn(lang);
      const url = readerDataUrl(deps.config, to, now);
      const text = [t.yourDataIntro, "", `${t.yourDataAction}: ${url}`, "", t.yourDataNotYou].join("\n");
      const body = html`<p>${t.yourDataIntro}</p>
        ${buttonHtml(url, t.yourDataAction)}
        <p>${t.yourDataNotYou}</p>`;
      return { subject: t.yourDataSubject, ...frameMail({ lang, m: t, siteName: "Parley", html: body, text }) };
    },
  },

  "sign-in-link": {
    needsVerifiedAddress: false,
    readerMail: false, // asked for just now, and the way to verify the address
    secretFields: ["token"],
    async render({ deps }, data) {
      const lang = mailLanguage(data.lang);
      const t = mailMessagesIn(lang);
      const url = `${publicUrl(deps.config)}/auth/email/verify?t=${encodeURIComponent(String(data.token))}`;
      const minutes = Number(data.minutes) || deps.config.AUTH_EMAIL_LINK_MINUTES;
      const name = typeof data.name === "string" ? data.name : "";
      const text = [
        t.signInIntro(name),
        "",
        `${t.signInAction}: ${url}`,
        "",
        t.signInAfter(minutes),
        t.signInNotYou,
      ].join("\n");
      const body = html`<p>${t.signInIntro(name)}</p>
        ${buttonHtml(url, t.signInAction)}
        <p>${t.signInAfter(minutes)}</p>
        <p>${t.signInNotYou}</p>`;
      return { subject: t.signInSubject, ...frameMail({ lang, m: t, siteName: "Parley", html: body, text }) };
    },
  },

  "password-reset": oneTimeLinkMail("/moderate/reset-password", 30, {
    subject: m.passwordResetSubject,
    intro: m.passwordResetIntro,
    action: m.passwordResetAction,
    after: m.passwordResetAfter,
    notYou: m.passwordResetNotYou,
  }),

  // An admin's invitation to link a sign-in provider to a moderator account (src/identity/moderator-sign-in.ts).
  "moderator-link": oneTimeLinkMail("/moderate/link-provider", 60, {
    subject: m.moderatorLinkSubject,
    intro: m.moderatorLinkIntro,
    action: m.moderatorLinkAction,
    after: m.moderatorLinkAfter,
    notYou: m.moderatorLinkNotYou,
  }),

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
