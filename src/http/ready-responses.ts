// Answers from memory, before Express: the last shared response (an anonymous article page, a thread's
// first page of JSON) for a URL, with the headers Express and helmet gave it, while what it was made
// from is unchanged. Express, its middleware and the route table cost far more per request than the
// write of a cached page (README "Performance"); this keeps a cached hit at about a bare server's cost.
// It answers only requests that bring nothing of their own: GET or HEAD, no query, no Parley cookie,
// no Origin (CORS headers are per origin), no edit or reader token header; a page whose language
// follows Accept-Language is kept per language. Anything else, and any
// entry whose thread listing changed or expired (ThreadCache.peek), goes through Express as usual.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from "node:http";
import type { CachedThread, ThreadCache } from "../deps.ts";
import { acceptLanguageTags, pickLang } from "../client/i18n/languages.ts";
import { EDIT_TOKENS_HEADER } from "./edit-tokens.ts";
import { READER_TOKEN_HEADER } from "../identity/reader-session-token.ts";
import { notModified } from "./conditional.ts";
import { etagOf, preferredEncoding, type Encoding, type SharedBody } from "./shared-body.ts";

/** What a remembered response was made from: its thread's cached listing, and anything else it showed. */
export type Made = { threadId: string; cached: CachedThread; still?: () => boolean };

type Entry = {
  threadId: string;
  /** Weak: an entry never keeps a listing the thread cache let go. */
  cached: WeakRef<CachedThread>;
  still?: () => boolean;
  body: SharedBody;
  headers: OutgoingHttpHeaders;
  /** The whole header sets per encoding ("" = none), made on first use: a hit copies nothing. */
  full: Partial<Record<Encoding | "", { ok: OutgoingHttpHeaders; notModified: OutgoingHttpHeaders; etag: string }>>;
};

export type ReadyResponses = {
  /** Keeps the response just sent for `req` (its headers as set now) for the next requests to its URL. */
  remember(req: IncomingMessage, res: ServerResponse, body: SharedBody, made: Made): void;
  /** Answers `req` from memory and returns true, or returns false (nothing sent). */
  answer(req: IncomingMessage, res: ServerResponse): boolean;
};

/** URLs kept; past this the oldest goes (a crawl of every page). */
const MAX_ENTRIES = 2000;
const PER_RESPONSE = new Set(["etag", "content-length", "content-encoding", "set-cookie", "date", "connection"]);

export function createReadyResponses(threadCache: Pick<ThreadCache, "peek">): ReadyResponses {
  const entries = new Map<string, Entry>();

  /** Whether the request brings anything a shared answer would ignore. */
  const personal = (req: IncomingMessage) => {
    const h = req.headers;
    return (
      (req.method !== "GET" && req.method !== "HEAD") ||
      !req.url ||
      req.url.includes("?") ||
      !!h.cookie?.includes("parley_") ||
      h.origin !== undefined ||
      h[EDIT_TOKENS_HEADER] !== undefined ||
      h[READER_TOKEN_HEADER] !== undefined
    );
  };

  return {
    remember(req, res, body, made) {
      if (personal(req) || res.statusCode !== 200 || res.hasHeader("set-cookie")) return;
      const headers: OutgoingHttpHeaders = {};
      for (const [name, value] of Object.entries(res.getHeaders()))
        if (!PER_RESPONSE.has(name) && value !== undefined) headers[name] = value;
      // A page in the reader's language (site setting "auto") is kept once per language.
      const perLanguage = /accept-language/i.test(String(res.getHeader("vary") ?? ""));
      const key = perLanguage ? `${req.url} ${String(res.getHeader("content-language"))}` : req.url!;
      entries.delete(key);
      entries.set(key, {
        threadId: made.threadId,
        cached: new WeakRef(made.cached),
        still: made.still,
        body,
        headers,
        full: {},
      });
      if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
    },

    answer(req, res) {
      // A write or a personal request first: it never looks up (nor parses Accept-Language for) an entry.
      if (!req.url || entries.size === 0 || personal(req)) return false;
      let key = req.url;
      let entry = entries.get(key);
      if (!entry) {
        key = `${req.url} ${pickLang(acceptLanguageTags(req.headers["accept-language"]))}`;
        entry = entries.get(key);
      }
      if (!entry) return false;
      const current = threadCache.peek(entry.threadId);
      if (!current || current !== entry.cached.deref() || (entry.still && !entry.still())) {
        entries.delete(key);
        return false;
      }
      const encoding = preferredEncoding(req.headers["accept-encoding"]);
      const bytes = encoding ? entry.body.ready[encoding] : entry.body.identity;
      if (!bytes) return false; // not compressed yet: Express's path does it
      const sets = (entry.full[encoding ?? ""] ??= headerSets(entry, encoding, bytes.length));
      if (notModified(req.headers, sets.etag)) {
        res.writeHead(304, sets.notModified).end();
        return true;
      }
      res.writeHead(200, sets.ok);
      res.end(req.method === "HEAD" ? undefined : bytes);
      return true;
    },
  };
}

function headerSets(entry: Entry, encoding: Encoding | null, length: number) {
  const etag = etagOf(entry.body, encoding);
  const { "content-type": _type, ...rest } = entry.headers;
  const encoded = encoding ? { "content-encoding": encoding } : {};
  return {
    etag,
    ok: { ...entry.headers, ...encoded, etag, "content-length": length },
    notModified: { ...rest, etag },
  };
}
