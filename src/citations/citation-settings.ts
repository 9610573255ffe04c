// Per-site citation and link settings (stored in Site.settings, overridable per article). The keys
// are flat so an article can override one of them; src/config/site-settings.ts spreads this shape
// into the site settings, which resolves and validates them with the moderation settings.
import { z } from "zod";
import type { LinkPolicy } from "./link-policy.ts";

const domain = z.string().trim().toLowerCase().min(1).max(253);

export const citationSettings = {
  /** When non-empty, links must point at these domains (or their subdomains); others are held. */
  linkAllowDomains: z.array(domain).max(1000).default([]),
  /** Links to these domains (or their subdomains), or redirecting to them, are held. */
  linkDenyDomains: z.array(domain).max(1000).default([]),
  /** URL schemes a link may use; any other scheme is held as unsafe. */
  linkAllowedSchemes: z
    .array(z.string().regex(/^[a-z][a-z0-9+.-]*$/))
    .min(1)
    .max(10)
    .default(["http", "https"]),
  /** Hold links through URL shorteners (bit.ly, t.co, …), which hide where they go. */
  holdUrlShorteners: z.boolean().default(true),
  /** Hold links to internationalised (punycode) host names. Off: many real sites use them. */
  holdPunycodeHosts: z.boolean().default(false),
  /** Hold links whose host mixes scripts (Latin with Cyrillic, …): the classic lookalike trick. */
  holdMixedScriptHosts: z.boolean().default(true),
  /** Hold comments with a citation marker that has no source ("[C]" and no "[C] https://…"). */
  holdUnresolvedCitations: z.boolean().default(true),
  /** Hold comments citing a link that answered 4xx/5xx or that the checker refused to fetch. */
  holdBrokenLinks: z.boolean().default(true),
  /** Hold comments until every link has been checked; released automatically when they pass. */
  holdUntilLinksChecked: z.boolean().default(false),
  /** Check links before answering the post (waiting at most linkCheckBlockingMs) instead of after. */
  linkCheckBlocking: z.boolean().default(false),
  /** The longest a blocking check makes the poster wait, in milliseconds. */
  linkCheckBlockingMs: z.number().int().min(200).max(10_000).default(3000),
  /** Links of one comment the checker fetches, in reading order; the rest show "not checked". (A comment
   *  with that many links is held by maxLinks anyway, unless maxLinks is off or set higher.) */
  linkCheckMaxPerComment: z.number().int().min(0).max(200).default(20),
  /** Links one poster (a signed-in account, else the address) may have fetched per hour on this site;
   *  the rest show "not checked". 0 = no limit. Links already checked for someone else cost nothing. */
  linkCheckMaxPerPosterPerHour: z.number().int().min(0).max(10_000).default(100),
};

export const ZCitationSettings = z.object(citationSettings);

export type CitationSettings = z.infer<typeof ZCitationSettings>;

export const DEFAULT_CITATION_SETTINGS: CitationSettings = ZCitationSettings.parse({});

export function linkPolicyOf(settings: CitationSettings): Partial<LinkPolicy> {
  return {
    allowedSchemes: settings.linkAllowedSchemes,
    allowDomains: settings.linkAllowDomains,
    denyDomains: settings.linkDenyDomains,
  };
}
