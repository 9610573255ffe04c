// Every string a mail says, in one catalog (English), so the translation issue can take it over as is:
// keys are stable, values are plain functions of plain data. Callers escape (html``) what they embed.
export const mailMessages = {
  yourDataSubject: "Your comments and data on Parley",
  yourDataIntro:
    "You asked to see what Parley stores about this email address. The link below shows it, lets you download it, " +
    "and lets you anonymise or delete your comments. It works for 24 hours.",
  yourDataAction: "See my data",
  yourDataNotYou: "If you did not ask, ignore this mail: nothing changes unless the link is used.",
  signInSubject: "Your sign-in link for Parley",
  signInIntro: (name: string) => `Hello ${name}, use the button below to sign in and comment.`,
  signInAction: "Sign me in",
  signInAfter: (minutes: number) => `The link works once, for ${minutes} minutes.`,
  signInNotYou: "If you did not ask, ignore this mail: nobody can sign in without the link.",
  passwordResetSubject: "Reset your Parley password",
  passwordResetIntro: (name: string) => `Hello ${name}, someone (we hope you) asked to reset your Parley password.`,
  passwordResetAction: "Choose a new password",
  passwordResetAfter: (minutes: number) =>
    `The link works once, for ${minutes} minutes. Setting a new password signs you out everywhere.`,
  passwordResetNotYou: "If you did not ask, ignore this mail: your password stays as it is.",
  moderatorLinkSubject: "Link a sign-in provider to your Parley moderator account",
  moderatorLinkIntro: (name: string) =>
    `Hello ${name}, an admin invited you to sign in to the Parley console with an identity provider ` +
    "(for example your company's single sign-on) instead of your password.",
  moderatorLinkAction: "Choose a provider and link it",
  moderatorLinkAfter: (minutes: number) =>
    `The invitation works once, for ${minutes} minutes. Your password keeps working.`,
  moderatorLinkNotYou:
    "If you did not expect this, do not use the link and tell an admin: whoever uses it can sign in as you.",
  loginFailuresSubject: "Failed sign-ins to your Parley account",
  loginFailuresIntro: (n: number, minutes: number) =>
    `${n} wrong passwords were tried for your Parley moderator account in the last ${minutes} minutes.`,
  loginFailuresAfter:
    "Your account is not locked: you can still sign in. If it was not you, someone is guessing your password; " +
    "choose a strong one (or reset it from the sign-in page).",
  footerWhy: (site: string) => `You get this mail because of your activity on ${site}.`,
  footerStopThis: "Stop these mails",
  footerStopAll: (site: string) => `Stop all mail from ${site}`,

  confirmSubject: (site: string) => `Confirm your email address for ${site}`,
  confirmIntro: (site: string, title: string) =>
    `Someone (we hope you) asked ${site} to send notifications about “${title}” to this address.`,
  confirmAction: "Confirm my address",
  confirmAfter: "Until you confirm, we send nothing else to this address. The link works for 7 days.",
  confirmNotYou: "Not you? Ignore this mail, or stop all mail to this address:",

  replySubject: (author: string, title: string) => `${author} replied to your comment on “${title}”`,
  replyIntro: (author: string) => `${author} replied to your comment:`,
  replyYouWrote: "You wrote:",
  replyAction: "Read the reply",

  approvedSubject: (title: string) => `Your comment on “${title}” is published`,
  approvedIntro: "Your comment waited for moderation and is now published: everyone can read it.",
  approvedAction: "See your comment",

  digestSubject: (n: number, title: string) => `${n} new ${n === 1 ? "comment" : "comments"} on “${title}”`,
  digestIntro: (n: number) =>
    `${n} new ${n === 1 ? "comment was" : "comments were"} published in a discussion you follow:`,
  digestMore: (n: number) => `…and ${n} more.`,
  digestAction: "Read the discussion",
  commentBy: (author: string) => `${author} wrote:`,

  moderatorAlertSubject: (status: string, title: string) => `A comment is ${status} on “${title}”`,
  moderatorAlertIntro: (author: string, status: string) => `${author}'s comment is ${status} and waits for a decision.`,
  moderatorAlertReasons: (reasons: string) => `Why: ${reasons}`,
  moderatorDigestSubject: (n: number) => `${n} ${n === 1 ? "comment waits" : "comments wait"} for moderation`,
  moderatorDigestIntro: (n: number) =>
    `In the last hour, ${n} ${n === 1 ? "comment was" : "comments were"} held or reported:`,
  moderatorAction: "Open in the console",
  moderatorFooter: "Change how often you get these in the console (Mail alerts).",
} as const;

/** A catalog's shape: English's, with any wording in place of its literal strings. */
export type MailMessages = {
  [K in keyof typeof mailMessages]: (typeof mailMessages)[K] extends string ? string : (typeof mailMessages)[K];
};

/** What a reader's mail says (the rest is moderators' mail, English only): German and French have these. */
export type ReaderMailMessages = Omit<
  MailMessages,
  `passwordReset${string}` | `loginFailures${string}` | `moderator${string}`
>;
