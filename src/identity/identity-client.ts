// The relying party: openid-client (certified) does discovery, the authorization URL (code flow with
// PKCE, state and, for OpenID Connect, nonce), the code exchange and the ID token's verification
// (signature, issuer, audience, expiry, nonce). This module only keeps each provider's configuration,
// remembers which providers are unreachable, and turns the library's errors into sentences.
import type * as Oidc from "openid-client";
import { AppError } from "../domain/errors.ts";
import type { ErrorReason, ReasonParams } from "../domain/error-reasons.ts";
import { acceptedAvatar, oidcProfile, type ProviderSpec, type ReaderProfile } from "./providers.ts";

export type ProviderStatus = "ready" | "unknown" | "unavailable";
export type ProviderInfo = { id: string; label: string; status: ProviderStatus };
export type AuthorizationRequest = { redirectUri: string; state: string; nonce: string | null; codeChallenge: string };
export type AuthorizationChecks = { state: string; nonce: string | null; codeVerifier: string };

export type IdentityClient = {
  /** The configured providers, in button order, with whether each answered lately. */
  list(): ProviderInfo[];
  spec(id: string): ProviderSpec | undefined;
  /** Discovers every OIDC provider in the background, so the first page already knows which answer. */
  warmUp(): void;
  authorizationUrl(id: string, request: AuthorizationRequest): Promise<URL>;
  /** Exchanges the code the provider sent back and returns who signed in; throws AppError with a clear message. */
  finish(id: string, callbackUrl: URL, checks: AuthorizationChecks): Promise<ReaderProfile>;
};

type Options = {
  specs: ProviderSpec[];
  timeoutMs: number;
  /** Test only: http:// issuers on loopback. */
  allowHttp: boolean;
  /** Parley's clock (tests move it): ID token expiry is judged by it. */
  now: () => Date;
  /** A provider that failed is tried again after this long. */
  retryAfterMs?: number;
  onError?: (providerId: string, err: unknown) => void;
};

/** openid-client (with jose, ~7 MB) loads with the first discovery or sign-in: a server without
 * identity providers never loads it. Every use below comes after `build` has loaded it. */
let oidc: typeof Oidc;
export async function loadOpenidClient(): Promise<typeof Oidc> {
  return (oidc ??= await import("openid-client"));
}

type Entry = { config?: Oidc.Configuration; failedAt?: number; pending?: Promise<Oidc.Configuration> };

