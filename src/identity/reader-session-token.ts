// Reader session tokens: 32 random bytes in a cookie (Parley's pages) or in the widget's storage;
// the database keeps their SHA-256 only. Moderators have their own cookie and table.
import crypto from "node:crypto";

export const READER_SESSION_COOKIE = "parley_reader_session";
/** Binds a sign-in under way to the browser that started it (the callback must come back with it). */
export const SIGN_IN_FLOW_COOKIE = "parley_signin_flow";
/** The header a widget sends its per-site token in (cookies are third-party there, and usually blocked). */
export const READER_TOKEN_HEADER = "x-parley-reader-token";

export const newReaderToken = () => crypto.randomBytes(32).toString("base64url");
export const readerTokenId = (token: string) => crypto.createHash("sha256").update(token).digest("hex");
export const newReaderCsrfToken = () => crypto.randomBytes(24).toString("base64url");
