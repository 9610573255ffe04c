// Use case: the provider sends the reader back with a code. The flow this browser started is taken
// (one time), the code exchanged and the ID token verified by openid-client; only then is the account
// written and a new session made (a session the browser had before is ended: the id is rotated).
import { AppError } from "../domain/errors.ts";
import type { Deps } from "../deps.ts";
import {
  createReaderSession,
  deleteReaderSession,
  takeSignInFlow,
  upsertReaderAccount,
  type ReaderAccountRow,
} from "../store/reader-accounts.ts";
import { newReaderCsrfToken, newReaderToken, readerTokenId } from "./reader-session-token.ts";

export type FinishSignInInput = {
  provider: string;
  flowToken: string | undefined;
  callbackUrl: URL;
  /** The reader session this browser held before, if any: it ends here. */
  previousSessionToken?: string;
};

export type FinishSignInResult = {
  account: ReaderAccountRow;
  token: string;
  csrfToken: string;
  expiresAt: Date;
  returnTo: string;
  popupOrigin: string | null;
};

/** What the flow said, for the error page: a popup must still answer its opener. */
export type FlowContext = { popupOrigin: string | null; returnTo: string };

export async function finishSignIn(
  deps: Deps,
  input: FinishSignInInput,
  onFlow: (flow: FlowContext) => void = () => {},
): Promise<FinishSignInResult> {
  const flow = input.flowToken ? await takeSignInFlow(deps.db, readerTokenId(input.flowToken)) : null;
  const now = deps.clock.now();
  if (!flow || flow.provider !== input.provider) throw new AppError("SIGN_IN_EXPIRED");
  onFlow({ popupOrigin: flow.popupOrigin, returnTo: flow.returnTo });
  if (flow.expiresAt <= now) throw new AppError("SIGN_IN_EXPIRED");

  const profile = await deps.identity.finish(input.provider, input.callbackUrl, {
    state: flow.state,
    nonce: flow.nonce,
    codeVerifier: flow.codeVerifier,
  });
  const account = await upsertReaderAccount(deps.db, { provider: input.provider, ...profile }, now);
  if (account.disabledAt) throw new AppError("BANNED", { message: "This account may not sign in here." });

  const session = await openReaderSession(deps, account.id, {
    siteId: flow.siteId,
    previousSessionToken: input.previousSessionToken,
  });
  return { account, ...session, returnTo: flow.returnTo, popupOrigin: flow.popupOrigin };
}

/** A new session for a reader who just proved who they are; the browser's previous one ends (the id rotates). */
export async function openReaderSession(
  deps: Deps,
  accountId: string,
  opts: { siteId: string | null; previousSessionToken?: string },
): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const now = deps.clock.now();
  if (opts.previousSessionToken) await deleteReaderSession(deps.db, readerTokenId(opts.previousSessionToken));
  const token = newReaderToken();
  const csrfToken = newReaderCsrfToken();
  const hours = opts.siteId ? deps.config.READER_WIDGET_TOKEN_TTL_HOURS : deps.config.READER_SESSION_TTL_HOURS;
  const expiresAt = new Date(now.getTime() + hours * 3600_000);
  await createReaderSession(deps.db, {
    id: readerTokenId(token),
    accountId,
    csrfToken,
    siteId: opts.siteId,
    createdAt: now,
    expiresAt,
  });
  return { token, csrfToken, expiresAt };
}
