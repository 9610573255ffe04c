// The spam score's reasons in words, for the moderator's card: "3 links to domains never seen in
// approved comments here (a.example, b.example); 'casino' ×2; posted 4 s after the page loaded".
// Takes the heaviest features of one score (naive-bayes.ts) and groups the families that only make
// sense together (link domains, pieces of words).
import type { Contribution } from "./naive-bayes.ts";

const MAX_REASONS = 6;

export function describeSpamReasons(towardsSpam: readonly Contribution[], postedAfterMs?: number | null): string[] {
  const reasons: { weight: number; text: string }[] = [];
  const newDomains = towardsSpam.filter((c) => c.feature.startsWith("d:") && c.ham === 0);
  if (newDomains.length) {
    const names = newDomains.map((c) => c.feature.slice(2));
    reasons.push({
      weight: sum(newDomains),
      text: `${count(names.length, "link")} to ${names.length === 1 ? "a domain" : "domains"} never seen in approved comments here (${list(names)})`,
    });
  }
  const pieces = towardsSpam.filter((c) => c.feature.startsWith("c:"));
  if (pieces.length >= 3) {
    reasons.push({
      weight: sum(pieces) / pieces.length,
      text: `spelling like earlier spam (${list(pieces.map((c) => `‘${c.feature.slice(2)}’`))})`,
    });
  }
  for (const c of towardsSpam) {
    if (c.feature.startsWith("c:") || (c.feature.startsWith("d:") && c.ham === 0)) continue;
    const text = describeFeature(c, postedAfterMs);
    if (text) reasons.push({ weight: c.weight, text });
  }
  reasons.sort((a, b) => b.weight - a.weight);
  return reasons.slice(0, MAX_REASONS).map((r) => r.text);
}

function describeFeature(c: Contribution, postedAfterMs?: number | null): string | null {
  const [family, ...rest] = c.feature.split(":");
  const value = rest.join(":");
  const times = c.count > 1 ? ` ×${c.count}` : "";
  switch (family) {
    case "w":
      return `‘${value}’${times}`;
    case "b":
      return `‘${value}’${times}`;
    case "d":
      return `links to ${value} (in ${c.spam} spam, ${c.ham} approved)`;
    case "links":
      return howMany(value, "link");
    case "uncited":
      return `${howMany(value, "link")} not cited as sources`;
    case "cite":
      return `a citation check failed (${value})`;
    case "a":
      if (value === "none") return "no website given";
      if (value === "linked") return "the text links to the author's own website";
      return `website at ${value}`;
    case "n":
      if (value === "digits") return "digits in the name";
      if (value === "url") return "the name looks like a web address";
      if (value === "caps") return "the name in capitals";
      return value === "words=1"
        ? "a one-word name"
        : `a name of ${value.replace("words=4", "4 or more").replace("words=", "")} words`;
    case "nw":
      return `the name ‘${value}’`;
    case "e":
      if (value === "digits") return "an email address with many digits";
      if (value === "long") return "a long email address";
      if (value === "plus") return "an email address with a +tag";
      if (value === "name-other") return "an email address unlike the name";
      if (value === "name-match") return null;
      return `an email address at ${value}`;
    case "speed":
      return typeof postedAfterMs === "number"
        ? `posted ${Math.round(postedAfterMs / 1000)} s after the page loaded`
        : `posted quickly after the page loaded (${value} s)`;
    case "len":
      return `length ${value.replace("≤", "at most ").replace(">", "over ")} characters`;
    default:
      return null;
  }
}

/** A bucket of spam-features.ts in words: "≤0" no links, "≤1" one link or none, "≤3" 3 links or fewer, ">3" more than 3 links. */
function howMany(bucket: string, noun: string): string {
  const n = Number(bucket.slice(1));
  if (bucket.startsWith(">")) return `more than ${n} ${noun}s`;
  if (n === 0) return `no ${noun}s`;
  if (n === 1) return `one ${noun} or none`;
  return `${n} ${noun}s or fewer`;
}

const sum = (cs: readonly Contribution[]) => cs.reduce((s, c) => s + c.weight, 0);
const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
function list(items: string[], max = 3): string {
  return items.length <= max ? items.join(", ") : `${items.slice(0, max).join(", ")}, …`;
}
