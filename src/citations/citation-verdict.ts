// What a comment's citations and links mean for moderation, as hold reasons (CommentFlag codes).
// Pure: the pipeline phase calls it when a comment is posted or edited, and the background checker
// calls it again when a check result arrives. Policy on check results (documented in the README):
// a definite answer holds — 4xx/5xx, a redirect loop, a target we refuse to fetch, a redirect into a
// denied domain — while "unreachable" (DNS failure, timeout, connection refused) never does: it says
// more about the network at that moment than about the link, and a host that is down for an hour
// must not unpublish every comment citing it.
import type { CommentFlag } from "../domain/comment.ts";
import type { CitationReport } from "./citation-types.ts";
import type { CitationSettings } from "./citation-settings.ts";
import { displayDomain, type Source } from "./describe-sources.ts";
import { hostMatches } from "./host-checks.ts";
import type { LinkFlag } from "./link-policy.ts";

/** Every flag code this module owns; the background checker recomputes exactly these. */
export const CITATION_FLAG_CODES = [
  "citation-unresolved",
  "link-denied-domain",
  "link-unsafe",
  "link-broken",
  "links-unchecked",
] as const;
export type CitationFlagCode = (typeof CITATION_FLAG_CODES)[number];

/** What the verdict needs to know about a URL's latest (still valid) check. */
export type KnownCheck = { state: string; httpStatus: number | null; finalDomain: string | null; error: string | null };

export type CitationVerdict = {
  /** Reasons to hold; every one of them holds the comment. */
  flags: CommentFlag[];
  /** The subset of `flags` that came from check results (what can change after posting). */
  fromChecks: CommentFlag[];
  /** Findings the site chose not to hold for (shown to moderators only). */
  notes: CommentFlag[];
  /** Sources with no check result yet (cache keys). */
  unchecked: string[];
};

const UNSAFE: Partial<Record<LinkFlag["code"], keyof CitationSettings | true>> = {
  "ip-literal-host": true,
  "scheme-not-allowed": true,
  "masked-link": true,
  "url-shortener": "holdUrlShorteners",
  "punycode-host": "holdPunycodeHosts",
  "mixed-script-host": "holdMixedScriptHosts",
};

/** A flag's detail as a code and the values it names (CommentFlag). */
type Words = Pick<CommentFlag, "detailCode" | "detailParams">;

/** At most this many flags per code: a comment with 40 dead links needs one line saying so, not 40. */
const MAX_PER_CODE = 5;

export function citationVerdict(input: {
  report: Pick<CitationReport, "problems">;
  sources: readonly Source[];
  linkFlags: readonly LinkFlag[];
  checks: ReadonlyMap<string, KnownCheck>;
  settings: CitationSettings;
}): CitationVerdict {
  const { report, sources, linkFlags, checks, settings } = input;
  const flags: CommentFlag[] = [];
  const fromChecks: CommentFlag[] = [];
  const notes: CommentFlag[] = [];
  const hold = (code: CitationFlagCode, detail: string, words: Words, fromCheck = false) => {
    if (flags.filter((f) => f.code === code).length >= MAX_PER_CODE) return;
    flags.push({ code, detail, ...words });
    if (fromCheck) fromChecks.push({ code, detail, ...words });
  };

  for (const p of report.problems) {
    if (p.severity !== "error") continue;
    const words = { detailCode: p.code, detailParams: { label: p.label } };
    if (settings.holdUnresolvedCitations) hold("citation-unresolved", p.message, words);
    else notes.push({ code: "citation-unresolved", detail: p.message, ...words });
  }

  for (const f of linkFlags) {
    const words = { detailCode: f.code, detailParams: { ...f.params, href: f.href } };
    if (f.code === "domain-denied" || f.code === "domain-not-allowed")
      hold("link-denied-domain", f.detail, { detailCode: f.code, detailParams: f.params });
    else {
      const rule = UNSAFE[f.code];
      if (rule === true || (rule && settings[rule] === true)) hold("link-unsafe", `${f.detail} (${f.href})`, words);
      else notes.push({ code: f.code, detail: `${f.detail} (${f.href})`, ...words });
    }
  }

  const unchecked: string[] = [];
  for (const s of sources) {
    const check = checks.get(s.key);
    const name = `${s.label ? `[${s.label}] ` : ""}${s.url}`;
    if (!check || check.state === "unchecked") {
      unchecked.push(s.key);
      continue;
    }
    if ((check.state === "broken" || check.state === "refused") && settings.holdBrokenLinks) {
      hold("link-broken", `${name} ${describeFailure(check)}`, failureWords(check, name), true);
    }
    if (
      check.finalDomain &&
      check.finalDomain !== displayDomain(s.url) &&
      redirectsIntoDenied(check.finalDomain, settings)
    ) {
      const words = { detailCode: "redirects-to", detailParams: { source: name, domain: check.finalDomain } };
      hold("link-denied-domain", `${name} redirects to ${check.finalDomain}`, words, true);
    }
  }
  if (unchecked.length && settings.holdUntilLinksChecked) {
    hold(
      "links-unchecked",
      unchecked.length === 1 ? "1 link is not checked yet" : `${unchecked.length} links are not checked yet`,
      { detailCode: "not-checked", detailParams: { n: unchecked.length } },
    );
  }
  return { flags, fromChecks, notes, unchecked };
}

function describeFailure(check: KnownCheck): string {
  if (check.state === "refused") return `was not fetched (${check.error ?? "refused"})`;
  if (check.error === "too-many-redirects") return "redirects too many times";
  if (check.error === "bad-redirect") return "redirects nowhere";
  return check.httpStatus ? `answered ${check.httpStatus}` : "is broken";
}

/** describeFailure's sentence as a code and its values (the console's catalogs word them). */
function failureWords(check: KnownCheck, source: string): Words {
  if (check.state === "refused")
    return { detailCode: "not-fetched", detailParams: { source, error: check.error ?? "refused" } };
  if (check.error === "too-many-redirects" || check.error === "bad-redirect")
    return { detailCode: check.error, detailParams: { source } };
  if (check.httpStatus) return { detailCode: "answered", detailParams: { source, status: check.httpStatus } };
  return { detailCode: "broken", detailParams: { source } };
}

function redirectsIntoDenied(finalDomain: string, settings: CitationSettings): boolean {
  const host = finalDomain.toLowerCase();
  if (settings.linkDenyDomains.some((d) => hostMatches(host, d.replace(/^\*?\./, "")))) return true;
  const allow = settings.linkAllowDomains.map((d) => d.replace(/^\*?\./, ""));
  return allow.length > 0 && !allow.some((d) => hostMatches(host, d));
}

/** The flags of a comment with this module's codes replaced by a new verdict's. */
export function replaceCitationFlags(
  existing: readonly CommentFlag[],
  verdictFlags: readonly CommentFlag[],
): CommentFlag[] {
  const owned = new Set<string>(CITATION_FLAG_CODES);
  return [...existing.filter((f) => !owned.has(f.code)), ...verdictFlags];
}
