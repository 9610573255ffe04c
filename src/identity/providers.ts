// The identity providers readers may sign in with, built from the environment only (none by default).
// OpenID Connect providers are found by their issuer URL (discovery); GitHub, Facebook and X speak
// plain OAuth 2, so their endpoints are known here and the profile comes from their API.
import type { Config } from "../config/config.ts";

/** What Parley keeps about a signed-in reader, whichever provider vouched for them. */
export type ReaderProfile = {
  subject: string;
  displayName: string;
  avatarUrl: string | null;
  /** Only an address the provider says is verified. */
  email: string | null;
};

type Common = {
  id: string;
  label: string;
  clientId: string;
  clientSecret: string;
  scope: string;
  /** Where this provider's avatars live: the only image origins the CSP allows for it. */
  avatarOrigins: string[];
};

export type OidcProviderSpec = Common & {
  kind: "oidc";
  issuer: string;
};

export type OAuth2ProviderSpec = Common & {
  kind: "oauth2";
  authorizationEndpoint: string;
  tokenEndpoint: string;
  /** X wants the client's credentials in a Basic header; the others in the form body. */
  clientAuth: "post" | "basic";
  /** Reads who the access token belongs to from the provider's API. */
  profile: (get: (url: string) => Promise<unknown>) => Promise<ReaderProfile>;
};

export type ProviderSpec = OidcProviderSpec | OAuth2ProviderSpec;

/** Provider ids in the order their buttons appear. */
export const PROVIDER_IDS = ["github", "google", "microsoft", "gitlab", "facebook", "x", "oidc"] as const;
export type ProviderId = (typeof PROVIDER_IDS)[number];

const OIDC_SCOPE = "openid email profile";

export function configuredProviders(config: Config): ProviderSpec[] {
  const out: ProviderSpec[] = [];
  const pair = (id?: string, secret?: string) => (id && secret ? { clientId: id, clientSecret: secret } : null);
  const github = pair(config.AUTH_GITHUB_CLIENT_ID, config.AUTH_GITHUB_CLIENT_SECRET);
  if (github)
    out.push({
      id: "github",
      label: "GitHub",
      kind: "oauth2",
      ...github,
      authorizationEndpoint: "https://github.com/login/oauth/authorize",
      tokenEndpoint: "https://github.com/login/oauth/access_token",
      clientAuth: "post",
      scope: "read:user user:email",
      avatarOrigins: ["https://avatars.githubusercontent.com"],
      profile: githubProfile,
    });
  const google = pair(config.AUTH_GOOGLE_CLIENT_ID, config.AUTH_GOOGLE_CLIENT_SECRET);
  if (google)
    out.push({
      id: "google",
      label: "Google",
      kind: "oidc",
      issuer: "https://accounts.google.com",
      scope: OIDC_SCOPE,
      avatarOrigins: ["https://lh3.googleusercontent.com"],
      ...google,
    });
  const microsoft = pair(config.AUTH_MICROSOFT_CLIENT_ID, config.AUTH_MICROSOFT_CLIENT_SECRET);
  if (microsoft)
    out.push({
      id: "microsoft",
      label: "Microsoft",
      kind: "oidc",
      // openid-client knows Entra ID's multi-tenant issuer ({tenantid} filled from the token's tid).
      issuer: `https://login.microsoftonline.com/${config.AUTH_MICROSOFT_TENANT}/v2.0`,
      scope: OIDC_SCOPE,
      avatarOrigins: [], // Entra ID gives no picture URL
      ...microsoft,
    });
  const gitlab = pair(config.AUTH_GITLAB_CLIENT_ID, config.AUTH_GITLAB_CLIENT_SECRET);
  if (gitlab)
    out.push({
      id: "gitlab",
      label: "GitLab",
      kind: "oidc",
      issuer: config.AUTH_GITLAB_URL,
      scope: OIDC_SCOPE,
      avatarOrigins: [new URL(config.AUTH_GITLAB_URL).origin, "https://secure.gravatar.com"],
      ...gitlab,
    });
  const facebook = pair(config.AUTH_FACEBOOK_CLIENT_ID, config.AUTH_FACEBOOK_CLIENT_SECRET);
  if (facebook)
    out.push({
      id: "facebook",
      label: "Facebook",
      kind: "oauth2",
      ...facebook,
      authorizationEndpoint: "https://www.facebook.com/v19.0/dialog/oauth",
      tokenEndpoint: "https://graph.facebook.com/v19.0/oauth/access_token",
      clientAuth: "post",
      scope: "public_profile email",
      avatarOrigins: ["https://platform-lookaside.fbsbx.com"],
      profile: facebookProfile,
    });
  const x = pair(config.AUTH_X_CLIENT_ID, config.AUTH_X_CLIENT_SECRET);
  if (x)
    out.push({
      id: "x",
      label: "X",
      kind: "oauth2",
      ...x,
      authorizationEndpoint: "https://x.com/i/oauth2/authorize",
      tokenEndpoint: "https://api.x.com/2/oauth2/token",
      clientAuth: "basic",
      scope: "users.read tweet.read",
      avatarOrigins: ["https://pbs.twimg.com"],
      profile: xProfile,
    });
  const oidc = pair(config.AUTH_OIDC_CLIENT_ID, config.AUTH_OIDC_CLIENT_SECRET);
  if (oidc && config.AUTH_OIDC_ISSUER)
    out.push({
      id: "oidc",
      label: config.AUTH_OIDC_NAME,
      kind: "oidc",
      issuer: config.AUTH_OIDC_ISSUER,
      scope: OIDC_SCOPE,
      avatarOrigins: [new URL(config.AUTH_OIDC_ISSUER).origin],
      ...oidc,
    });
  return out;
}

