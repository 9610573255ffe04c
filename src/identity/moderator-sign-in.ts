// Moderators and admins signing in to the console with an identity provider. An account is linked by
// an admin, never by matching email: the admin makes a one-time invitation (MODERATOR_LINK_MINUTES,
// only its SHA-256 stored) that is mailed to the moderator (or, with no mail relay, shown to the admin
// once to hand over); the moderator opens it and goes through the provider's flow (the same start and
// callback as readers: PKCE, state, nonce), and the (provider, subject) that comes back is linked to
// that account. From then on "Sign in with <provider>" on the console opens a moderator session for
// a linked identity; an unlinked one is refused and nothing is stored.
import { publicUrl } from "../config/config.ts";
import { AppError } from "../domain/errors.ts";
import type { Deps } from "../deps.ts";
import { openModeratorSession, type LoginResult } from "../accounts/log-in.ts";
import { createMailedLink, mailedLinkId } from "../mail/mailed-link.ts";
import { insertAccountAction, listAccountActions } from "../store/account-actions.ts";
import { inTransaction } from "../store/client.ts";
import { peekMailedLink, useMailedLink } from "../store/mailed-links.ts";
import {
  findLinkedModerator,
  linkModeratorIdentity,
  listModeratorIdentities,
  unlinkModeratorIdentity,
  type ModeratorIdentityRow,
} from "../store/moderator-identities.ts";
import { findModeratorById } from "../store/moderators.ts";
import type { ProviderInfo } from "./identity-client.ts";
import { beginSignInFlow } from "./start-sign-in.ts";
import type { VerifiedSignIn } from "./finish-sign-in.ts";

/** How long an invitation to link a provider works. */
export const MODERATOR_LINK_MINUTES = 60;

export type Invitation = {
  expiresAt: Date;
  /** Mailed to the account's address (a mail relay is set up). */
  mailedTo: string | null;
  /** No mail relay: the link, shown to the admin once, to hand over. Never stored. */
  url: string | null;
};

/** An admin invites a moderator (or themselves) to link a sign-in provider. Audited. */
export async function inviteModeratorIdentity(deps: Deps, actorId: string, moderatorId: string): Promise<Invitation> {
  const account = await findModeratorById(deps.db, moderatorId);
  if (!account) throw new AppError("NOT_FOUND", { reason: "noSuchModerator" });
  if (account.disabledAt) throw new AppError("CONFLICT", { reason: "disabledNoLink" });
  if (!deps.identity.list().length)
    throw new AppError("PROVIDER_NOT_CONFIGURED", {
      reason: "noProviderToLink",
    });
  const now = deps.clock.now();
  const mail = !deps.mailer.embedded;
  const { token, expiresAt } = await inTransaction(deps.db, async (tx) => {
    const link = await createMailedLink(
      tx,
      {
        purpose: "moderator-link",
        email: account.email,
        data: { moderatorId: account.id, invitedBy: actorId },
        minutes: MODERATOR_LINK_MINUTES,
        mail: mail ? { kind: "moderator-link", keyPrefix: "moderator-link", data: { name: account.name } } : null,
      },
      now,
    );
    await insertAccountAction(tx, {
      moderatorId: account.id,
      actorId,
      action: "identity-invited",
      detail: mail ? `mailed to ${account.email}` : "handed over by the admin",
      createdAt: now,
    });
    return link;
  });
  const url = `${publicUrl(deps.config)}/moderate/link-provider?t=${token}`;
  if (mail) deps.mailer.wake();
  return { expiresAt, mailedTo: mail ? account.email : null, url: mail ? null : url };
}

const invitationRefused = {
  unknown: new AppError("INVALID_LINK", { reason: "invitationNotValidAsk" }),
  "already-used": new AppError("LINK_USED", {
    reason: "invitationUsed",
  }),
  expired: new AppError("LINK_EXPIRED", {
    reason: "invitationExpired",
    params: { minutes: MODERATOR_LINK_MINUTES },
  }),
};

/** The invitation's page: whose account it links, and the providers to choose from. Uses nothing. */
export async function describeInvitation(
  deps: Deps,
  token: string,
): Promise<{ name: string; email: string; providers: ProviderInfo[] }> {
  const link = await peekMailedLink(deps.db, mailedLinkId(token), "moderator-link", deps.clock.now());
  if (link.outcome !== "usable") throw invitationRefused[link.outcome];
  const account = await findModeratorById(deps.db, String(link.data.moderatorId));
  if (!account || account.disabledAt) throw invitationRefused.unknown;
  return { name: account.name, email: account.email, providers: deps.identity.list() };
}

/** The moderator chose a provider on the invitation's page: to the provider (the invitation is used on the way back). */
export async function startModeratorLink(
  deps: Deps,
  input: { token: string; provider: string; callbackUrl: string },
): Promise<{ flowToken: string; url: URL }> {
  await describeInvitation(deps, input.token);
  return beginSignInFlow(deps, {
    provider: input.provider,
    callbackUrl: input.callbackUrl,
    purpose: "moderator-link",
    returnTo: "/moderate",
    popupOrigin: null,
    siteId: null,
    widgetNonce: null,
    inviteId: mailedLinkId(input.token),
  });
}

