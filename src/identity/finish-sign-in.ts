// Use case: the provider sends the browser back with a code. The flow this browser started is taken
// (one time), the code exchanged and the ID token verified by openid-client (verifySignIn, shared by
// every kind of sign-in); for a reader, only then is the account written and a new session made (a
// session the browser had before is ended: the id is rotated). Moderators: moderator-sign-in.ts.
import { AppError } from "../domain/errors.ts";
import type { Deps } from "../deps.ts";
import {
  createReaderSession,
  deleteReaderSession,
  takeSignInFlow,
  upsertReaderAccount,
  type ReaderAccountRow,
} from "../store/reader-accounts.ts";
import type { ReaderProfile } from "./providers.ts";
import { newReaderCsrfToken, newReaderToken, readerTokenId } from "./reader-session-token.ts";

export type CallbackInput = {
  provider: string;
  flowToken: string | undefined;
  callbackUrl: URL;
};

export type FinishSignInResult = {
  account: ReaderAccountRow;
  token: string;
  csrfToken: string;
  expiresAt: Date;
  returnTo: string;
  popupOrigin: string | null;
  /** The nonce the widget made when it opened the popup: the popup hands it back with the token. */
  widgetNonce: string | null;
};

type SignInFlowRow = NonNullable<Awaited<ReturnType<typeof takeSignInFlow>>>;
export type VerifiedSignIn = { flow: SignInFlowRow; profile: ReaderProfile };

/** What the flow said, for the error page: a popup must still answer its opener; the console's own
 * sign-ins go back to the console. */
export type FlowContext = {
  popupOrigin: string | null;
  returnTo: string;
  purpose: string;
  widgetNonce: string | null;
};

/** Takes the flow this browser started (once), exchanges the code and verifies the ID token. */
export async function verifySignIn(
  deps: Deps,
  input: CallbackInput,
  onFlow: (flow: FlowContext) => void = () => {},
): Promise<VerifiedSignIn> {
  const flow = input.flowToken ? await takeSignInFlow(deps.db, readerTokenId(input.flowToken)) : null;
  const now = deps.clock.now();
  if (!flow || flow.provider !== input.provider) throw new AppError("SIGN_IN_EXPIRED");
  onFlow({
    popupOrigin: flow.popupOrigin,
    returnTo: flow.returnTo,
    purpose: flow.purpose,
    widgetNonce: flow.widgetNonce,
  });
  if (flow.expiresAt <= now) throw new AppError("SIGN_IN_EXPIRED");
  const profile = await deps.identity.finish(input.provider, input.callbackUrl, {
    state: flow.state,
    nonce: flow.nonce,
    codeVerifier: flow.codeVerifier,
  });
  return { flow, profile };
}

/** A reader's sign-in, verified: the account (found or made) and a new session. */
export async function finishReaderSignIn(
  deps: Deps,
  { flow, profile }: VerifiedSignIn,
  /** The reader session this browser held before, if any: it ends here. */
  previousSessionToken?: string,
): Promise<FinishSignInResult> {
  if (flow.purpose !== "reader") throw new AppError("SIGN_IN_EXPIRED");
  const account = await upsertReaderAccount(deps.db, { provider: flow.provider, ...profile }, deps.clock.now());
  if (account.disabledAt) throw new AppError("BANNED", { reason: "accountMayNotSignIn" });

  const session = await openReaderSession(deps, account.id, { siteId: flow.siteId, previousSessionToken });
  return {
    account,
    ...session,
    returnTo: flow.returnTo,
    popupOrigin: flow.popupOrigin,
    widgetNonce: flow.widgetNonce,
  };
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
