// Where a sign-in may send the reader back to: a path on Parley's own origin, or a page on an origin
// the site allows to embed it. Anything else (another host, "//evil", "/\evil", javascript:) is refused,
// so the sign-in can never be used as an open redirect.
import { AppError } from "../domain/errors.ts";

export function checkReturnAddress(raw: string | undefined, ownOrigin: string, siteOrigins: string[] = []): string {
  const text = (raw ?? "/").trim();
  if (!text) return "/";
  if (text.length > 2000 || /[\u0000-\u001f\\]/.test(text)) throw new AppError("RETURN_NOT_ALLOWED");
  // A path on this origin: exactly one leading slash (two would name another host).
  if (text.startsWith("/") && !text.startsWith("//")) return text;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new AppError("RETURN_NOT_ALLOWED");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new AppError("RETURN_NOT_ALLOWED");
  if (url.username || url.password) throw new AppError("RETURN_NOT_ALLOWED");
  if (url.origin === ownOrigin) return `${url.pathname}${url.search}${url.hash}`;
  if (siteOrigins.includes(url.origin)) return url.href;
  throw new AppError("RETURN_NOT_ALLOWED");
}
