// What the pipeline may ask about a poster's past, behind a small interface: phases stay pure and
// unit-testable with hand-built answers, and this is the one database-backed implementation.
import type { Deps } from "../deps.ts";
import { readAddress } from "../store/email-addresses.ts";

export type PosterHistory = {
  /** An unexpired ban on the poster's email or IP hash on this site. */
  activeBan(): Promise<{ kind: string; reason: string | null } | null>;
  /** When this email last commented, if after `since`. */
  lastCommentByEmailSince(since: Date): Promise<Date | null>;
  /** When this address's comments after `since` were written (any email), newest first, at most `upTo`. */
  commentTimesFromAddressSince(since: Date, upTo: number): Promise<Date[]>;
  /** The source text of the poster's comments written after `since` (same email OR same IP hash). */
  bodiesSince(since: Date): Promise<string[]>;
  /** The display names of the active moderator accounts (look-alike names are held). */
  moderatorNames(): Promise<string[]>;
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

export function posterHistory(deps: Deps, p: Poster): PosterHistory {
  const db = deps.db;
  const account = p.readerAccountId ?? null;
  const samePoster = {
    OR: [{ authorEmail: p.email }, { ipHash: p.ipHash }, ...(account ? [{ readerAccountId: account }] : [])],
    thread: { siteId: p.siteId },
    ...(p.excludeCommentId ? { id: { not: p.excludeCommentId } } : {}),
  };
  return {
    async activeBan() {
      const ban = await db.ban.findFirst({
        where: {
          siteId: p.siteId,
          OR: [
            { kind: "email", value: p.email },
            { kind: "ip", value: p.ipHash },
            ...(account ? [{ kind: "account", value: account }] : []),
          ],
          AND: [{ OR: [{ expiresAt: null }, { expiresAt: { gt: p.now } }] }],
        },
        select: { kind: true, reason: true },
      });
      return ban;
    },
    async lastCommentByEmailSince(since) {
      const { OR: _either, ...rest } = samePoster;
      const last = await db.comment.findFirst({
        where: { ...rest, authorEmail: p.email, createdAt: { gt: since } },
        orderBy: { createdAt: "desc" },
        select: { createdAt: true },
      });
      return last?.createdAt ?? null;
    },
    async commentTimesFromAddressSince(since, upTo) {
      const { OR: _either, ...rest } = samePoster;
      const rows = await db.comment.findMany({
        where: { ...rest, ipHash: p.ipHash, createdAt: { gt: since } },
        orderBy: { createdAt: "desc" },
        select: { createdAt: true },
        take: upTo,
      });
      return rows.map((r) => r.createdAt);
    },
    async bodiesSince(since) {
      const rows = await db.comment.findMany({
        where: { ...samePoster, createdAt: { gt: since } },
        select: { bodySource: true },
        take: 200,
        orderBy: { createdAt: "desc" },
      });
      return rows.map((r) => r.bodySource);
    },
    async moderatorNames() {
      const rows = await db.moderator.findMany({ where: { disabledAt: null }, select: { name: true } });
      return rows.map((r) => r.name);
    },
    async emailVerified() {
      const address = await readAddress(db, p.email);
      return !!address?.verifiedAt;
    },
    async publishedCount(upTo) {
      if (account) {
        const n = await db.comment.count({
          where: {
            readerAccountId: account,
            status: "published",
            thread: { siteId: p.siteId },
            ...(p.excludeCommentId ? { id: { not: p.excludeCommentId } } : {}),
          },
          take: upTo,
        });
        return Math.min(n, upTo);
      }
      // Names are stored as typed; group this email's published comments by name and compare lower-cased.
      const groups = await db.comment.groupBy({
        by: ["authorName"],
        where: {
          authorEmail: p.email,
          readerAccountId: null, // typing a signed-in reader's email and name earns nothing
          status: "published",
          thread: { siteId: p.siteId },
          ...(p.excludeCommentId ? { id: { not: p.excludeCommentId } } : {}),
        },
        _count: { _all: true },
      });
      const name = normalizeName(p.name);
      const n = groups.filter((g) => normalizeName(g.authorName) === name).reduce((sum, g) => sum + g._count._all, 0);
      return Math.min(n, upTo);
    },
  };
}

export function normalizeName(name: string): string {
  return name.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();
}
