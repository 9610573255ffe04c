// Which of the configured providers a site shows (its `signInProviders` setting; empty = all of them).
import type { Deps } from "../deps.ts";
import { resolveSiteSettings } from "../config/site-settings.ts";
import type { ProviderInfo } from "./identity-client.ts";

export function providersShownOn(deps: Deps, siteSettings: unknown): ProviderInfo[] {
  const wanted = resolveSiteSettings(siteSettings).signInProviders;
  const all = deps.identity.list();
  return wanted.length ? all.filter((p) => wanted.includes(p.id)) : all;
}