/** Back from the provider with an invitation's flow: the invitation is used (once) and the identity linked. */
export async function finishModeratorLink(
  deps: Deps,
  { flow, profile }: VerifiedSignIn,
): Promise<{ moderatorName: string; providerLabel: string; label: string }> {
  if (flow.purpose !== "moderator-link" || !flow.inviteId) throw new AppError("SIGN_IN_EXPIRED");
  const providerLabel = deps.identity.spec(flow.provider)?.label ?? flow.provider;
  const already = await findLinkedModerator(deps.db, flow.provider, profile.subject);
  if (already)
    throw new AppError("CONFLICT", {
      reason: "providerAlreadyLinked",
      params: { provider: providerLabel },
    });
  const now = deps.clock.now();
  const used = await useMailedLink(deps.db, flow.inviteId, "moderator-link", now);
  if (used.outcome !== "used-now") throw invitationRefused[used.outcome];
  const account = await findModeratorById(deps.db, String(used.data.moderatorId));
  if (!account || account.disabledAt) throw invitationRefused.unknown;
  const label = profile.email ? `${profile.displayName} (${profile.email})` : profile.displayName;
  const linked = await linkModeratorIdentity(deps.db, {
    moderatorId: account.id,
    provider: flow.provider,
    subject: profile.subject,
    label: label.slice(0, 200),
    invitedBy: typeof used.data.invitedBy === "string" ? used.data.invitedBy : null,
    now,
  });
  if (linked.outcome === "taken")
    throw new AppError("CONFLICT", {
      reason: "providerAlreadyLinked",
      params: { provider: providerLabel },
    });
  if (linked.outcome === "no-account") throw invitationRefused.unknown;
  return { moderatorName: account.name, providerLabel, label };
}

/** "Sign in with <provider>" on the console: to the provider. Every configured provider is offered. */
export function startModeratorSignIn(
  deps: Deps,
  input: { provider: string; callbackUrl: string },
): Promise<{ flowToken: string; url: URL }> {
  return beginSignInFlow(deps, {
    provider: input.provider,
    callbackUrl: input.callbackUrl,
    purpose: "moderator",
    returnTo: "/moderate",
    popupOrigin: null,
    siteId: null,
    widgetNonce: null,
    inviteId: null,
  });
}

/** Back from the provider on a console sign-in: a linked, enabled account gets a new moderator session. */
export async function finishModeratorSignIn(
  deps: Deps,
  { flow, profile }: VerifiedSignIn,
  previousSessionToken?: string,
): Promise<LoginResult> {
  if (flow.purpose !== "moderator") throw new AppError("SIGN_IN_EXPIRED");
  const label = deps.identity.spec(flow.provider)?.label ?? flow.provider;
  const linked = await findLinkedModerator(deps.db, flow.provider, profile.subject);
  if (!linked)
    throw new AppError("NOT_LINKED", {
      reason: "providerNotLinkedAsk",
      params: { provider: label },
    });
  if (linked.moderator.disabledAt) throw new AppError("ACCOUNT_DISABLED");
  return openModeratorSession(deps, linked.moderator, previousSessionToken);
}

export type LinkedIdentity = { id: string; provider: string; providerLabel: string; label: string; createdAt: string };

/** The identities linked to these accounts, by account (the Moderators page). */
export async function identitiesByModerator(deps: Deps, ids: string[]): Promise<Map<string, LinkedIdentity[]>> {
  const out = new Map<string, LinkedIdentity[]>();
  for (const row of await listModeratorIdentities(deps.db, ids)) {
    const list = out.get(row.moderatorId) ?? [];
    list.push(toLinkedIdentity(deps, row));
    out.set(row.moderatorId, list);
  }
  return out;
}

function toLinkedIdentity(deps: Deps, row: ModeratorIdentityRow): LinkedIdentity {
  return {
    id: row.id,
    provider: row.provider,
    providerLabel: deps.identity.spec(row.provider)?.label ?? row.provider,
    label: row.label,
    createdAt: row.createdAt.toISOString(),
  };
}

/** An admin unlinks a provider from an account (audited). Its sessions stay: they were opened legitimately. */
export async function unlinkIdentity(deps: Deps, actorId: string, moderatorId: string, identityId: string) {
  const done = await unlinkModeratorIdentity(deps.db, { moderatorId, identityId, actorId, now: deps.clock.now() });
  if (!done) throw new AppError("NOT_FOUND", { reason: "providerNotLinked" });
}

/** One account's recent changes (invited, linked, unlinked, role, disabled), for the Moderators page. */
export async function accountHistory(deps: Deps, moderatorId: string) {
  const rows = await listAccountActions(deps.db, moderatorId, 20);
  return rows.map((r) => ({
    action: r.action,
    detail: r.detail,
    by: r.actor?.name ?? null,
    at: r.createdAt.toISOString(),
  }));
}