export function createIdentityClient(opts: Options): IdentityClient {
  const retryAfterMs = opts.retryAfterMs ?? 60_000;
  const entries = new Map<string, Entry>(opts.specs.map((s) => [s.id, {}]));
  const byId = new Map(opts.specs.map((s) => [s.id, s]));

  const auth = (spec: ProviderSpec) =>
    spec.kind === "oauth2" && spec.clientAuth === "basic"
      ? oidc.ClientSecretBasic(spec.clientSecret)
      : oidc.ClientSecretPost(spec.clientSecret);

  const tune = (config: Oidc.Configuration) => {
    config.timeout = Math.ceil(opts.timeoutMs / 1000);
    if (opts.allowHttp) oidc.allowInsecureRequests(config);
    return config;
  };

  async function build(spec: ProviderSpec): Promise<Oidc.Configuration> {
    await loadOpenidClient();
    if (spec.kind === "oauth2") {
      const server = {
        issuer: new URL(spec.authorizationEndpoint).origin,
        authorization_endpoint: spec.authorizationEndpoint,
        token_endpoint: spec.tokenEndpoint,
      };
      return tune(new oidc.Configuration(server, spec.clientId, spec.clientSecret, auth(spec)));
    }
    const config = await oidc.discovery(new URL(spec.issuer), spec.clientId, spec.clientSecret, auth(spec), {
      timeout: Math.ceil(opts.timeoutMs / 1000),
      execute: opts.allowHttp ? [oidc.allowInsecureRequests] : [],
    });
    return tune(config);
  }

  /** The provider's configuration, discovering it when needed; a recent failure answers at once. */
  async function configOf(spec: ProviderSpec): Promise<Oidc.Configuration> {
    const entry = entries.get(spec.id)!;
    if (entry.config) return entry.config;
    if (entry.failedAt !== undefined && Date.now() - entry.failedAt < retryAfterMs) throw unavailable(spec);
    entry.pending ??= build(spec).then(
      (config) => {
        entry.config = config;
        entry.failedAt = undefined;
        entry.pending = undefined;
        return config;
      },
      (err) => {
        entry.failedAt = Date.now();
        entry.pending = undefined;
        opts.onError?.(spec.id, err);
        throw unavailable(spec, err);
      },
    );
    return entry.pending;
  }

  function specOrThrow(id: string): ProviderSpec {
    const spec = byId.get(id);
    if (!spec) throw new AppError("PROVIDER_NOT_CONFIGURED");
    return spec;
  }

  /** Parley's clock against the machine's, in seconds, so ID token expiry follows deps.clock (tests move it). */
  function withClock(spec: ProviderSpec, config: Oidc.Configuration): Oidc.Configuration {
    const skew = Math.round((opts.now().getTime() - Date.now()) / 1000);
    if (skew === 0) return config;
    // Only a moved clock gets here (tests): a copy of the configuration that judges time by it.
    const copy = new oidc.Configuration(
      config.serverMetadata(),
      spec.clientId,
      { client_secret: spec.clientSecret, [oidc.clockSkew]: skew },
      auth(spec),
    );
    const jwks = oidc.getJwksCache(config);
    if (jwks) oidc.setJwksCache(copy, jwks);
    return tune(copy);
  }

  return {
    list() {
      return opts.specs.map((s) => {
        const e = entries.get(s.id)!;
        const status: ProviderStatus = e.config
          ? "ready"
          : e.failedAt !== undefined && Date.now() - e.failedAt < retryAfterMs
            ? "unavailable"
            : "unknown";
        return { id: s.id, label: s.label, status };
      });
    },
    spec: (id) => byId.get(id),
    warmUp() {
      for (const spec of opts.specs) configOf(spec).catch(() => {}); // failures are remembered and logged
    },
    async authorizationUrl(id, request) {
      const spec = specOrThrow(id);
      const config = await configOf(spec);
      const params: Record<string, string> = {
        redirect_uri: request.redirectUri,
        response_type: "code",
        scope: spec.scope,
        state: request.state,
        code_challenge: request.codeChallenge,
        code_challenge_method: "S256",
      };
      if (request.nonce) params.nonce = request.nonce;
      return oidc.buildAuthorizationUrl(config, params);
    },
    async finish(id, callbackUrl, checks) {
      const spec = specOrThrow(id);
      const config = withClock(spec, await configOf(spec));
      try {
        const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: checks.codeVerifier,
          expectedState: checks.state,
          ...(spec.kind === "oidc" ? { expectedNonce: checks.nonce ?? undefined, idTokenExpected: true } : {}),
        });
        let profile: ReaderProfile;
        if (spec.kind === "oidc") {
          const claims = tokens.claims()!;
          let merged: Record<string, unknown> = { ...claims };
          if (config.serverMetadata().userinfo_endpoint && tokens.access_token) {
            const info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
            merged = { ...info, ...claims, ...pickDefined(info) };
          }
          profile = oidcProfile(merged);
        } else {
          profile = await spec.profile(async (url) => {
            const headers = new Headers({ accept: "application/json", "user-agent": "Parley" });
            const res = await oidc.fetchProtectedResource(
              config,
              tokens.access_token,
              new URL(url),
              "GET",
              undefined,
              headers,
            );
            if (!res.ok) throw new Error(`${url} answered ${res.status}`);
            return res.json();
          });
        }
        if (!profile.subject || profile.subject === "undefined") throw new Error("the provider named nobody");
        return { ...profile, avatarUrl: acceptedAvatar(spec, profile.avatarUrl) };
      } catch (err) {
        opts.onError?.(spec.id, err);
        throw refusal(spec, err);
      }
    },
  };
}

function pickDefined(o: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== ""));
}

function unavailable(spec: ProviderSpec, cause?: unknown): AppError {
  return new AppError("PROVIDER_UNAVAILABLE", {
    reason: "providerUnavailable",
    params: { provider: spec.label },
    cause,
  });
}

/** One clear sentence per way a sign-in response can be refused. Nothing is stored in any of them. */
export function refusal(spec: ProviderSpec, err: unknown): AppError {
  const e = err as {
    code?: string;
    error?: string;
    message?: string;
    cause?: { claim?: string; attribute?: string; message?: string };
  };
  // openid-client wraps oauth4webapi's error: the specific reason is in the cause's message.
  const text = `${e.message ?? ""} ${e.cause?.message ?? ""}`;
  const say = (reason: ErrorReason, params: ReasonParams = {}) =>
    new AppError("SIGN_IN_FAILED", { reason, params: { provider: spec.label, ...params }, cause: err });
  if (e.error === "invalid_grant") return say("signInCodeRefused");
  if (e.error === "access_denied") return say("signInDenied");
  if (/"state"/.test(text)) return say("signInStateMismatch");
  if (/"nonce"/.test(text)) return say("signInNonceMismatch");
  if (/"exp"/.test(text)) return say("signInTokenExpired");
  if (e.code === "OAUTH_JWT_TIMESTAMP_CHECK_FAILED" || /timestamp/i.test(text)) return say("signInTokenTime");
  if (e.error) return say("signInProviderSaid", { error: e.error });
  if (e.code === "OAUTH_TIMEOUT" || /timeout|fetch failed|ECONNREFUSED|ENOTFOUND/i.test(text))
    return new AppError("PROVIDER_UNAVAILABLE", {
      reason: "providerTimeout",
      params: { provider: spec.label },
      cause: err,
    });
  return say("signInUnverified");
}
