// Use case: a reader (or a signed-in moderator) posts a comment or a reply.
import crypto from "node:crypto";
import { sourcesOfComment } from "../citations/analyze-citations.ts";
import { commentLinkRows } from "../citations/describe-sources.ts";
import { writeTogether } from "../store/group-commit.ts";
import { insertComment, readReplyParent } from "../store/comments.ts";
import { placeReply } from "../domain/comment.ts";
import { AppError, fieldError } from "../domain/errors.ts";
import type { CommentStatus } from "../domain/comment.ts";
import { afterCommit } from "../after-commit.ts";
import type { Deps } from "../deps.ts";
import { getPostingThread } from "../sites/get-thread-settings.ts";
import { lookAlikeKey } from "../domain/names.ts";
import {
  POSTER_LIMIT_PHASES,
  recheckAfterCount,
  recheckBeforeCount,
  recheckPosterLimits,
} from "./recheck-poster-limits.ts";
import { bodyHashOf } from "../domain/body-hash.ts";
import { duplicateSince } from "./phases/duplicate.ts";
import { phases } from "./phases/index.ts";
import { runCommentPipeline } from "./run-comment-pipeline.ts";
import { loadReferences } from "../citations/comment-references.ts";
import { toOwnComment } from "./own-comments.ts";
import { hashToken } from "../domain/tokens.ts";
import type { PublicComment } from "../domain/public-comment.ts";
import { postLocks } from "../moderation/poster-lock.ts";
import { banSubjectsOf } from "../moderation/poster-history.ts";
import { planSubscriptions, writeSubscriptions, type ConfirmationQuota } from "../mail/subscribe-on-post.ts";
import { enqueuePublicationMails } from "../mail/publication-mails.ts";
import { enqueueModeratorAlerts } from "../mail/moderator-alerts.ts";
import { recordCommentEvents, recordPostedEvents } from "../realtime/record-events.ts";
import { requireProofOfWork, type ProofOfWork } from "./proof-of-work.ts";

/** A signed-in reader (src/identity/): their account names them; `siteId` set for a widget's token. */
export type CommentingReader = {
  accountId: string;
  siteId: string | null;
  name: string;
  email: string | null;
  provider: string;
  providerLabel: string;
};

/** What the poster typed (checked at the edge: http/schemas.ts ZCreateComment) and where it goes.
 * A signed-in reader's name and email come from their account instead. */
export type CreateCommentInput = {
  body: string;
  authorName?: string;
  authorEmail?: string;
  authorUrl?: string;
  parentId?: string;
  threadId: string;
  ipHash: string;
  moderatorId?: string | null;
  reader?: CommentingReader | null;
  /** The form's notify boxes: mail me replies / every new comment in this thread. */
  notifyReplies?: boolean;
  notifyThread?: boolean;
  /** Addresses this browser proved it owns (the email-proof cookie set by a confirmation link). */
  provenEmails?: string[];
  /** The language of the page the reader posts from: the notify boxes' mails are written in it. */
  language?: string;
  /** Confirmation mails this client may still cause (per IP per hour). */
  confirmationQuota?: ConfirmationQuota;
  /** Milliseconds from the form's render to this post, when known (posting-speed.ts). */
  postedAfterMs?: number | null;
  /** What an anonymous post brings where the site asks for proof of work (proof-of-work.ts). */
  proof?: ProofOfWork;
};
/** `notify`: what the notify boxes did: started at once (`confirmed`), or wait for the mailed link. */
export type CreateCommentResult = {
  comment: PublicComment;
  editToken: string;
  notify?: { confirmed: boolean; confirmationSent: boolean };
};

const PHASES_BEFORE_STORING = phases.filter((phase) => !POSTER_LIMIT_PHASES.includes(phase));

