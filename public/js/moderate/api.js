// The console's only door to the server: JSON in and out, the CSRF token on every write, and one
// error type carrying the API's stable code, the fields it names and the Retry-After of a 429.
let csrfToken = "";
let onSignedOut = () => {};

export class ApiError extends Error {
  constructor(status, body, retryAfter) {
    const error = body?.error ?? {};
    super(error.message || `The server answered ${status}.`);
    this.status = status;
    this.code = error.code || "HTTP_" + status;
    this.field = error.field;
    this.fields = error.fields; // a 422 names every bad field: { "maxLinks": "Must be 100 or less.", ... }
    this.retryAfter = retryAfter;
  }
}

export function setCsrfToken(token) {
  csrfToken = token || "";
}

/** Called when the session ends under us (a 401 on anything but the login itself). */
export function whenSignedOut(callback) {
  onSignedOut = callback;
}

export async function request(method, path, body) {
  const headers = { Accept: "application/json" };
  const raw = body instanceof Blob; // a file upload goes as it is (admin → Import)
  if (body !== undefined) headers["Content-Type"] = raw ? "application/octet-stream" : "application/json";
  if (method !== "GET" && csrfToken) headers["X-CSRF-Token"] = csrfToken;
  let res;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError(0, {
      error: { code: "NETWORK", message: "Could not reach the server. Check the connection and try again." },
    });
  }
  if (res.status === 204) return null;
  const data = await res.json().catch(() => null);
  if (res.ok) return data;
  const retryAfter = Number(res.headers.get("Retry-After")) || undefined;
  const error = new ApiError(res.status, data, retryAfter);
  if (res.status === 401 && path !== "/api/auth/login" && path !== "/api/auth/me") onSignedOut(error);
  return Promise.reject(error);
}

export const get = (path) => request("GET", path);
export const post = (path, body) => request("POST", path, body ?? {});
export const put = (path, body) => request("PUT", path, body);
export const patch = (path, body) => request("PATCH", path, body);
export const del = (path) => request("DELETE", path);

/** "/api/x?a=1&b=2" from a path and the params that have a value. */
export function withQuery(path, params) {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}
