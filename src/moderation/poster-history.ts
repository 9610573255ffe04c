// What the pipeline may ask about a poster's past, behind a small interface: phases stay pure and
// unit-testable with hand-built answers, and this is the one database-backed implementation.
import type { Db, DbProvider, Tx } from "../store/client.ts";
import { hasActiveBan, type BanSubject } from "../store/bans.ts";
import { readAddress } from "../store/email-addresses.ts";
import { lookAlikeKey } from "../domain/names.ts";
import { listActiveModeratorNames } from "../store/moderators.ts";
import { listReaderNamesLike } from "../store/reader-accounts.ts";
import {
  commentTimesFromAddressSince,
  countPublishedByAccount,
  countPublishedByName,
  lastCommentByEmailSince,
  sameBodySince,
  type PosterQuery,
} from "../store/poster-comments.ts";
import type { BodyHash } from "../domain/body-hash.ts";

export type PosterHistory = {
  /** An unexpired ban on the poster's email, IP hash or account on this site exists. */
  activeBan(): Promise<boolean>;
  /** When this email last commented, if after `since`. */
  lastCommentByEmailSince(since: Date): Promise<Date | null>;
  /** When this address's comments after `since` were written (any email), newest first, at most `upTo`. */
  commentTimesFromAddressSince(since: Date, upTo: number): Promise<Date[]>;
  /** The poster (same email, IP hash or account) wrote a comment with this body hash (domain/body-hash.ts) after `since`. */
  sameBodySince(bodyHash: BodyHash, since: Date): Promise<boolean>;
  /** The display names of the active moderator accounts (look-alike names are held). */
  moderatorNames(): Promise<string[]>;
  /** Display names of other signed-in readers' accounts that this poster's name passes for. */
  readerNamesLike(): Promise<string[]>;
  /** Published comments by the same signed-in account, or for anonymous posters by the same email AND
   *  name (case-insensitive) among anonymous comments only, at most `upTo` counted. */
  publishedCount(upTo: number): Promise<number>;
  /** Its owner confirmed the email address (a link Parley mailed): only such an address can be "returning". */
  emailVerified(): Promise<boolean>;
};

export type Poster = {
  siteId: string;
  email: string;
  name: string;
  ipHash: string;
  /** A signed-in reader's account: they are recognised by it, not by what they type. */
  readerAccountId?: string | null;
  now: Date;
  excludeCommentId?: string;
};

/** Answers already read with something else (the post's one read of its thread: get-thread-settings.ts;
 * its ban, and whether it repeats the poster's text within the duplicate window, with the thread's count:
 * create-comment.ts). */
export type KnownHistory = Partial<{
  moderatorNames: string[];
  readerNamesLike: string[];
  activeBan: boolean;
  sameBody: boolean;
}>;

/** The identities a ban on the poster may name: their email, their IP hash, their account if signed in. */
export function banSubjectsOf(p: Pick<Poster, "email" | "ipHash" | "readerAccountId">): BanSubject[] {
  return [
    { kind: "email", value: p.email },
    { kind: "ip", value: p.ipHash },
    ...(p.readerAccountId ? [{ kind: "account" as const, value: p.readerAccountId }] : []),
  ];
}

/** `db`: the database, or a transaction to read what it sees (recheck-poster-limits.ts). */
export function posterHistory(db: Db | Tx, provider: DbProvider, p: Poster, known: KnownHistory = {}): PosterHistory {
  const account = p.readerAccountId ?? null;
  const q: PosterQuery = {
    siteId: p.siteId,
    email: p.email,
    ipHash: p.ipHash,
    readerAccountId: account,
    excludeId: p.excludeCommentId,
  };
  return {
    activeBan: async () => known.activeBan ?? hasActiveBan(db, provider, p.siteId, banSubjectsOf(p), p.now),
    lastCommentByEmailSince: (since) => lastCommentByEmailSince(db, provider, q, since),
    commentTimesFromAddressSince: (since, upTo) => commentTimesFromAddressSince(db, provider, q, since, upTo),
    sameBodySince: async (bodyHash, since) => known.sameBody ?? sameBodySince(db, provider, q, bodyHash, since),
    moderatorNames: async () => known.moderatorNames ?? listActiveModeratorNames(db),
    readerNamesLike: async () => known.readerNamesLike ?? listReaderNamesLike(db, lookAlikeKey(p.name), account),
    async emailVerified() {
      const address = await readAddress(db, p.email);
      return !!address?.verifiedAt;
    },
    async publishedCount(upTo) {
      if (account) return Math.min(await countPublishedByAccount(db, q, upTo), upTo);
      // Names are stored as typed; group this email's published comments by name and compare lower-cased.
      const groups = await countPublishedByName(db, q);
      const name = normalizeName(p.name);
      const n = groups.filter((g) => normalizeName(g.authorName) === name).reduce((sum, g) => sum + g.count, 0);
      return Math.min(n, upTo);
    },
  };
}

export function normalizeName(name: string): string {
  return name.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();
}
