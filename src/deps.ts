// Everything a use case may need, passed as one object (STYLE.md §2): the type only, and the small
// ports it names. A leaf: it imports types from config/, store/ and domain/ only, so every module may
// import it without forming a circle. The real one is built in compose.ts (main.ts and the tests'
// test-app use it); tests may pass their own parts (a test database, a fixed clock, a fake fetcher).
import type { Logger } from "pino";
import type { Config } from "./config/config.ts";
import type { PublishEvent } from "./domain/events.ts";
import type { GovernedThread } from "./domain/thread.ts";
import type { IdentityClient } from "./identity/identity-client.ts";
import type { Db, DbProvider } from "./store/client.ts";
import type { StoredComment } from "./store/comments.ts";
import type { QueueRow } from "./store/moderation-queue.ts";
import type { RoomEvent, SequencedEvent } from "./store/room-events.ts";
import type { RateLimits } from "./http/rate-limit.ts";
import type { SpamModels } from "./spam/spam-models.ts";
import type { CheckBudget } from "./citations/link-budget.ts";

export type Deps = {
  config: Config;
  db: Db;
  dbProvider: DbProvider;
  log: Logger;
  clock: Clock;
  /** Realtime delivery (src/realtime/publisher.ts); use cases reach it through afterCommit(). */
  publisher: Publisher;
  /** Public thread listings, kept for a moment and dropped on every event for the thread (comments/thread-cache.ts). */
  threadCache: ThreadCache;
  /** The background link checker (src/citations/link-checker.ts). */
  linkChecker: LinkChecker;
  /** The identity providers readers may sign in with (none unless configured; src/identity/). */
  identity: IdentityClient;
  /** The outbox's sender (src/mail/): use cases queue mail in their transaction, then wake() it. */
  mailer: Mailer;
  /** Each site's learned spam model, cached in memory (src/spam/spam-models.ts). */
  spamModels: SpamModels;
  /** Rate limits and throttles: in Redis when REDIS_URL is set (shared by all instances), else in memory. */
  rateLimits: RateLimits;
};

export type Clock = { now(): Date };

/** Where sequenced events go: the socket.io server (src/realtime/attach-realtime.ts) emits them to the room. */
export type Sink = (room: string, event: { type: string }) => void;
/** Whether anyone may receive what a sink is given for `room` (a socket in it, or one that may resume into it). */
export type Audience = (room: string) => boolean;

/** Events a use case stored in its own transaction (realtime/record-events.ts), to send once it committed. */
export type RecordedEvents = {
  /** In the rooms' logs, numbered. */
  sequenced: SequencedEvent[];
  /** Sent, never stored (an author's own pending comment). */
  unsequenced: RoomEvent[];
  /** The comments they name, as the transaction wrote them: sending reads none of them again. */
  comments: StoredComment[];
  /** The moderation queues' counts moved (sent, coalesced, a moment later). */
  countsChanged: boolean;
  /** Queue cards' rows the transaction knows whole (a new comment's), so sending reads them not again. */
  queueRows: QueueRow[];
};

export type Publisher = {
  /** Queues an event. Never throws and never waits: a failure is logged, the caller's commit stands. */
  publish(event: PublishEvent): void;
  /** Queues events already stored by the caller's (committed) transaction for sending; never throws. */
  deliver(recorded: RecordedEvents): void;
  /** Sends every event from now on to `sink` too (only for rooms `audience` names, when given: events
   * nobody would receive are neither hydrated nor sent); returns the function that stops it. */
  attach(sink: Sink, audience?: Audience): () => void;
  /** Resolves once every event published so far has been stored and sent. */
  flush(): Promise<void>;
  close(): Promise<void>;
};

/** A thread as the cache keeps it: its version, and the pages read since (each loaded on first use). */
export type CachedThread = {
  /** The thread's realtime sequence, read BEFORE any of its pages: live clients catch up from it. */
  seq: number;
  /** The thread's settings (defaults ← site ← article), e.g. for auto-closing by age. */
  governed: GovernedThread;
  /** Closed when the version was read (by a moderator, or by age). */
  closed: boolean;
  /** The pages read for this version and what is made from them (a page of JSON, a rendered article
   * page), dropped with it; each key's owner knows its type. */
  derived: Map<string, unknown>;
};

/** A page as a loader hands it to the cache: the ids of the comments it shows (an event about one of
 * them drops the thread) and about how many bytes it holds (the cache's size cap). */
export type LoadedPage<T> = { value: T; commentIds: readonly string[]; bytes: number };

export type ThreadCache = {
  get(threadId: string): Promise<CachedThread>;
  /** One page of `cached` (got for `threadId`): loaded once under `key`, kept with it, dropped with it. */
  page<T>(threadId: string, cached: CachedThread, key: string, load: () => Promise<LoadedPage<T>>): Promise<T>;
  /** What get() would answer at once from memory, or undefined when it would have to load (never loads). */
  peek(threadId: string): CachedThread | undefined;
  /** Drops what `event` may have changed: its thread, or everything when the thread is not known here
   * (a link:checked event drops nothing: the link checker drops the threads citing it, once per batch). */
  forget(event: PublishEvent): void;
  /** Drops one thread (its article's settings changed), or every thread (a site's settings changed). */
  forgetThreads(threadId?: string): void;
};

export type LinkChecker = {
  readonly enabled: boolean;
  /** Check a committed comment's links in the background and re-apply its verdict. Never throws. */
  enqueue(commentId: string): void;
  /** Check these URLs (cache keys) now, waiting at most timeoutMs; results land in the cache either way.
   * With a budget, only the keys within the poster's caps are fetched (citations/link-budget.ts). */
  checkNow(keys: readonly string[], timeoutMs: number, budget?: CheckBudget): Promise<void>;
  /** One periodic pass: re-check a batch of due links cited by visible comments. Returns how many. */
  sweep(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
  /** Resolves once nothing is queued or running (tests and shutdown wait on it). */
  idle(): Promise<void>;
};

export type Mailer = {
  /** true when no SMTP_URL is set: mails are stored, not sent. */
  readonly embedded: boolean;
  /** Starts polling (MAIL_POLL_SECONDS) unless MAIL_WORKER_ENABLED=false. */
  start(): void;
  /** Look at the outbox now (after a commit that queued mail). */
  wake(): void;
  /** One round: periodic jobs that are due, then every due mail. Returns mails settled. */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
};
