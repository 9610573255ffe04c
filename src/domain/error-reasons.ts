// Messages more precise than their error code's own (ErrorCodes in errors.ts): each under a stable key,
// in English with {placeholders}. A service throws `new AppError("VALIDATION", { reason: "tooLong",
// params: { n: 2000 } })`; the JSON error carries code, reason and params, and the message is worded in
// the request's language from the catalogs (src/client/i18n/*.ts `reasons`, one entry per key here).
import { fill } from "./fill.ts";

export const ErrorReasons = {
  nothingAt: "Nothing at {method} {path}.",
  noSuchCommentPage: "There is no such comment page.",
  noSuchComment: "There is no such comment.",
  rateLimitedSeconds: "Too many requests; try again in {seconds} s.",
  internalWithId: "Something went wrong on our side (error id {id}).",
  writeComment: "Please write a comment.",
  enterName: "Please enter your name.",
  nameTooLong: "Please use at most 80 characters.",
  enterEmail: "Please enter your email address.",
  validEmail: "Please enter a valid email address.",
  webAddress: "Use a web address starting with http:// or https://.",
  removeNul: "Please remove the NUL character from this field.",
  idNotValid: "This id is not valid.",
  required: "Required.",
  notEmpty: "Must not be empty.",
  atMostCharacters: "Must be {n} characters or fewer.",
  atLeastCharacters: "Must be at least {n} characters.",
  atLeast: "Must be at least {n}.",
  atMost: "Must be {n} or less.",
  oneOf: "Must be one of {values}.",
  // zod's type checks as validation-messages.ts words them (the settings forms)
  aNumber: "Must be a number.",
  wholeNumber: "Must be a whole number.",
  trueOrFalse: "Must be true or false.",
  text: "Must be text.",
  aList: "Must be a list.",
  addAtLeastOne: "Add at least one.",
  tooShort: "Please write at least {n} characters.",
  tooLong: "Comments are limited to {n} characters.",
  // Plural forms by the count they name (Intl.PluralRules picks one; see reasonWords below).
  postingTooQuickly: {
    one: "You are posting too quickly. Please wait {seconds} second.",
    other: "You are posting too quickly. Please wait {seconds} seconds.",
  },
  networkTooQuickly: {
    one: "Too many comments from your network just now. Please wait {seconds} second.",
    other: "Too many comments from your network just now. Please wait {seconds} seconds.",
  },
  parentElsewhere: "The comment you are replying to is not in this thread.",
  signInOtherSite: "This sign-in belongs to another site; sign in again here.",
  providerUnavailable:
    "{provider} sign-in is unavailable right now (Parley could not reach it). You can still comment with your name and email.",
  providerTimeout: "{provider} did not answer in time. Please try again later.",
  accountMayNotSignIn: "This account may not sign in here.",
  dataLinkNotValid: "This link is not valid or has expired. Ask for a new one.",
  signInLinkNotValid: "This sign-in link is not valid.",
  signInLinkNotValidAsk: "This sign-in link is not valid. Ask for a new one.",
  signInLinkUsed: "This sign-in link was already used: each link works once. Ask for a new one.",
  signInLinkExpired: "This sign-in link has expired (links work for {minutes} minutes). Ask for a new one.",
  tooManyLinksMinute: "Too many sign-in links were sent to this address; try again in {minutes} minute.",
  tooManyLinksMinutes: "Too many sign-in links were sent to this address; try again in {minutes} minutes.",
  // A quota per network address (http/rate-limit.ts quotaPerIp), one pair per thing counted
  quotaConfirmationsMinute: "Too many confirmation mails from your network; try again in {minutes} minute.",
  quotaConfirmations: "Too many confirmation mails from your network; try again in {minutes} minutes.",
  quotaThreadsMinute: "Too many new discussions from your network; try again in {minutes} minute.",
  quotaThreads: "Too many new discussions from your network; try again in {minutes} minutes.",
  quotaResetsMinute: "Too many password reset requests from your network; try again in {minutes} minute.",
  quotaResets: "Too many password reset requests from your network; try again in {minutes} minutes.",
  quotaDataRequestsMinute: "Too many data requests from your network; try again in {minutes} minute.",
  quotaDataRequests: "Too many data requests from your network; try again in {minutes} minutes.",
  quotaSignInLinksMinute: "Too many sign-in links from your network; try again in {minutes} minute.",
  quotaSignInLinks: "Too many sign-in links from your network; try again in {minutes} minutes.",
  // Moderators'
  onlyAdmins: "Only admins may do that.",
  noSuchSite: "There is no such site.",
  noSuchModerator: "There is no such moderator.",
  lastAdmin: "This is the last active admin: make another admin first.",
  moderatorExists: "A moderator with this email already exists.",
  tooManyFailedSignIns: "Too many failed sign-ins from your network; try again later.",
  notBanned: "This author is not banned.",
  resetLinkNotValid: "This reset link is not valid.",
  // Moderators' decisions and mail
  commentChanged: "This comment changed since you loaded it. Reload it and decide again.",
  cannotDecide: "Cannot {action} a comment that is {status}.",
  noSuchMail: "No such mail.",
  addressNotStopped: "That address is not stopped.",
  cannotChangeSelf: "You cannot change your own role or disable yourself; ask another admin.",
  resetLinkUsed: "This reset link was already used: each link works once. Ask for a new one.",
  resetLinkExpired: "This reset link has expired (links work for {minutes} minutes). Ask for a new one.",
  noArticleHere: "There is no article at this address.",
  noArticleSlug: "There is no article with this slug.",
  noSuchImport: "No import has this id.",
  importTooLarge: "The file is larger than {mib} MiB (IMPORT_MAX_UPLOAD_MB).",
  // Moderators' invitations and linked sign-in providers
  invitationNotValid: "This invitation is not valid.",
  invitationNotValidAsk: "This invitation is not valid. Ask an admin for a new one.",
  invitationUsed: "This invitation was already used: each works once. Ask an admin for a new one.",
  invitationExpired:
    "This invitation has expired (invitations work for {minutes} minutes). Ask an admin for a new one.",
  disabledNoLink: "This account is disabled: enable it before linking a provider.",
  noProviderToLink: "No sign-in provider is set up (AUTH_* settings): there is nothing to link.",
  providerAlreadyLinked: "This {provider} account is already linked to a moderator account. Nothing was changed.",
  providerNotLinkedAsk:
    "This {provider} account is not linked to a moderator account. Nothing was saved. An admin can send you an invitation to link it (Moderators → Link a sign-in provider).",
  providerNotLinked: "That sign-in provider is not linked to this account.",
  // A provider's sign-in refused (identity/identity-client.ts refusal), one per way
  signInCodeRefused:
    "Sign-in with {provider} was refused: the sign-in code was not accepted by the provider (already used, expired or not issued for this sign-in). Nothing was saved; please try again.",
  signInDenied:
    "Sign-in with {provider} was refused: you did not allow Parley to see who you are. Nothing was saved; please try again.",
  signInStateMismatch:
    "Sign-in with {provider} was refused: the answer did not match the sign-in this browser started (state). Nothing was saved; please try again.",
  signInNonceMismatch:
    "Sign-in with {provider} was refused: the identity token was issued for another sign-in (nonce). Nothing was saved; please try again.",
  signInTokenExpired:
    "Sign-in with {provider} was refused: the identity token has expired. Nothing was saved; please try again.",
  signInTokenTime:
    "Sign-in with {provider} was refused: the identity token's time is not valid. Nothing was saved; please try again.",
  signInProviderSaid:
    'Sign-in with {provider} was refused: the provider answered "{error}". Nothing was saved; please try again.',
  signInUnverified:
    "Sign-in with {provider} was refused: its answer could not be verified. Nothing was saved; please try again.",
  // Readers' sign-in and requests the server could not read
  widgetOutdated: "Reload the page: the comment widget is out of date.",
  popupOriginRefused: "Sign-in cannot hand a token to {origin}: it is not on this site's allowed origins.",
  popupNamesSite: "A popup sign-in names its site and origin.",
  controlCharacters: "The address contains control characters.",
  bodyNotJson: "The request body is not valid JSON.",
  sendUtf8Json: "Send UTF-8 encoded JSON.",
  tooManyFormFields: "Too many form fields.",
  originRefused:
    "This website ({origin}) is not allowed to show these comments. The site's owner can add it to the site's allowed origins in Parley.",
  confirmationsToday:
    "We have already sent several confirmation mails to this address today. Confirm with one of them, or post without the notify boxes.",
  requestUnreadable: "The request could not be read.",
} as const;

