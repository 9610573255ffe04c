// A site's link policy applied to the links of one comment: each problem becomes a flag with a
// stable code. Pure; the moderation pipeline decides what the flags (and the link count) mean.
import { domainToASCII, domainToUnicode } from "node:url";
import type { LinkKind } from "./citation-types.ts";
import {
  hostMatches,
  hostNamedByText,
  ipLiteral,
  mixedScriptLabel,
  punycodeLabels,
  URL_SHORTENERS,
} from "./host-checks.ts";
import { parseUrl, urlCacheKey } from "./normalize-url.ts";

export { normalizeUrl, urlCacheKey } from "./normalize-url.ts";

export type LinkPolicy = {
  allowedSchemes: string[];
  /** When non-empty, only these domains (and their subdomains) pass. */
  allowDomains: string[];
  /** These domains and their subdomains are flagged. */
  denyDomains: string[];
  /** More distinct links than this holds the comment; the moderation pipeline applies it (see countLinks). */
  maxLinks: number;
};

export const DEFAULT_LINK_POLICY: LinkPolicy = {
  allowedSchemes: ["http", "https"],
  allowDomains: [],
  denyDomains: [],
  maxLinks: 2,
};

export const LINK_FLAG_CODES = [
  "invalid-url",
  "scheme-not-allowed",
  "ip-literal-host",
  "domain-denied",
  "domain-not-allowed",
  "url-shortener",
  "punycode-host",
  "mixed-script-host",
  "masked-link",
] as const;
export type LinkFlagCode = (typeof LINK_FLAG_CODES)[number];

/** `params` are the values `detail` names, for words in other languages (by `code`). */
export type LinkFlag = {
  code: LinkFlagCode;
  href: string;
  line: number | null;
  detail: string;
  params: Record<string, string>;
};

/** What a check needs from a link; a ParsedLink fits. */
export type LinkToCheck = { href: string; text?: string; kind?: LinkKind; line?: number };

export function evaluateLinks(links: readonly LinkToCheck[], policy: Partial<LinkPolicy> = {}): LinkFlag[] {
  const schemes = new Set(
    (policy.allowedSchemes ?? DEFAULT_LINK_POLICY.allowedSchemes).map((s) => s.toLowerCase().replace(/:$/, "")),
  );
  const allow = (policy.allowDomains ?? []).map(normalizeDomain).filter((d) => d !== "");
  const deny = (policy.denyDomains ?? []).map(normalizeDomain).filter((d) => d !== "");
  return links.flatMap((link) => flagsFor(link, schemes, allow, deny));
}

/** Distinct destinations (fragments ignored): the number the maxLinks rule compares against. */
export function countLinks(links: readonly LinkToCheck[]): number {
  return new Set(links.map((l) => urlCacheKey(l.href) ?? l.href.trim())).size;
}

function flagsFor(link: LinkToCheck, schemes: Set<string>, allow: string[], deny: string[]): LinkFlag[] {
  const flags: LinkFlag[] = [];
  const flag = (code: LinkFlagCode, detail: string, params: Record<string, string> = {}) =>
    flags.push({ code, href: link.href, line: link.line ?? null, detail, params });
  const url = parseUrl(link.href);
  if (!url) {
    flag("invalid-url", "This link is not a complete URL");
    return flags;
  }
  const scheme = url.protocol.replace(/:$/, "");
  if (!schemes.has(scheme)) flag("scheme-not-allowed", `${scheme}: links are not allowed`, { scheme });

  const host = url.hostname.replace(/\.$/, "");
  if (host !== "") {
    const ip = ipLiteral(host);
    if (ip) flag("ip-literal-host", `The link points at the address ${ip}, not a domain name`, { ip });
    const denied = deny.find((d) => hostMatches(host, d));
    if (denied) flag("domain-denied", `${denied} is on this site's deny list`, { domain: denied });
    if (allow.length > 0 && !allow.some((d) => hostMatches(host, d)))
      flag("domain-not-allowed", `${host} is not on this site's allow list`, { host });
    const shortener = URL_SHORTENERS.find((d) => hostMatches(host, d));
    if (shortener)
      flag("url-shortener", `${shortener} is a URL shortener that hides the destination`, { domain: shortener });
    if (punycodeLabels(host))
      flag("punycode-host", `The host is an internationalised name: ${domainToUnicode(host)} (${host})`, {
        unicode: domainToUnicode(host),
        host,
      });
    const mixed = mixedScriptLabel(host);
    if (mixed)
      flag("mixed-script-host", `"${mixed.label}" mixes ${mixed.scripts.join(" and ")} letters`, {
        label: mixed.label,
        scripts: mixed.scripts.join(" + "),
      });
  }

  // The text a reader sees names one site while the click goes to another.
  const shown = link.text !== undefined && link.text !== link.href ? hostNamedByText(link.text) : null;
  if (shown !== null) {
    const [textHost, hrefHost] = [shown.replace(/^www\./, ""), host.replace(/^www\./, "")];
    if (!hostMatches(hrefHost, textHost))
      flag("masked-link", `The text shows ${shown} but the link goes to ${host || link.href}`, {
        shown,
        target: host || link.href,
      });
  }
  return flags;
}

/** "*.Evil.COM", ".evil.com" and "evil.com." all mean evil.com; Unicode entries match their punycode. */
function normalizeDomain(domain: string): string {
  const d = domain
    .trim()
    .toLowerCase()
    .replace(/^\*?\./, "")
    .replace(/\.$/, "");
  return domainToASCII(d) || d;
}
