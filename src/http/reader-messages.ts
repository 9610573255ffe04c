// What an AppError says to a reader on one of Parley's pages, in the page's language.
import type { PageCatalog } from "../client/i18n/page-catalogs.ts";
import { translateMessage } from "../client/i18n/translate-message.ts";
import type { AppError } from "../domain/errors.ts";

export function readerMessage(m: PageCatalog, err: AppError): string {
  return translateMessage(m, err.message);
}

/** A refused form's messages by field, in the page's language. */
export function readerFieldErrors(m: PageCatalog, errors: Partial<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(errors).flatMap(([field, message]) => (message ? [[field, translateMessage(m, message)]] : [])),
  );
}
