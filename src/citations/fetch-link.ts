// Fetches one link from a comment to see whether it works (STYLE.md §9: outbound fetching is hostile
// territory). For the URL and every redirect: vet scheme/credentials/port, resolve the name ourselves,
// refuse if any address is forbidden, then connect to exactly that address (pinned-agent.ts). GET only:
// HEAD is skipped because many servers mishandle it and we want the <title> anyway. No cookies, no
// credentials, one total deadline, at most maxBytes of body. check() never throws.
import { lookup as dnsLookup } from "node:dns/promises";
import { createConcurrencyLimit } from "./concurrency-limit.ts";
import { decodeBody, readHtml } from "./html-peek.ts";
import { parseHostAsIp } from "./address-policy.ts";
import type {
  LinkCheckError,
  LinkCheckResult,
  LinkFetcher,
  LinkFetcherOptions,
  Lookup,
  RedirectHop,
} from "./link-check-types.ts";
import { resolveTarget, vetUrl, type TargetPolicy } from "./link-target.ts";
import { createPinnedAgent } from "./pinned-agent.ts";

export type * from "./link-check-types.ts";

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const HTML_TYPES = new Set(["text/html", "application/xhtml+xml"]);

type Settings = {
  lookup: Lookup;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
  userAgent: string;
  now: () => Date;
  policy: TargetPolicy;
  onConnect?: (address: string, port: number) => void;
};

export function createLinkFetcher(options: LinkFetcherOptions = {}): LinkFetcher {
  const allowAddresses = (options.allowAddresses ?? []).map((a) => parseHostAsIp(a) ?? a);
  const settings: Settings = {
    lookup: options.lookup ?? ((hostname) => dnsLookup(hostname, { all: true })),
    timeoutMs: options.timeoutMs ?? 8000,
    maxBytes: options.maxBytes ?? 512 * 1024,
    maxRedirects: options.maxRedirects ?? 5,
    userAgent: options.userAgent ?? "ParleyLinkChecker/0.1 (+link check for a comment)",
    now: options.now ?? (() => new Date()),
    policy: {
      allowLoopback: options.allowLoopback ?? false,
      allowAddresses: new Set(allowAddresses),
      allowAnyPort: options.allowAnyPort ?? options.allowLoopback ?? false,
    },
    ...(options.onConnect ? { onConnect: options.onConnect } : {}),
  };
  const limit = createConcurrencyLimit(options.concurrency ?? 4);
  return { check: (url) => limit(() => checkLink(url, settings)) };
}

type Outcome = Omit<LinkCheckResult, "url" | "redirectChain" | "durationMs" | "checkedAt">;

async function checkLink(raw: string, s: Settings): Promise<LinkCheckResult> {
  const started = performance.now();
  const checkedAt = s.now();
  const redirectChain: RedirectHop[] = [];
  const done = (outcome: Outcome): LinkCheckResult => ({
    url: raw,
    ...outcome,
    redirectChain,
    durationMs: Math.round(performance.now() - started),
    checkedAt,
  });

  let current: URL;
  try {
    current = new URL(raw.trim());
  } catch {
    return done({ state: "refused", error: "bad-url", detail: "not an absolute URL" });
  }
  const first = current;
  const where = () => ({
    finalUrl: current.href,
    finalDomain: siteOf(current.hostname),
    ...(redirectChain.length
      ? {
          redirectKind:
            siteOf(current.hostname) === siteOf(first.hostname) ? ("same-site" as const) : ("other-site" as const),
        }
      : {}),
  });

  const refusal = vetUrl(current, s.policy);
  if (refusal) return done(refusal);
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new Error("link check deadline")), s.timeoutMs);
  try {
    for (;;) {
      const target = await untilAborted(resolveTarget(current.hostname, s.lookup, s.policy), deadline.signal);
      if ("error" in target) return done({ ...target, ...where() });
      const answer = await fetchOnce(current, target.address, s, deadline.signal);
      if (!REDIRECT_STATUSES.has(answer.status)) {
        const state =
          answer.status >= 200 && answer.status < 300 ? (redirectChain.length ? "redirected" : "ok") : "broken";
        return done({ state, httpStatus: answer.status, ...where(), ...answer.page });
      }
      redirectChain.push({ url: current.href, status: answer.status });
      const next = answer.location === undefined ? null : parseRelative(answer.location, current);
      if (!next) return done({ state: "broken", httpStatus: answer.status, error: "bad-redirect", ...where() });
      if (redirectChain.length > s.maxRedirects) {
        return done({ state: "broken", httpStatus: answer.status, error: "too-many-redirects", ...where() });
      }
      if (next.hash === "") next.hash = current.hash; // browsers carry the fragment across redirects
      current = next;
      const hopRefusal = vetUrl(current, s.policy);
      if (hopRefusal) return done({ ...hopRefusal, ...where() });
    }
  } catch (err) {
    return done({ state: "unreachable", ...describeFailure(err, deadline.signal.aborted), ...where() });
  } finally {
    clearTimeout(timer);
  }
}

