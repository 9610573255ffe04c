// Maps every error to the one JSON shape { error: { code, message, reason?, params?, field?, fields?,
// fieldReasons? } } (STYLE.md §8), or to an HTML error page for page routes. Unknown errors become 500
// with an id that is logged with the cause.
import crypto from "node:crypto";
import type { ErrorRequestHandler, RequestHandler } from "express";
import { AppError, isAppError } from "../domain/errors.ts";
import type { FieldReason } from "../domain/error-reasons.ts";
import { errorText, fieldErrorTexts } from "../client/i18n/error-text.ts";
import { acceptLanguageTags, pickLang } from "../client/i18n/languages.ts";
import type { Deps } from "../deps.ts";
import { renderErrorPage } from "../views/error-page.ts";
import { sitePageCatalog } from "./page-language.ts";
import { readerMessage } from "./reader-messages.ts";
import { databaseBusyError } from "../store/db-errors.ts";

/** body-parser and express raise errors with a `type` and a status; turn the ones we expect into AppErrors. */
function fromFrameworkError(err: unknown): AppError | null {
  const e = err as { type?: string; status?: number };
  switch (e?.type) {
    case "entity.too.large":
      return new AppError("PAYLOAD_TOO_LARGE");
    case "entity.parse.failed":
      return new AppError("MALFORMED_BODY", { reason: "bodyNotJson" });
    case "encoding.unsupported":
    case "charset.unsupported":
      return new AppError("UNSUPPORTED_MEDIA_TYPE", { reason: "sendUtf8Json" });
    case "parameters.too.many":
      return new AppError("PAYLOAD_TOO_LARGE", { reason: "tooManyFormFields" });
  }
  if (e?.status && e.status >= 400 && e.status < 500)
    return new AppError("BAD_REQUEST", { reason: "requestUnreadable" });
  return null;
}

export function errorHandler(deps: Deps): ErrorRequestHandler {
  return async (err, req, res, _next) => {
    let appError = isAppError(err) ? err : (fromFrameworkError(err) ?? databaseBusyError(err));
    let errorId: string | undefined;
    // A busy database (no connection in time, a lock given up on): nothing was stored, the client comes back.
    if (appError?.code === "SERVICE_BUSY")
      deps.log.warn(
        { err: appError.cause ?? err, method: req.method, url: req.originalUrl },
        "database busy; answered 503",
      );
    if (!appError) {
      errorId = crypto.randomUUID();
      deps.log.error({ err, errorId, method: req.method, url: req.originalUrl }, "unhandled error");
      appError = new AppError("INTERNAL", { reason: "internalWithId", params: { id: errorId } });
    }
    if (res.headersSent) return res.end();
    const retryAfter = appError.details?.retryAfterSeconds;
    if (typeof retryAfter === "number") res.setHeader("Retry-After", String(Math.ceil(retryAfter)));
    const wantsHtml = !req.path.startsWith("/api/") && req.accepts(["json", "html"]) === "html";
    if (wantsHtml) {
      const m = await sitePageCatalog(deps, req, res);
      res
        .status(appError.status)
        .type("html")
        .send(renderErrorPage(appError.status, readerMessage(m, appError), m));
      return;
    }
    // In the request's language by code and reason (Accept-Language: the page script, the widget and
    // the console send their own), English for a message no catalog words; the code, reason and params
    // go along for clients that word errors themselves. Every bad field with its message (a form shows
    // them all at once); `field` stays the first one.
    const lang = pickLang(acceptLanguageTags(req.get("accept-language")));
    res.vary("Accept-Language").set("Content-Language", lang);
    const validation = appError.code === "VALIDATION";
    const fields = validation ? (appError.details?.fields as Record<string, string> | undefined) : undefined;
    const fieldReasons = validation
      ? (appError.details?.fieldReasons as Record<string, FieldReason> | undefined)
      : undefined;
    res.status(appError.status).json({
      error: {
        code: appError.code,
        message: errorText(lang, appError),
        ...(appError.reason ? { reason: appError.reason, params: appError.params ?? {} } : {}),
        ...(appError.field ? { field: appError.field } : {}),
        ...(fields ? { fields: fieldErrorTexts(lang, fields, fieldReasons) } : {}),
        ...(fieldReasons && Object.keys(fieldReasons).length ? { fieldReasons } : {}),
        ...(errorId ? { id: errorId } : {}),
      },
    });
  };
}

export const notFound: RequestHandler = (req, _res, next) => {
  next(new AppError("NOT_FOUND", { reason: "nothingAt", params: { method: req.method, path: req.path } }));
};