export async function createComment(deps: Deps, input: CreateCommentInput): Promise<CreateCommentResult> {
  const { config } = deps;
  const reader = input.reader ?? null;
  // A signed-in reader is named by their account; one without a verified email gets a per-account
  // address that cannot receive mail, so email-based limits and bans never lump readers together.
  const email = reader
    ? (reader.email ?? `reader-${reader.accountId}@accounts.invalid`).toLowerCase()
    : (input.authorEmail ?? "").toLowerCase();
  // The thread's settings, read once for the whole post (the proof of work, the pipeline, the limits),
  // with the names the look-alike phases compare the poster's with and the thread as its queue card shows it.
  const posting = await getPostingThread(deps, input.threadId, {
    nameKey: lookAlikeKey(reader ? reader.name : (input.authorName ?? "")),
    readerAccountId: reader?.accountId ?? null,
    email,
  });
  const { thread } = posting;
  // A signed-in moderator or reader is known; anyone else proves work when the site asks.
  await requireProofOfWork(deps, { thread, anonymous: !reader && !input.moderatorId, proof: input.proof ?? {} });

  if (reader?.siteId && reader.siteId !== thread.siteId) throw new AppError("FORBIDDEN", { reason: "signInOtherSite" });
  const { commenting } = thread.settings;
  if (!reader && !input.moderatorId && commenting === "signed-in-only") throw new AppError("SIGN_IN_REQUIRED");
  if (!reader && (!input.authorName || !input.authorEmail)) throw fieldError("authorName", "enterName");

  const body = input.body.trim();
  if (!body) throw fieldError("body", "writeComment");
  // Hashed once for the duplicate rule (domain/body-hash.ts): the post's lock key, its row, and the look-ups
  // of its count update and re-check.
  const bodyHash = bodyHashOf(body);

  let placement: { parentId: string | null; depth: number } = { parentId: null, depth: 1 };
  let parent: Awaited<ReturnType<typeof readReplyParent>> = null;
  if (input.parentId) {
    parent = await readReplyParent(deps.db, input.parentId);
    if (!parent || parent.threadId !== thread.id || parent.status !== "published") {
      throw fieldError("parentId", "parentElsewhere");
    }
    placement = placeReply(parent, config.COMMENT_MAX_DEPTH);
  }

  const now = deps.clock.now();
  const author = reader
    ? {
        name: reader.name,
        email,
        url: null,
        ipHash: input.ipHash,
        moderatorId: input.moderatorId ?? null,
        readerAccountId: reader.accountId,
        emailProven: !!reader.email, // signed in: the identity provider vouched for the address
      }
    : {
        name: input.authorName!,
        email,
        url: input.authorUrl ?? null,
        ipHash: input.ipHash,
        moderatorId: input.moderatorId ?? null,
        readerAccountId: null,
        emailProven: !!input.provenEmails?.includes(email),
      };
  // Ban, flood and duplicate are checked once, in the insert transaction (recheck-poster-limits.ts).
  const outcome = await runCommentPipeline(
    deps,
    {
      kind: "create",
      thread,
      author,
      bodySource: body,
      bodyHash,
      parentId: placement.parentId,
      postedAfterMs: input.postedAfterMs ?? null,
      known: { moderatorNames: posting.moderatorNames, readerNamesLike: posting.readerNamesLike },
    },
    PHASES_BEFORE_STORING,
  );

  const mailable = !reader || !!reader.email;
  // The notify boxes: confirmation limits are checked before anything is stored (429 refuses the post).
  const subscriptions = await planSubscriptions(deps, {
    address: author.email,
    // A signed-in reader without a verified email has no address to mail (theirs ends in .invalid).
    notifyReplies: !!input.notifyReplies && mailable,
    notifyThread: !!input.notifyThread && mailable,
    proven: author.emailProven,
    language: input.language,
    confirmationQuota: input.confirmationQuota,
  });
  let mailQueued = 0;

  const editToken = crypto.randomBytes(24).toString("base64url");
  const published = outcome.status === "published";
  const links = commentLinkRows(sourcesOfComment(body, outcome.metadata));
  // One transaction: the comment, its first revision, its links, the thread's count, the mail it causes
  // and its realtime events, or nothing (on SQLite, posts arriving together share the COMMIT, each in its
  // own savepoint: group-commit.ts). It takes the poster's locks first (poster-lock.ts postKeys), so
  // simultaneous posts by them take turns and its ban and limits are checked against what they committed
  // (recheck-poster-limits.ts).
  const { created: comment, events } = await writeTogether(deps, async (tx) => {
    // Its poster locks first (taken by the INSERT before its row: on PostgreSQL in the same statement).
    const locks = postLocks(deps, thread.siteId, { ...author, bodyHash }, thread.settings);
    const created = await insertComment(
      tx,
      {
        threadId: thread.id,
        parentId: placement.parentId,
        depth: placement.depth,
        authorName: author.name,
        authorEmail: author.email,
        authorUrl: author.url,
        moderatorId: author.moderatorId,
        readerAccountId: author.readerAccountId,
        ipHash: author.ipHash,
        bodySource: body,
        bodyHash,
        bodyHtml: outcome.bodyHtml,
        status: outcome.status,
        flags: outcome.flags,
        // The "verified" mark readers see: who vouched for the author, kept with the comment.
        metadata: reader
          ? { ...outcome.metadata, signedIn: { provider: reader.provider, label: reader.providerLabel } }
          : outcome.metadata,
        editTokenHash: hashToken(editToken),
        createdAt: now,
        publishedAt: published ? now : null,
        links,
      },
      locks,
    );
    const recheck = {
      thread: {
        id: thread.id,
        siteId: thread.siteId,
        closed: thread.closed,
        articleId: thread.articleId,
        startedAt: thread.startedAt,
      },
      settings: thread.settings,
      author,
      bodySource: body,
      bodyHash,
      now,
      commentId: created.id,
    };
    // A published post's ban and duplicate checks are asked by its thread's count update (below); a held or
    // pending one leaves the count alone and reads them here.
    if (published) await recheckBeforeCount(tx, deps, recheck);
    else await recheckPosterLimits(tx, deps, recheck);
    // Mail caused by this post, committed with it (src/mail/): confirmation, subscriptions, reply mail.
    mailQueued = subscriptions
      ? await writeSubscriptions(tx, subscriptions, { threadId: thread.id, commentId: created.id, now })
      : 0;
    if (published) mailQueued += await enqueuePublicationMails(tx, { ...created, approved: false }, now);
    else if (created.status === "held" || created.status === "pending")
      mailQueued += await enqueueModeratorAlerts(tx, { commentId: created.id, reason: created.status }, now);
    // Its realtime events, stored with it (last: they lock the rooms' sequences until the commit). Its queue
    // card from what is in hand (a new comment has no reports; a signed-in poster's account came with the
    // posting read), so nothing is read after the commit.
    const change = {
      event: { type: "comment:created" as const, commentId: created.id },
      row: created,
      showPingbacks: thread.settings.showPingbacks,
      queueRow: {
        ...created,
        thread: {
          id: thread.id,
          title: posting.card.title,
          url: posting.card.url,
          article: thread.articleSlug
            ? { slug: thread.articleSlug, title: posting.card.articleTitle ?? posting.card.title }
            : null,
        },
        parent: parent && { id: parent.id, authorName: parent.authorName, bodySource: parent.bodySource },
        reports: [],
        readerAccount: posting.readerAccount,
        authorRecord: withOne(posting.authorRecord, created.status),
      },
    };
    if (!published) return { created, events: await recordCommentEvents(tx, deps, [change]) };
    // A published post's events go with its thread's count, which asks its ban and duplicate look-ups in the
    // same statement: sent under the poster lock (so it sees a ban or an identical post committed while this
    // post waited for it), and last, because the thread's row stays locked from there to the commit and
    // posts to one thread queue on it (on PostgreSQL count and events are one statement). A refusal after it
    // rolls the events back with the rest.
    const since = duplicateSince(thread.settings, now);
    const { counts, events } = await recordPostedEvents(tx, deps, change, {
      threadId: thread.id,
      at: now,
      ban: { siteId: thread.siteId, subjects: banSubjectsOf(author), now },
      sameBody: since
        ? { poster: { ...author, siteId: thread.siteId, excludeId: created.id }, bodyHash, since }
        : undefined,
    });
    await recheckAfterCount(tx, deps, { ...recheck, banned: counts.banned, sameBody: counts.sameBody });
    return { created, events };
  });

  const references = await loadReferences(deps, [comment]);
  // The link check only after the read: the answer describes the comment as posted, not a background
  // check's later verdict.
  afterCommit(deps, {
    deliver: [events],
    checkLinks: links.length ? [comment.id] : [],
    wakeMailer: mailQueued > 0,
  });
  // The author's own view: their source text and how long they may edit (see own-comments.ts).
  return {
    comment: toOwnComment(comment, thread, false, references.get(comment.id)),
    editToken,
    ...(subscriptions
      ? { notify: { confirmed: subscriptions.confirmed, confirmationSent: subscriptions.sendConfirmation } }
      : {}),
  };
}

/** The author's record by status with one more comment of `status` (the one just written). */
function withOne(record: { status: CommentStatus; count: number }[], status: CommentStatus) {
  const others = record.filter((r) => r.status !== status);
  return [...others, { status, count: (record.find((r) => r.status === status)?.count ?? 0) + 1 }];
}
