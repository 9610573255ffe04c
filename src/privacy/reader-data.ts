// Use cases: a reader's data (README "A reader's data"). A reader asks by email; the mailer (src/mail/)
// sends a signed link, valid for a day, to a page with everything stored about that address (JSON and
// HTML) and two ways to erase it: anonymise (comments stay, name becomes "Deleted reader", email,
// website and IP hash removed) or delete (text removed; replies stay under "This comment was removed").
// Admins do the same for an address from the API, with their id on every audit row.
import type { Deps } from "../deps.ts";
import { enqueueMail } from "../mail/enqueue-mail.ts";
import { verifyToken } from "../mail/signed-tokens.ts";
import { AppError } from "../domain/errors.ts";
import { inTransaction } from "../store/client.ts";
import {
  eraseCommentsOfAddress,
  readCommentsOfAddress,
  readMailRecordsOfAddress,
  type EraseMode,
} from "../store/privacy.ts";

/** The address a reader-data link was made for, or an error a reader can understand. */
export function addressOfLink(deps: Pick<Deps, "config" | "clock">, token: unknown): string {
  const payload = verifyToken<{ a?: unknown }>(deps.config.MAIL_SIGNING_SECRET, "your-data", token, deps.clock.now());
  if (!payload || typeof payload.a !== "string") throw new AppError("FORBIDDEN", { reason: "dataLinkNotValid" });
  return payload.a;
}

/** Mails the link (at most one per address per hour: the same request again is the same mail). The
 *  answer never says whether anything is stored for the address. */
/** `language`: the page's the reader asked from; the mail is written in it. */
export async function requestReaderData(deps: Deps, rawAddress: string, language = "en"): Promise<void> {
  const address = rawAddress.trim().toLowerCase();
  const now = deps.clock.now();
  const hour = Math.floor(now.getTime() / 3600_000);
  await inTransaction(deps.db, (tx) =>
    enqueueMail(
      tx,
      { kind: "your-data", to: address, idempotencyKey: `your-data:${address}:${hour}`, data: { lang: language } },
      now,
    ),
  );
  deps.mailer.wake();
}

export type ReaderDataExport = Awaited<ReturnType<typeof exportReaderData>>;

export async function exportReaderData(deps: Deps, address: string) {
  const [comments, mail] = await Promise.all([
    readCommentsOfAddress(deps.db, address),
    readMailRecordsOfAddress(deps.db, address),
  ]);
  return {
    address,
    exportedAt: deps.clock.now().toISOString(),
    comments: comments.map((c) => ({
      id: c.id,
      page: { title: c.thread.title, url: c.thread.article ? `/articles/${c.thread.article.slug}` : c.thread.url },
      authorName: c.authorName,
      authorEmail: c.authorEmail,
      authorUrl: c.authorUrl,
      ipHash: c.ipHash || null,
      status: c.status,
      kind: c.kind,
      text: c.bodySource,
      html: c.bodyHtml,
      createdAt: c.createdAt.toISOString(),
      editedAt: c.editedAt?.toISOString() ?? null,
      publishedAt: c.publishedAt?.toISOString() ?? null,
      revisions: c.revisions.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    })),
    mail: mail,
  };
}

export async function eraseReaderData(
  deps: Deps,
  address: string,
  mode: EraseMode,
  by: { moderatorId: string | null },
): Promise<{ comments: number }> {
  const reason = by.moderatorId ? `erased by an admin (${mode})` : `erased by the reader (${mode})`;
  const before = await inTransaction(deps.db, (tx) =>
    eraseCommentsOfAddress(tx, address, mode, { moderatorId: by.moderatorId, reason }),
  );
  for (const c of before) {
    if (mode === "anonymise") deps.publisher.publish({ type: "comment:edited", commentId: c.id, from: c.status });
    else if (c.status !== "deleted")
      deps.publisher.publish({
        type: "comment:status-changed",
        commentId: c.id,
        from: c.status,
        to: "deleted",
        action: "erase-delete",
        by: null,
        reason,
      });
  }
  return { comments: before.length };
}