export type ErrorReason = keyof typeof ErrorReasons;
export type ReasonParams = Record<string, string | number>;
/** What a field's message says, by key: the client or the error handler words it in a language. */
export type FieldReason = { reason: ErrorReason; params?: ReasonParams };

export const isErrorReason = (key: string): key is ErrorReason => Object.hasOwn(ErrorReasons, key);

/** A reason's words: one text, or plural forms chosen by the one number its placeholders name. */
export type PluralReason = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
export type ReasonWords = string | PluralReason;
/** A catalog's words for every reason, plural where English is plural (a missing form does not compile). */
export type ReasonCatalog = {
  [K in ErrorReason]: (typeof ErrorReasons)[K] extends string ? string : PluralReason;
};

/** The text for these params: a plural reason's form for its count in `locale` (Intl.PluralRules). */
export function reasonForm(words: ReasonWords, params: ReasonParams, locale: string): string {
  if (typeof words === "string") return words;
  const count = [...words.other.matchAll(/\{(\w+)\}/g)]
    .map((m) => params[m[1] ?? ""])
    .find((v) => typeof v === "number");
  if (count === undefined) return words.other;
  return words[new Intl.PluralRules(locale).select(count)] ?? words.other;
}

/** A reason's English, filled. */
export const reasonText = (reason: ErrorReason, params: ReasonParams = {}): string =>
  fill(reasonForm(ErrorReasons[reason], params, "en"), params);