type Answer = {
  status: number;
  location?: string;
  page: Pick<LinkCheckResult, "contentType" | "title" | "anchors" | "bodyTruncated">;
};

/** One GET over a connection to `address` only; reads the body only for a 2xx HTML page. */
async function fetchOnce(url: URL, address: string, s: Settings, signal: AbortSignal): Promise<Answer> {
  const { request } = await import("undici"); // loaded with the first check (pinned-agent.ts)
  const agent = await createPinnedAgent(address, {
    timeoutMs: s.timeoutMs,
    ...(s.onConnect ? { onConnect: s.onConnect } : {}),
  });
  const requestUrl = new URL(url);
  requestUrl.hash = ""; // fragments are never sent
  try {
    const response = await request(requestUrl, {
      dispatcher: agent,
      method: "GET",
      signal,
      headers: {
        "user-agent": s.userAgent,
        accept: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
        "accept-encoding": "identity",
      },
    });
    // Destroying a body early (which we do on purpose) emits an abort error; nobody else listens.
    response.body.on("error", () => undefined);
    const status = response.statusCode;
    const location = firstHeader(response.headers["location"]);
    const contentTypeHeader = firstHeader(response.headers["content-type"]);
    const contentType = contentTypeHeader?.split(";")[0]?.trim().toLowerCase() || undefined;
    if (status < 200 || status >= 300 || !contentType || !HTML_TYPES.has(contentType)) {
      response.body.destroy(); // not a page we read: don't download it
      return { status, ...(location !== undefined ? { location } : {}), page: contentType ? { contentType } : {} };
    }
    const { bytes, truncated } = await readAtMost(response.body, s.maxBytes);
    // The page's anchors, not just this URL's fragment: the cache row serves every fragment of the page
    // (fragment-check.ts). A truncated page's list is never complete: "not in it" means "don't know".
    const { title, anchors } = readHtml(decodeBody(bytes, contentTypeHeader), { truncated });
    return {
      status,
      page: { contentType, ...(title ? { title } : {}), anchors, ...(truncated ? { bodyTruncated: true } : {}) },
    };
  } finally {
    await agent.destroy().catch(() => undefined); // closes the socket: no keep-alive between checks
  }
}

/** The first maxBytes of a body; stops reading (and so closes the connection) once it has them. */
async function readAtMost(
  body: AsyncIterable<Buffer>,
  maxBytes: number,
): Promise<{ bytes: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of body) {
      if (size + chunk.length > maxBytes) {
        chunks.push(chunk.subarray(0, maxBytes - size));
        return { bytes: Buffer.concat(chunks), truncated: true }; // leaving the loop destroys the stream
      }
      chunks.push(chunk);
      size += chunk.length;
    }
  } catch {
    // Deadline or reset mid-body: the server did answer 2xx, so judge the page on what arrived.
    return { bytes: Buffer.concat(chunks), truncated: true };
  }
  return { bytes: Buffer.concat(chunks), truncated: false };
}

function parseRelative(location: string, base: URL): URL | null {
  try {
    return new URL(location, base);
  } catch {
    return null;
  }
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Host name without a leading "www." or trailing dot: close enough to "same site" for a label. */
function siteOf(hostname: string): string {
  return hostname.replace(/\.$/, "").replace(/^www\./, "");
}

function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error); // an abort's reason is an Error (DOMException)
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function describeFailure(err: unknown, deadlinePassed: boolean): { error: LinkCheckError; detail: string } {
  const e = err as { code?: unknown; message?: unknown; cause?: { code?: unknown } };
  const rawCode = e?.code ?? e?.cause?.code;
  const code = typeof rawCode === "string" || typeof rawCode === "number" ? String(rawCode) : "";
  const detail = code || String(e?.message ?? err);
  if (deadlinePassed || /TIMEOUT|ETIMEDOUT/.test(code)) return { error: "timeout", detail };
  if (code === "ECONNREFUSED") return { error: "connection-refused", detail };
  if (/ECONNRESET|EPIPE|UND_ERR_SOCKET/.test(code)) return { error: "connection-reset", detail };
  if (/ENOTFOUND|EAI_AGAIN/.test(code)) return { error: "dns-failure", detail };
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) return { error: "tls-error", detail };
  return { error: "network-error", detail };
}
