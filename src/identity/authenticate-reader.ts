// Use case: who does this reader token belong to? A cookie session (Parley's own pages) or a widget's
// per-site token (sent as a header). Sliding expiry for cookie sessions; widget tokens simply expire.
import type { Deps } from "../deps.ts";
import { deleteReaderSession, extendReaderSession, findReaderSession } from "../store/reader-accounts.ts";
import { readerTokenId } from "./reader-session-token.ts";

export type AuthedReader = {
  accountId: string;
  provider: string;
  providerLabel: string;
  name: string;
  avatarUrl: string | null;
  email: string | null;
  csrfToken: string;
  sessionId: string;
  /** Set for a widget token: it is valid on this site's threads only. */
  siteId: string | null;
};

export async function authenticateReader(deps: Deps, token: string | undefined): Promise<AuthedReader | null> {
  if (!token || token.length > 200) return null;
  const id = readerTokenId(token);
  const session = await findReaderSession(deps.db, id);
  if (!session) return null;
  const now = deps.clock.now();
  if (session.expiresAt <= now || session.account.disabledAt) {
    await deleteReaderSession(deps.db, id);
    return null;
  }
  if (!session.siteId) {
    const ttlMs = deps.config.READER_SESSION_TTL_HOURS * 3600_000;
    if (session.expiresAt.getTime() - now.getTime() < ttlMs / 2)
      await extendReaderSession(deps.db, id, new Date(now.getTime() + ttlMs));
  }
  const a = session.account;
  return {
    accountId: a.id,
    provider: a.provider,
    providerLabel: providerLabel(deps, a.provider),
    name: a.displayName,
    avatarUrl: a.avatarUrl,
    email: a.email,
    csrfToken: session.csrfToken,
    sessionId: session.id,
    siteId: session.siteId,
  };
}

export function providerLabel(deps: Deps, provider: string): string {
  if (provider === "email") return "email";
  return deps.identity.spec(provider)?.label ?? provider;
}
