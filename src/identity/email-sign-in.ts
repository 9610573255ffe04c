// Use cases: "email me a sign-in link", for readers without an identity provider account. The link
// is one-time and short-lived (AUTH_EMAIL_LINK_MINUTES); following it proves the reader reads that
// mailbox, so the address becomes verified and the account (provider "email", subject = the address)
// signs in. From the widget the link carries the reader back to the page they came from, the token
// in the URL's fragment (never sent to a server) for the widget to keep, only on an allowed origin.
import { AppError } from "../domain/errors.ts";
import { storedOrigins } from "../domain/origins.ts";
import type { Deps } from "../deps.ts";
import { createMailedLink, mailedLinkId } from "../mail/mailed-link.ts";
import { inTransaction } from "../store/client.ts";
import { markAddressVerified } from "../store/email-addresses.ts";
import { peekMailedLink, useMailedLink } from "../store/mailed-links.ts";
import { findSiteForSignIn, upsertReaderAccount, type ReaderAccountRow } from "../store/reader-accounts.ts";
import { resolveSiteSettings } from "../config/site-settings.ts";
import { openReaderSession } from "./finish-sign-in.ts";
import { checkReturnAddress } from "./return-address.ts";

export const EMAIL_PROVIDER = "email";
/** The fragment the widget reads its token from when a mailed link brings the reader back. */
export const WIDGET_TOKEN_FRAGMENT = "parley-sign-in";

/** Offered when Parley can send mail, and the site shows it (its provider list is empty or names "email"). */
export function emailSignInOffered(deps: Deps, siteSettings: unknown): boolean {
  const wanted = resolveSiteSettings(siteSettings).signInProviders;
  return !!deps.config.SMTP_URL && (!wanted.length || wanted.includes(EMAIL_PROVIDER));
}

export type RequestEmailSignIn = {
  email: string;
  name: string;
  siteId: string;
  /** Where the link brings the reader back: a path here, or (widget) the page on an allowed origin. */
  returnTo: string | undefined;
  /** From the widget: the session is a token for this site only, handed back in the URL's fragment. */
  widget: boolean;
  /** From the widget: the nonce it made and keeps; the fragment carries it back, and the widget takes
   * the token only with a nonce it made (a crafted link with another reader's token is refused). */
  widgetNonce?: string;
  ownOrigin: string;
  /** The language of the page the reader asked from (en, de, fr): the mail is written in it. */
  language?: string;
};

export async function requestEmailSignIn(deps: Deps, input: RequestEmailSignIn): Promise<void> {
  const site = await findSiteForSignIn(deps.db, input.siteId);
  if (!site) throw new AppError("SITE_NOT_FOUND");
  if (!emailSignInOffered(deps, site.settings)) throw new AppError("PROVIDER_NOT_CONFIGURED");
  const returnTo = checkReturnAddress(input.returnTo, input.ownOrigin, storedOrigins(site.allowedOrigins));
  if (input.widget && !input.widgetNonce) throw new AppError("BAD_REQUEST", { reason: "widgetOutdated" });
  const email = input.email.trim().toLowerCase();
  const minutes = deps.config.AUTH_EMAIL_LINK_MINUTES;
  await inTransaction(deps.db, (tx) =>
    createMailedLink(
      tx,
      {
        purpose: "reader-sign-in",
        email,
        data: {
          name: input.name,
          returnTo,
          siteId: input.widget ? site.id : null,
          widgetNonce: input.widget ? input.widgetNonce : null,
        },
        minutes,
        mail: { kind: "sign-in-link", keyPrefix: "sign-in", data: { name: input.name, lang: input.language ?? "en" } },
      },
      deps.clock.now(),
    ),
  );
  deps.mailer.wake();
}

const refusals = (minutes: number) => ({
  unknown: new AppError("INVALID_LINK", { reason: "signInLinkNotValidAsk" }),
  "already-used": new AppError("LINK_USED", {
    reason: "signInLinkUsed",
  }),
  expired: new AppError("LINK_EXPIRED", {
    reason: "signInLinkExpired",
    params: { minutes },
  }),
});

/** The page before the click that uses the link: whom it signs in (mail scanners that open links use nothing). */
export async function describeEmailSignIn(
  deps: Deps,
  token: string,
): Promise<{ email: string; name: string; returnTo: string }> {
  const link = await peekMailedLink(deps.db, mailedLinkId(token), "reader-sign-in", deps.clock.now());
  if (link.outcome !== "usable") throw refusals(deps.config.AUTH_EMAIL_LINK_MINUTES)[link.outcome];
  return { email: link.email, name: textOr(link.data.name, ""), returnTo: textOr(link.data.returnTo, "/") };
}

export type EmailSignedIn = {
  account: ReaderAccountRow;
  token: string;
  csrfToken: string;
  expiresAt: Date;
  returnTo: string;
  /** Set for a widget sign-in: the token goes back in the return page's fragment, with the widget's nonce. */
  widgetSiteId: string | null;
  widgetNonce: string | null;
};

export async function finishEmailSignIn(
  deps: Deps,
  token: string,
  previousSessionToken?: string,
): Promise<EmailSignedIn> {
  const now = deps.clock.now();
  const used = await useMailedLink(deps.db, mailedLinkId(token), "reader-sign-in", now);
  if (used.outcome !== "used-now") throw refusals(deps.config.AUTH_EMAIL_LINK_MINUTES)[used.outcome];
  const name = typeof used.data.name === "string" ? used.data.name : used.email.split("@")[0]!;
  const account = await upsertReaderAccount(
    deps.db,
    { provider: EMAIL_PROVIDER, subject: used.email, displayName: name, avatarUrl: null, email: used.email },
    now,
  );
  if (account.disabledAt) throw new AppError("BANNED", { reason: "accountMayNotSignIn" });
  await markAddressVerified(deps.db, used.email, now); // the reader just proved they read this mailbox
  const siteId = typeof used.data.siteId === "string" ? used.data.siteId : null;
  const session = await openReaderSession(deps, account.id, {
    siteId,
    previousSessionToken: siteId ? undefined : previousSessionToken,
  });
  return {
    account,
    ...session,
    returnTo: textOr(used.data.returnTo, "/"),
    widgetSiteId: siteId,
    widgetNonce: typeof used.data.widgetNonce === "string" ? used.data.widgetNonce : null,
  };
}

/** A mailed link's stored field, when it is the text it was written as. */
function textOr(value: unknown, fallback: string): string {
  return typeof value === "string" ? value : fallback;
}