type Json = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v.trim() : null);
const httpsUrl = (v: unknown): string | null => {
  const s = str(v);
  return s && /^https?:\/\/[^\s"'<>]+$/i.test(s) && s.length <= 1000 ? s : null;
};

/** An avatar is kept only from the provider's own image origins (the CSP allows no others). */
export function acceptedAvatar(spec: ProviderSpec, url: string | null): string | null {
  if (!url) return null;
  try {
    return spec.avatarOrigins.includes(new URL(url).origin) ? url : null;
  } catch {
    return null;
  }
}

/** Every image origin the configured providers' avatars may come from (for the CSP's img-src). */
export function avatarOriginsOf(specs: ProviderSpec[]): string[] {
  return [...new Set(specs.flatMap((s) => s.avatarOrigins))];
}

async function githubProfile(get: (url: string) => Promise<unknown>): Promise<ReaderProfile> {
  const user = (await get("https://api.github.com/user")) as Json;
  const emails = (await get("https://api.github.com/user/emails").catch(() => [])) as Json[];
  const primary = Array.isArray(emails) ? emails.find((e) => e.primary === true && e.verified === true) : undefined;
  return {
    subject: String(user.id),
    displayName: str(user.name) ?? str(user.login) ?? "GitHub user",
    avatarUrl: httpsUrl(user.avatar_url),
    email: str(primary?.email),
  };
}

async function facebookProfile(get: (url: string) => Promise<unknown>): Promise<ReaderProfile> {
  const me = (await get("https://graph.facebook.com/v19.0/me?fields=id,name,email,picture")) as Json;
  const picture = (me.picture as Json | undefined)?.data as Json | undefined;
  // Facebook only returns an email its owner has confirmed.
  return {
    subject: String(me.id),
    displayName: str(me.name) ?? "Facebook user",
    avatarUrl: httpsUrl(picture?.url),
    email: str(me.email),
  };
}

async function xProfile(get: (url: string) => Promise<unknown>): Promise<ReaderProfile> {
  const me = ((await get("https://api.x.com/2/users/me?user.fields=profile_image_url")) as Json).data as Json;
  return {
    subject: String(me.id),
    displayName: str(me.name) ?? str(me.username) ?? "X user",
    avatarUrl: httpsUrl(me.profile_image_url),
    email: null,
  };
}

/** The profile an OpenID Connect provider gives in its ID token and userinfo answer. */
export function oidcProfile(claims: Json): ReaderProfile {
  return {
    subject: String(claims.sub),
    displayName:
      str(claims.name) ??
      str(claims.preferred_username) ??
      str(claims.nickname) ??
      str([claims.given_name, claims.family_name].filter(Boolean).join(" ")) ??
      "Reader",
    avatarUrl: httpsUrl(claims.picture),
    email: claims.email_verified === true ? str(claims.email) : null,
  };
}
