// Drives a reader's sign-in against Parley on a real port and the test OIDC provider, over HTTP.
import type { TestOidcProvider } from "./oidc-provider.ts";

export type Started = { status: number; location: string | null; flowCookie: string | null; body: string };

export function cookieFrom(res: Response, name: string): string | null {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(";");
    if (pair!.startsWith(`${name}=`) && pair!.length > name.length + 1) return pair!;
  }
  return null;
}

export async function startSignIn(base: string, query: string, cookie = ""): Promise<Started> {
  const res = await fetch(`${base}/auth/oidc/start?${query}`, { redirect: "manual", headers: { cookie } });
  return {
    status: res.status,
    location: res.headers.get("location"),
    flowCookie: cookieFrom(res, "parley_signin_flow"),
    body: await res.text(),
  };
}

export async function callback(url: URL | string, flowCookie: string | null, extraCookie = "") {
  const cookie = [flowCookie, extraCookie].filter(Boolean).join("; ");
  const res = await fetch(url, { redirect: "manual", headers: { cookie } });
  return {
    status: res.status,
    location: res.headers.get("location"),
    session: cookieFrom(res, "parley_reader_session"),
    body: await res.text(),
  };
}

/** The whole happy path: returns the reader's session cookie ("parley_reader_session=…") and its CSRF token. */
export async function signInReader(base: string, provider: TestOidcProvider, login: string, returnTo = "/") {
  const started = await startSignIn(base, `return=${encodeURIComponent(returnTo)}`);
  if (started.status !== 303) throw new Error(`start answered ${started.status}: ${started.body.slice(0, 300)}`);
  const back = await provider.consent(started.location!, login);
  const done = await callback(back, started.flowCookie);
  if (done.status !== 303 || !done.session)
    throw new Error(`callback answered ${done.status}: ${done.body.slice(0, 500)}`);
  const me = (await (await fetch(`${base}/api/reader/me`, { headers: { cookie: done.session } })).json()) as {
    csrfToken: string;
  };
  return { cookie: done.session, csrfToken: me.csrfToken, location: done.location!, callbackUrl: back };
}

/** A signed-in reader written straight to the database (no provider): for access tests. `siteId` makes it a widget token. */
export async function directReaderSession(
  t: { deps: import("../../src/deps.ts").Deps },
  opts: { siteId?: string; subject?: string } = {},
): Promise<{ token: string; csrfToken: string; cookie: string; accountId: string }> {
  const { newReaderCsrfToken, newReaderToken, readerTokenId } =
    await import("../../src/identity/reader-session-token.ts");
  const now = t.deps.clock.now();
  const subject = opts.subject ?? `reader-${newReaderToken().slice(0, 8)}`;
  const account = await t.deps.db.readerAccount.create({
    data: { provider: "oidc", subject, displayName: `Reader ${subject}`, lastSignInAt: now },
  });
  const token = newReaderToken();
  const csrfToken = newReaderCsrfToken();
  await t.deps.db.readerSession.create({
    data: {
      id: readerTokenId(token),
      accountId: account.id,
      csrfToken,
      siteId: opts.siteId ?? null,
      expiresAt: new Date(now.getTime() + 3600_000),
    },
  });
  return { token, csrfToken, cookie: `parley_reader_session=${token}`, accountId: account.id };
}
