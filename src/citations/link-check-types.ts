// What checking one link produces, and how the checker is configured. Kept apart from the fetcher so the
// background checker and the pages can use the types without pulling in undici.

/**
 * ok: a 2xx answer with no redirect. redirected: a 2xx answer after at least one redirect.
 * broken: the server answered 4xx/5xx, or redirected in a loop / nowhere. unreachable: no usable
 * answer (DNS, refused connection, timeout, TLS). refused: our policy would not fetch it at all.
 */
export type LinkState = "ok" | "redirected" | "broken" | "unreachable" | "refused";

/** Stable reason codes: stored, counted and shown, so never rename one. */
export type LinkCheckError =
  // refused: decided before any connection is opened
  | "bad-url"
  | "bad-scheme"
  | "credentials-in-url"
  | "forbidden-port"
  | "forbidden-address"
  // broken
  | "too-many-redirects"
  | "bad-redirect" // a 3xx without a usable Location
  // unreachable
  | "dns-failure"
  | "timeout"
  | "connection-refused"
  | "connection-reset"
  | "tls-error"
  | "network-error";

import type { PageAnchors } from "./html-peek.ts";

export type RedirectHop = { url: string; status: number };

export type LinkCheckResult = {
  /** The URL as it was given. */
  url: string;
  state: LinkState;
  /** Set when at least one redirect was followed: does the last host differ from the first (ignoring "www.")? */
  redirectKind?: "same-site" | "other-site";
  /** Status of the last answer received (the 3xx itself for too-many-redirects). */
  httpStatus?: number;
  /** Where the redirects led (fragment carried over as browsers do); also the target that was refused. */
  finalUrl?: string;
  /** finalUrl's host without a leading "www.". */
  finalDomain?: string;
  /** Every redirect answer followed, in order; the final answer is not in it. Empty when none. */
  redirectChain: RedirectHop[];
  /** Media type of the final answer, lower-case, without parameters ("text/html"). */
  contentType?: string;
  /** <title> of an HTML page: entities decoded, whitespace collapsed, at most 300 characters. */
  title?: string;
  /** For a 2xx HTML page: its element ids and <a name>s, capped (complete: false when some were not kept). */
  anchors?: PageAnchors;
  /** Only the first maxBytes of the body were read (state is unaffected: the title comes first). */
  bodyTruncated?: true;
  durationMs: number;
  checkedAt: Date;
  /** Why it is not ok, when a code says more than httpStatus does. */
  error?: LinkCheckError;
  /** For logs, not for users: e.g. "127.0.0.1 is loopback", "ECONNRESET". */
  detail?: string;
};

export type LookupAddress = { address: string; family: number };
export type Lookup = (hostname: string) => Promise<LookupAddress[]>;

export type LinkFetcherOptions = {
  /** DNS resolution; tests inject a map. Default: dns.promises.lookup(host, { all: true }). */
  lookup?: Lookup;
  /** Total time for one check, all redirects included (default 8000). */
  timeoutMs?: number;
  /** Bytes of an HTML body read for its title and anchors; the rest is not downloaded (default 512 KiB). */
  maxBytes?: number;
  /** Redirects followed before giving up (default 5). */
  maxRedirects?: number;
  /** Checks running at once; more wait in a queue (default 4). */
  concurrency?: number;
  userAgent?: string;
  now?: () => Date;
  /** TESTS ONLY: allow 127.0.0.0/8 and ::1, and any port. Never set from configuration users control. */
  allowLoopback?: boolean;
  /** TESTS ONLY: exact addresses exempt from the address policy (e.g. a server on 127.0.0.2). */
  allowAddresses?: readonly string[];
  /** TESTS ONLY: allow any port, not just 80 and 443 (implied by allowLoopback). */
  allowAnyPort?: boolean;
  /** Called just before a socket is opened to `address`; throwing aborts that connection. */
  onConnect?: (address: string, port: number) => void;
};

export type LinkFetcher = { check(url: string): Promise<LinkCheckResult> };
