// Use case: a reader clicks "log in with <provider>". A new flow (state, nonce, PKCE verifier, where
// to return) is stored, bound to this browser by a cookie, and the reader is sent to the provider.
// beginSignInFlow is that start for every kind of sign-in (moderators' too: moderator-sign-in.ts).
import { AppError } from "../domain/errors.ts";
import { storedOrigins } from "../domain/origins.ts";
import type { Deps } from "../deps.ts";
import { findSiteForSignIn, saveSignInFlow, type NewSignInFlow } from "../store/reader-accounts.ts";
import { newReaderToken, readerTokenId } from "./reader-session-token.ts";
import { checkReturnAddress } from "./return-address.ts";
import { loadOpenidClient } from "./identity-client.ts";
import { providersShownOn } from "./site-providers.ts";

/** A sign-in must come back within this long. */
export const SIGN_IN_FLOW_TTL_MS = 10 * 60_000;

export type StartSignInInput = {
  provider: string;
  /** Page sign-in: where to come back to (a path here, or a page on the site's allowed origins). */
  returnTo?: string;
  /** Widget sign-in in a popup: the embedding site, the origin the token is posted to, and the nonce the
   * widget made when it opened the popup (the token is handed back with it, and accepted only with it). */
  popup?: { siteId: string; origin: string; nonce: string | null };
  /** The site whose page the button was on (its settings say which providers it shows). */
  siteId: string;
  ownOrigin: string;
  callbackUrl: string;
};

export async function startSignIn(deps: Deps, input: StartSignInInput): Promise<{ flowToken: string; url: URL }> {
  const site = await findSiteForSignIn(deps.db, input.popup?.siteId ?? input.siteId);
  if (!site) throw new AppError("SITE_NOT_FOUND");
  if (!providersShownOn(deps, site.settings).some((p) => p.id === input.provider))
    throw new AppError("PROVIDER_NOT_CONFIGURED");
  const origins = storedOrigins(site.allowedOrigins);
  if (input.popup && !origins.includes(input.popup.origin))
    throw new AppError("ORIGIN_NOT_ALLOWED", {
      reason: "popupOriginRefused",
      params: { origin: input.popup.origin },
    });
  const returnTo = input.popup ? "" : checkReturnAddress(input.returnTo, input.ownOrigin, origins);

  return beginSignInFlow(deps, {
    provider: input.provider,
    callbackUrl: input.callbackUrl,
    purpose: "reader",
    returnTo,
    popupOrigin: input.popup?.origin ?? null,
    siteId: input.popup?.siteId ?? null,
    widgetNonce: input.popup?.nonce ?? null,
    inviteId: null,
  });
}

export type BeginFlow = Omit<NewSignInFlow, "id" | "state" | "nonce" | "codeVerifier" | "createdAt" | "expiresAt"> & {
  callbackUrl: string;
};

/** The one OAuth/OIDC start every sign-in shares (readers, the console, a moderator linking a provider):
 * state, nonce and PKCE verifier made by openid-client, the flow stored (bound to the browser by the
 * returned token, kept in a cookie), and the provider's URL to send the browser to. */
export async function beginSignInFlow(deps: Deps, input: BeginFlow): Promise<{ flowToken: string; url: URL }> {
  const { callbackUrl, ...flow } = input;
  const spec = deps.identity.spec(input.provider);
  if (!spec) throw new AppError("PROVIDER_NOT_CONFIGURED");
  const oidc = await loadOpenidClient();
  const state = oidc.randomState();
  const nonce = spec.kind === "oidc" ? oidc.randomNonce() : null;
  const codeVerifier = oidc.randomPKCECodeVerifier();
  // The provider is asked first: if it cannot be reached nothing is stored.
  const url = await deps.identity.authorizationUrl(input.provider, {
    redirectUri: callbackUrl,
    state,
    nonce,
    codeChallenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
  });
  const flowToken = newReaderToken();
  const now = deps.clock.now();
  await saveSignInFlow(deps.db, {
    ...flow,
    id: readerTokenId(flowToken),
    state,
    nonce,
    codeVerifier,
    createdAt: now,
    expiresAt: new Date(now.getTime() + SIGN_IN_FLOW_TTL_MS),
  });
  return { flowToken, url };
}
