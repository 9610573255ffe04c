// A real OpenID Connect provider (the certified `oidc-provider` package) on loopback, for sign-in tests:
// code flow with PKCE required, its own development login and consent pages, one confidential client
// (Parley). `consent()` plays the reader in that provider's pages over HTTP, with a cookie jar.
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";
import type { Page } from "playwright-core";

export type TestOidcProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Env for Parley's config: the generic OIDC provider pointing here. */
  env: Record<string, string>;
  /** Walks the provider's login + consent pages as `login` and returns the callback URL it sends back to. */
  consent(authorizationUrl: string, login: string): Promise<URL>;
  close(): Promise<void>;
};

export async function startOidcProvider(opts: {
  redirectUris: string[];
  /** Seconds an ID token is valid (the provider's default is an hour). */
  idTokenTtl?: number;
}): Promise<TestOidcProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = "parley-test";
  const clientSecret = "parley-test-secret-0123456789abcdef";
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: opts.redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_post",
      },
    ],
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "picture"] },
    ttl: { IdToken: opts.idTokenTtl ?? 3600 },
    cookies: { keys: ["parley-test-cookie-key"] },
    findAccount: (_ctx, id) => ({
      accountId: id,
      claims: () => ({
        sub: id,
        name: `Reader ${id[0]!.toUpperCase()}${id.slice(1)}`,
        email: `${id}@example.test`,
        email_verified: true,
        picture: `${issuer}/avatar/${id}.svg`,
      }),
    }),
  });
  provider.on("server_error", (_ctx, err) => console.error("test OIDC provider:", err));
  const callback = provider.callback();
  server.on("request", (req, res) => {
    // Avatars: a small SVG per account, so pages show a real picture from the provider's origin.
    if (req.url?.startsWith("/avatar/")) {
      res.writeHead(200, { "content-type": "image/svg+xml" });
      return void res.end(
        '<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48"><rect width="48" height="48" fill="#3b6ea5"/>' +
          '<circle cx="24" cy="19" r="9" fill="#fff"/><rect x="10" y="32" width="28" height="14" rx="7" fill="#fff"/></svg>',
      );
    }
    void callback(req, res);
  });

  async function consent(authorizationUrl: string, login: string): Promise<URL> {
    const jar = new Map<string, string>();
    const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
    const keep = (res: Response) => {
      for (const line of res.headers.getSetCookie()) {
        const [pair] = line.split(";");
        const i = pair!.indexOf("=");
        jar.set(pair!.slice(0, i).trim(), pair!.slice(i + 1).trim());
      }
    };
    let url = new URL(authorizationUrl);
    let init: RequestInit = { method: "GET" };
    for (let hop = 0; hop < 20; hop++) {
      if (url.origin !== issuer) return url; // back at the relying party: the callback URL
      const res = await fetch(url, {
        ...init,
        redirect: "manual",
        headers: { ...init.headers, cookie: cookieHeader() },
      });
      keep(res);
      const location = res.headers.get("location");
      if (location) {
        url = new URL(location, url);
        init = { method: "GET" };
        continue;
      }
      const page = await res.text();
      if (res.status >= 400) throw new Error(`provider answered ${res.status}: ${page.slice(0, 500)}`);
      const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
      const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1];
      if (!action || !prompt) throw new Error(`no form on the provider's page: ${page.slice(0, 300)}`);
      const form = new URLSearchParams({ prompt, ...(prompt === "login" ? { login, password: "any" } : {}) });
      url = new URL(action.replace(/&amp;/g, "&"), url);
      init = {
        method: "POST",
        body: form.toString(),
        headers: { "content-type": "application/x-www-form-urlencoded" },
      };
    }
    throw new Error("too many hops at the provider");
  }

  return {
    issuer,
    clientId,
    clientSecret,
    env: {
      AUTH_OIDC_ISSUER: issuer,
      AUTH_OIDC_CLIENT_ID: clientId,
      AUTH_OIDC_CLIENT_SECRET: clientSecret,
      AUTH_OIDC_NAME: "Test ID",
      AUTH_ALLOW_HTTP_ISSUER: "true",
    },
    consent,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** In Chromium: the provider's development pages, any login, then "Continue" on consent. */
export async function passProviderPages(page: Page, login: string): Promise<void> {
  await page.locator('input[name="login"]').waitFor();
  await page.fill('input[name="login"]', login);
  await page.fill('input[name="password"]', "any password");
  await page.click('button[type="submit"]');
  await page.locator('button[type="submit"]', { hasText: /continue/i }).click();
}
