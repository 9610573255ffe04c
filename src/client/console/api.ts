// The console's only door to the server: JSON in and out, the CSRF token on every write, and one
// error type carrying the API's stable code, the fields it names and the Retry-After of a 429.
import { lang } from "./lang.ts";

type ErrorBody = { error?: { code?: string; message?: string; field?: string; fields?: Record<string, string> } };

let csrfToken = "";
/** Said when a request never reached the server, or its answer carried no message of its own (main.ts
 *  sets both in the console's language). */
let networkMessage = "Could not reach the server. Check the connection and try again.";
let statusMessage = "The server answered {status}.";
let onSignedOut: (error: ApiError) => void = () => {};

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  /** A 422 names every bad field: { "maxLinks": "Must be 100 or less.", … }. */
  readonly fields: Record<string, string> | undefined;
  readonly retryAfter: number | undefined;

  constructor(status: number, body: unknown, retryAfter?: number) {
    const error = (body as ErrorBody | null)?.error ?? {};
    super(error.message || statusMessage.replace("{status}", String(status)));
    this.status = status;
    this.code = error.code || `HTTP_${status}`;
    this.field = error.field;
    this.fields = error.fields;
    this.retryAfter = retryAfter;
  }
}

/** The message of anything thrown (an ApiError's is the server's words). */
export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function setFallbackMessages(words: { network: string; serverAnswered: string }): void {
  networkMessage = words.network;
  statusMessage = words.serverAnswered;
}

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token || "";
}

/** Called when the session ends under us (a 401 on anything but the login itself). */
export function whenSignedOut(callback: (error: ApiError) => void): void {
  onSignedOut = callback;
}

/** `T`: the server's type for the answer (api-types.ts); the body is JSON, or a Blob sent as it is. */
export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  // The server words its refusals in the console's language, by error code (i18n/error-text.ts).
  const headers: Record<string, string> = { Accept: "application/json", "Accept-Language": lang };
  const raw = body instanceof Blob; // a file upload goes as it is (admin → Import)
  if (body !== undefined) headers["Content-Type"] = raw ? "application/octet-stream" : "application/json";
  if (method !== "GET" && csrfToken) headers["X-CSRF-Token"] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError(0, { error: { code: "NETWORK", message: networkMessage } });
  }
  if (res.status === 204) return null as T;
  const data: unknown = await res.json().catch(() => null);
  if (res.ok) return data as T;
  const retryAfter = Number(res.headers.get("Retry-After")) || undefined;
  const error = new ApiError(res.status, data, retryAfter);
  if (res.status === 401 && path !== "/api/auth/login" && path !== "/api/auth/me") onSignedOut(error);
  throw error;
}

export const get = <T>(path: string) => request<T>("GET", path);
export const post = <T>(path: string, body?: unknown) => request<T>("POST", path, body ?? {});
export const put = <T>(path: string, body: unknown) => request<T>("PUT", path, body);
export const patch = <T>(path: string, body: unknown) => request<T>("PATCH", path, body);
export const del = <T>(path: string) => request<T>("DELETE", path);

/** "/api/x?a=1&b=2" from a path and the params that have a value. */
export function withQuery(path: string, params: Record<string, string | number | null | undefined>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}
