// What the console's API answers, typed by the server's own types (type-only imports: nothing of the
// server is bundled). Wire<T> is a type as it arrives over JSON: dates become ISO strings.
import type { AuditEntry } from "../../moderation/list-audit-log.ts";
import type { BanPreview } from "../../moderation/preview-ban.ts";
import type { BulkResult } from "../../moderation/decide-comments-bulk.ts";
import type { Decided } from "../../moderation/decide-comment.ts";
import type { QueueCounts } from "../../moderation/queue-counts.ts";
import type { QueueItem } from "../../moderation/queue-items.ts";
import type { ModeratorEvent } from "../../realtime/events.ts";
import type { SiteSettings } from "../../config/site-settings.ts";
import type { ArticleSettingsView } from "../../sites/get-settings.ts";
import type { SiteView } from "../../sites/site-view.ts";
import type { ModeratorSummary } from "../../accounts/create-moderator.ts";
import type { Invitation, LinkedIdentity } from "../../identity/moderator-sign-in.ts";
import type { ProviderInfo } from "../../identity/identity-client.ts";
import type { ImportJob } from "../../import/import-jobs.ts";
import type { ReaderDataExport } from "../../privacy/reader-data.ts";
import type { listOutboxForConsole } from "../../mail/outbox-console.ts";
import type { EventPage } from "../live/live-sequence.ts";

export type Wire<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

export type { AuditEntry, BanPreview, BulkResult, ImportJob, ModeratorEvent, ModeratorSummary, QueueCounts };
export type { QueueItem, SiteSettings, SiteView };
export type QueueName = keyof QueueCounts;
/** GET /api/admin/moderators (src/http/admin-handlers.ts): each account with its linked sign-in providers. */
export type ModeratorWithIdentities = ModeratorSummary & { identities: LinkedIdentity[] };
export type ModeratorsAnswer = {
  moderators: ModeratorWithIdentities[];
  providers: ProviderInfo[];
  invitationsByMail: boolean;
};
/** POST /api/admin/moderators/:id/identity-invitations. */
export type InvitationAnswer = { invitation: Wire<Invitation> };
export type ModeratorLink = QueueItem["links"][number];

/** GET /api/auth/me, POST /api/auth/login (src/http/auth-handlers.ts). */
export type Me = { id: string; email: string; name: string; role: "admin" | "moderator" };
export type Session = { moderator: Me; csrfToken: string };

/** GET /api/articles (src/http/api-handlers.ts). */
export type ArticleListing = { slug: string; title: string; threadId: string; commentCount: number };

export type QueuePage = { items: QueueItem[]; nextCursor: string | null; counts: QueueCounts };
export type DecisionAnswer = { comment: Omit<Decided, "alsoRejected">; alsoRejected?: string[]; counts: QueueCounts };
export type BulkAnswer = { results: BulkResult[]; counts: QueueCounts };
export type AuditPage = { items: AuditEntry[]; nextCursor: string | null };
export type ModeratorEventPage = EventPage<ModeratorEvent>;

export type SettingsPage = { site: SiteSettings; articles: ArticleSettingsView[] };
export type ArticleSettingsAnswer = { overrides: Partial<SiteSettings>; closed?: boolean };

export type Outbox = Wire<Awaited<ReturnType<typeof listOutboxForConsole>>>;
export type OutboxMail = Outbox["items"][number];
export type ReaderData = Wire<ReaderDataExport>;
