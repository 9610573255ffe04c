// What an error says in a language, by its stable code: the reason's words when it names one
// (domain/error-reasons.ts), else the code's own words when the message is the code's own, else the
// English the server wrote (a message no catalog knows). The server words every refusal with this
// (the error handler for JSON by the request's Accept-Language, the pages in the page's language), so
// the page script, the widget and the console show `message` as it comes and bundle no error words.
import { ErrorCodes, type ErrorCode } from "../../domain/errors.ts";
import {
  ErrorReasons,
  isErrorReason,
  reasonForm,
  type FieldReason,
  type ReasonParams,
} from "../../domain/error-reasons.ts";
import { fill } from "../../domain/fill.ts";
import { deErrors } from "./de.ts";
import type { ErrorMessages } from "./en.ts";
import { frErrors } from "./fr.ts";
import type { Lang } from "./languages.ts";

/** English as the errors are defined; German and French from their catalogs. */
const enErrors: ErrorMessages = {
  errors: Object.fromEntries(Object.entries(ErrorCodes).map(([code, e]) => [code, e.message])) as Record<
    ErrorCode,
    string
  >,
  reasons: ErrorReasons,
};

export const ERROR_CATALOGS: Record<Lang, ErrorMessages> = { en: enErrors, de: deErrors, fr: frErrors };

export type ErrorWords = { code: string; message: string; reason?: string; params?: ReasonParams };

const isErrorCode = (code: string): code is ErrorCode => Object.hasOwn(ErrorCodes, code);

export function errorText(lang: Lang, e: ErrorWords): string {
  const words = ERROR_CATALOGS[lang];
  if (e.reason && isErrorReason(e.reason)) {
    const params = e.params ?? {};
    return fill(reasonForm(words.reasons[e.reason], params, lang), params);
  }
  if (isErrorCode(e.code) && e.message === ErrorCodes[e.code].message) return words.errors[e.code];
  return e.message;
}

/** A refused form's messages by field in `lang`: by each field's reason where it has one. */
export function fieldErrorTexts(
  lang: Lang,
  fields: Record<string, string>,
  reasons: Record<string, FieldReason> = {},
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields).map(([field, message]) => {
      const r = reasons[field];
      return [field, r ? errorText(lang, { code: "VALIDATION", message, ...r }) : message];
    }),
  );
}
