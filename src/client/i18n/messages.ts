// The shape of one language's catalog: every string a reader or moderator reads, in one place per
// language (en.ts, de.ts, fr.ts). Functions take what the sentence needs; counts go through
// Intl.PluralRules (plural() below), never `n === 1 ? … : …`, because French counts 0 and 1 alike.
import { fill } from "../../domain/fill.ts";

export { fill };

export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

export type Messages = {
  /** BCP 47 tag for Intl (dates, numbers, plural rules). */
  locale: string;
  // The thread heading
  noResponses: string;
  /** "{n} Responses": `{n}` is replaced by the formatted count; `one` may leave it out ("One Response"). */
  responses: PluralForms;
  /** "{label} to {title}" */
  responsesTo: string;
  // One comment
  says: string;
  moderator: string;
  edited: string;
  verified: string;
  signedInWith: string; // "{provider}", read out after "verified"
  verifiedTitle: string; // "{provider}", the mark's tooltip
  awaiting: string;
  removed: string;
  reply: string;
  replyTo: string; // "{name}"
  commentBy: string; // "{name}"
  edit: string;
  editYours: string;
  delete: string;
  deleteYours: string;
  report: string;
  reportBy: string; // "{name}"
  /** "October 11, 2017 at 3:00 pm": the date and the time, already formatted. */
  dateAt: string; // "{date}" "{time}"
  // Sources under a comment
  sources: string;
  links: string;
  linkChecked: string;
  linkBroken: string;
  linkNotVerified: string;
  siteNotReachable: string;
  notCheckedYet: string;
  /** A link the site's links-checked caps left unchecked (a comment with very many links). */
  linkNotChecked: string;
  checkedOn: string; // "{date}"
  fragmentMissing: string; // "{fragment}"
  // The widget
  comments: string;
  noComments: string;
  commentCount: PluralForms;
  sort: string;
  oldestFirst: string;
  newestFirst: string;
  loading: string;
  live: string;
  liveTitle: string;
  poweredBy: string;
  loadMore: PluralForms; // "{n}" threads more
  showNew: PluralForms; // "{n}" new comments
  closed: string;
  leaveComment: string;
  joinDiscussion: string;
  replyPlaceholder: string; // "{name}"
  commentLabel: string;
  yourReply: string;
  name: string;
  email: string;
  website: string;
  neverShown: string;
  saveDetails: string;
  notifyReplies: string;
  notifyPage: string;
  postComment: string;
  postReply: string;
  cancel: string;
  posting: string;
  posted: string;
  /** The comment syntax in one line, under the comment box. */
  bodyHint: string;
  // The widget's own: signing in, its notes and what it announces
  commentingAs: string; // "{name}" "{provider}"
  logOut: string;
  change: string;
  unavailableNow: string;
  logInWith: string;
  orLogInWith: string;
  emailMeLink: string;
  signedInOnlyNote: string;
  anonymousHeldNote: string;
  didNotWork: string;
  tryAgain: string;
  editAwaiting: string;
  updated: string;
  deleted: string;
  newShown: PluralForms;
  loadFailed: string;
  notOnThisSite: string;
  unknownSite: string;
  cannotStart: string;
  offline: string;
  serverAnswered: string; // "{status}"
  popupBlocked: string;
  loggedOut: string;
  closedKeep: string;
  /** The words of the bundles loaded later (embed-panels.js, embed-post.js): English's stay in those
   * bundles (en.ts enLater), so `en` leaves them out; every other language has them here. */
  later?: LaterMessages;
};

export type LaterMessages = {
  saveChanges: string;
  deleteConfirm: string;
  reportWhy: string;
  reportSpam: string;
  reportAbuse: string;
  reportOffTopic: string;
  reportOther: string;
  reportNote: string;
  sendReport: string;
  reportThanks: string;
  reportedAlready: string;
  emailForLink: string;
  sendLink: string;
  sending: string;
  mailboxSent: string; // "{email}"
  linkNotSent: string;
  linkNotAsked: string;
  couldNotPost: string;
  confirmSent: string;
};

const rules = new Map<string, Intl.PluralRules>();

/** The plural form for `n` in the catalog's language, unfilled (for a page that sets `{n}` in markup). */
export function pluralForm(m: Pick<Messages, "locale">, forms: PluralForms, n: number): string {
  let pr = rules.get(m.locale);
  if (!pr) rules.set(m.locale, (pr = new Intl.PluralRules(m.locale)));
  return (n === 0 ? forms.zero : undefined) ?? forms[pr.select(n)] ?? forms.other;
}

/** The plural form for `n` in the catalog's language, with `{n}` filled by the locale's number format. */
export function plural(m: Pick<Messages, "locale">, forms: PluralForms, n: number): string {
  return fill(pluralForm(m, forms, n), { n: new Intl.NumberFormat(m.locale).format(n) });
}
