// Why the pipeline held a comment, in a moderator's words. Details come as free text ("3 links, limit 2",
// "words: foo, bar"); known codes get a phrase from the catalog, unknown ones still show their code and
// detail.
import type { CommentFlag } from "../../domain/comment.ts";
import { count, say, t } from "./lang.ts";

/** How a flag's detail follows its phrase: "…: detail" or "… (detail)"; none: the phrase says it all. */
const DETAIL: Record<string, "colon" | "paren" | "none"> = {
  "name-like-moderator": "paren",
  "unverified-known-email": "none",
  "first-time-commenter": "paren",
  "pre-moderate-all": "none",
  "hold-all": "none",
  reported: "paren",
  "report-threshold": "paren",
  edited: "paren",
  "unchecked-links": "paren",
  "links-unchecked": "paren",
  "too-many-links": "paren",
};

const numberAfter = (detail: string | undefined, key: string): number | undefined => {
  const m = typeof detail === "string" ? detail.match(new RegExp(`${key}\\D*(\\d+)`)) : null;
  return m?.[1] !== undefined ? Number(m[1]) : undefined;
};

function withDetail(phrase: string, style: "colon" | "paren" | "none", detail: string | undefined): string {
  if (!detail || style === "none") return phrase;
  return style === "colon" ? `${phrase}: ${detail}` : `${phrase} (${detail})`;
}

/** The detail in the console's language from its code and values; the stored English for a code
 *  this catalog does not know (a newer server, a flag stored before details had codes). */
function detailText({ detail, detailCode, detailParams = {} }: CommentFlag): string | undefined {
  if (detailCode === "not-checked" && typeof detailParams.n === "number")
    return count(t.linksNotChecked, detailParams.n);
  const words = detailCode ? t.flagDetails[detailCode] : undefined;
  const named = [...(words ?? "").matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "");
  if (!words || !named.every((key) => key in detailParams)) return detail;
  // An unsafe link's detail names the link after its sentence, as the stored English does.
  const href = detailParams.href === undefined || words.includes("{href}") ? "" : ` (${detailParams.href})`;
  return say(words, detailParams) + href;
}

export function describeFlag(flag: CommentFlag): string {
  const { code } = flag;
  const detail = detailText(flag);
  if (code === "too-many-links") {
    const links = numberAfter(detail, "") ?? numberAfter(detail, "count");
    const limit = numberAfter(detail, "limit") ?? numberAfter(detail, "max");
    if (links !== undefined)
      return limit !== undefined
        ? say(t.linksHeldAt, { links: count(t.links, links), limit })
        : say(t.linksAtLimit, { links: count(t.links, links) });
  }
  if (code === "spam-score") return say(t.spamScoreFlag, { score: String(detail ?? "").split(":")[0] ?? "" });
  const phrase = t.flags[code];
  if (phrase) return withDetail(phrase, DETAIL[code] ?? "colon", detail);
  const words = code.replace(/[-_]+/g, " ");
  return withDetail(`${words.charAt(0).toUpperCase()}${words.slice(1)}`, "colon", detail);
}
