// The widget's calls to Parley: cross-origin fetches without cookies (the edit tokens and a signed-in
// reader's token travel in headers), every failure turned into an ApiError with the server's stable code and message.

import { fill, type Messages } from "../client/i18n/messages.ts";
export class ApiError extends Error {
  /** `fields`: every bad field of a refused post (field name → message), in form order. */
  constructor(
    readonly code: string,
    message: string,
    readonly status = 0,
    readonly field?: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = "ApiError"; // recognised by the panels' separate bundle too (comment-panels.ts)
  }
}

export type Api = {
  get<T>(
    path: string,
    query?: Record<string, string | string[] | undefined>,
    headers?: Record<string, string>,
  ): Promise<T>;
  send<T>(
    method: "POST" | "PATCH" | "DELETE",
    path: string,
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; data: T }>;
};

/** `signedIn`: the header of a signed-in reader's widget token, added to every call (none when signed out).
 * `lang`: the widget's language, sent as Accept-Language so the server words its refusals in it. */
export function createApi(
  base: string,
  signedIn: () => Record<string, string> = () => ({}),
  lang?: string,
  words?: () => Pick<Messages, "offline" | "serverAnswered">,
): Api {
  async function call<T>(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        mode: "cors",
        credentials: "omit",
        headers: {
          Accept: "application/json",
          ...(lang ? { "Accept-Language": lang } : {}),
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
          ...signedIn(),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError("NETWORK", words?.().offline ?? "Could not reach the comment server.");
    }
    const data = (await res.json().catch(() => ({}))) as {
      error?: { code?: string; message?: string; field?: string; fields?: Record<string, string> };
    };
    if (!res.ok) {
      const e = data.error ?? {};
      throw new ApiError(
        e.code ?? "HTTP_" + res.status,
        e.message ?? fill(words?.().serverAnswered ?? "The comment server answered {status}.", { status: res.status }),
        res.status,
        e.field,
        e.fields,
      );
    }
    return { status: res.status, data: data as T };
  }
  return {
    async get(path, query = {}, headers) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(query))
        for (const item of Array.isArray(v) ? v : v === undefined ? [] : [v]) params.append(k, item);
      const qs = params.toString();
      return (await call(`GET`, `${base}${path}${qs ? "?" + qs : ""}`, undefined, headers)).data as never;
    },
    send: (method, path, body, headers) => call(method, base + path, body, headers),
  };
}
