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
  postingTooQuickly: "You are posting too quickly. Please wait {seconds} seconds.",
  networkTooQuickly: "Too many comments from your network just now. Please wait {seconds} seconds.",
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
} as const;

export type ErrorReason = keyof typeof ErrorReasons;
export type ReasonParams = Record<string, string | number>;
/** What a field's message says, by key: the client or the error handler words it in a language. */
export type FieldReason = { reason: ErrorReason; params?: ReasonParams };

export const isErrorReason = (key: string): key is ErrorReason => Object.hasOwn(ErrorReasons, key);

/** A reason's English, filled. */
export const reasonText = (reason: ErrorReason, params: ReasonParams = {}): string =>
  fill(ErrorReasons[reason], params);
