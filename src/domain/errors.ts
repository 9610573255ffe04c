// One error type for everything a user can be told, with stable codes. Services throw AppError;
// src/http/error-handler.ts maps it to HTTP. Services never know about HTTP beyond the status hint.
// A message more precise than the code's names its reason (error-reasons.ts), so it can be worded in
// any language; a bare `message` stays English everywhere.
import { reasonText, type ErrorReason, type FieldReason, type ReasonParams } from "./error-reasons.ts";

export const ErrorCodes = {
  VALIDATION: { status: 422, message: "Some fields are not valid." },
  NOT_FOUND: { status: 404, message: "Not found." },
  THREAD_NOT_FOUND: { status: 404, message: "This comment thread does not exist." },
  COMMENT_NOT_FOUND: { status: 404, message: "This comment does not exist." },
  SITE_NOT_FOUND: { status: 404, message: "This site is not registered with Parley." },
  ORIGIN_NOT_ALLOWED: { status: 403, message: "This website is not allowed to show these comments." },
  PAYLOAD_TOO_LARGE: { status: 413, message: "The request body is too large." },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: "Send JSON (Content-Type: application/json)." },
  MALFORMED_BODY: { status: 400, message: "The request body could not be read." },
  BAD_REQUEST: { status: 400, message: "Bad request." },
  UNAUTHENTICATED: { status: 401, message: "Sign in first." },
  INVALID_CREDENTIALS: { status: 401, message: "That email and password do not match an account." },
  FORBIDDEN: { status: 403, message: "You may not do that." },
  CSRF_FAILED: { status: 403, message: "The request did not carry a valid CSRF token." },
  CONFLICT: { status: 409, message: "The resource changed since you loaded it." },
  THREAD_CLOSED: { status: 403, message: "Comments are closed on this thread." },
  BANNED: { status: 403, message: "You cannot comment here." },
  RATE_LIMITED: { status: 429, message: "Too many requests; try again later." },
  DUPLICATE_COMMENT: { status: 409, message: "You already said that." },
  ACTION_NOT_ALLOWED: { status: 422, message: "That action does not apply to this comment in its current status." },
  ALREADY_REPORTED: { status: 409, message: "You have already reported this comment." },
  BAD_EDIT_TOKEN: { status: 403, message: "This browser cannot edit that comment." },
  EDIT_WINDOW_CLOSED: { status: 403, message: "The time to edit or delete this comment is over." },
  NOT_EDITABLE: { status: 403, message: "This comment can no longer be changed." },
  HAS_REPLIES: { status: 403, message: "Someone has replied, so this comment can no longer be edited or deleted." },
  PROVIDER_NOT_CONFIGURED: { status: 404, message: "That sign-in provider is not set up on this site." },
  PROVIDER_UNAVAILABLE: { status: 503, message: "That sign-in provider cannot be reached right now." },
  SIGN_IN_FAILED: { status: 400, message: "The sign-in was refused. Nothing was saved; please try again." },
  SIGN_IN_EXPIRED: {
    status: 400,
    message: "This sign-in has expired or was already used. Nothing was saved; please start again.",
  },
  NOT_LINKED: {
    status: 403,
    message: "This sign-in is not linked to a moderator account. Nothing was saved; ask an admin to link it.",
  },
  ACCOUNT_DISABLED: { status: 403, message: "This moderator account is disabled. Nothing was saved." },
  RETURN_NOT_ALLOWED: { status: 400, message: "Sign-in can only return to this site or a site allowed to embed it." },
  SIGN_IN_REQUIRED: { status: 403, message: "Sign in to comment on this site." },
  INVALID_LINK: { status: 400, message: "This link is not valid, or it has expired." },
  LINK_USED: { status: 410, message: "This link was already used: each link works once. Ask for a new one." },
  LINK_EXPIRED: { status: 410, message: "This link has expired. Ask for a new one." },
  PROOF_MISSING: {
    status: 400,
    message:
      "This site asks your browser to solve a small puzzle before posting, and none came. Reload the page and post again.",
  },
  PROOF_INVALID: {
    status: 403,
    message: "The anti-spam puzzle's answer is not valid. Reload the page and post again.",
  },
  PROOF_EXPIRED: { status: 403, message: "The anti-spam puzzle expired. Post again: your browser solves a new one." },
  PROOF_REUSED: {
    status: 403,
    message: "This anti-spam puzzle was already used. Post again: your browser solves a new one.",
  },
  PROOF_WRONG_SITE: { status: 403, message: "This anti-spam puzzle was issued for another site." },
  FORM_TOO_FAST: {
    status: 403,
    message: "That was faster than a person types. Wait a few seconds and send the form again.",
  },
  FORM_CHECK_FAILED: {
    status: 403,
    message: "The form did not pass the anti-spam check. Reload the page and post again.",
  },
  SERVICE_BUSY: {
    status: 503,
    message: "The server is busy right now and nothing was saved. Please try again in a moment.",
  },
  INTERNAL: { status: 500, message: "Something went wrong on our side." },
} as const;

export type ErrorCode = keyof typeof ErrorCodes;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly field?: string;
  /** The precise message's key and values, when there is one (error-reasons.ts). */
  readonly reason?: ErrorReason;
  readonly params?: ReasonParams;
  /** Extra machine-readable details, e.g. Retry-After seconds, per-field messages (`fields`) and their
   * reasons (`fieldReasons`: Record<field, FieldReason>). */
  readonly details?: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    opts: {
      message?: string;
      reason?: ErrorReason;
      params?: ReasonParams;
      field?: string;
      details?: Record<string, unknown>;
      cause?: unknown;
    } = {},
  ) {
    super(opts.message ?? (opts.reason ? reasonText(opts.reason, opts.params) : ErrorCodes[code].message), {
      cause: opts.cause,
    });
    this.name = "AppError";
    this.code = code;
    this.status = ErrorCodes[code].status;
    this.field = opts.field;
    this.reason = opts.reason;
    this.params = opts.params;
    this.details = opts.details;
  }
}

/** A one-field validation error with its reason (the form shows it beside the field). */
export function fieldError(field: string, reason: ErrorReason, params?: ReasonParams): AppError {
  const message = reasonText(reason, params);
  const fieldReasons: Record<string, FieldReason> = { [field]: { reason, ...(params ? { params } : {}) } };
  return new AppError("VALIDATION", {
    message,
    reason,
    params,
    field,
    details: { fields: { [field]: message }, fieldReasons },
  });
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
