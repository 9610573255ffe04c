// What an AppError says to a reader on one of Parley's pages, in the page's language (by code and
// reason: client/i18n/error-text.ts).
import type { PageCatalog } from "../client/i18n/page-catalogs.ts";
import { errorText, fieldErrorTexts } from "../client/i18n/error-text.ts";
import type { AppError } from "../domain/errors.ts";
import type { FieldReason } from "../domain/error-reasons.ts";

export function readerMessage(m: Pick<PageCatalog, "lang">, err: AppError): string {
  return errorText(m.lang, err);
}

/** An error's messages by field (a form shows them all), in the page's language. */
export function readerFieldErrors(m: Pick<PageCatalog, "lang">, err: AppError): Record<string, string> {
  const fields = (err.details?.fields as Record<string, string> | undefined) ?? {
    [err.field ?? "_"]: readerMessage(m, err),
  };
  return fieldErrorTexts(m.lang, fields, err.details?.fieldReasons as Record<string, FieldReason> | undefined);
}
