// Plain words for zod's built-in checks, shown to people beside the field they typed in ("Must be at
// least 1.", not "Too small: expected number to be >=1"). Passed to safeParse by validate(), so a
// message a schema spells out itself (z.string().min(1, "Write something")) still wins over these.
import type { z } from "zod";
import { ErrorReasons, type ErrorReason, type FieldReason } from "../domain/error-reasons.ts";

type Issue = Parameters<z.core.$ZodErrorMap>[0];

const UNITS: Record<string, [one: string, many: string]> = {
  string: ["character", "characters"],
  array: ["item", "items"],
  set: ["item", "items"],
  map: ["entry", "entries"],
  file: ["byte", "bytes"],
};

const TYPES: Record<string, string> = {
  number: "a number",
  int: "a whole number",
  bigint: "a whole number",
  string: "text",
  boolean: "true or false",
  array: "a list",
  object: "an object",
  date: "a date",
};

const FORMATS: Record<string, string> = {
  email: "an email address",
  url: "a web address (URL)",
  uuid: "a UUID",
  datetime: "a date and time (ISO 8601)",
  date: "a date (YYYY-MM-DD)",
  time: "a time (HH:MM)",
  ipv4: "an IPv4 address",
  ipv6: "an IPv6 address",
  base64: "base64 text",
  base64url: "base64url text",
};

const count = (n: number | bigint, [one, many]: [string, string]) => `${n} ${Number(n) === 1 ? one : many}`;
const quote = (v: unknown) => (typeof v === "string" ? `“${v}”` : String(v));

function tooSmall(issue: Extract<Issue, { code: "too_small" }>): string {
  const { minimum: min, origin, inclusive, exact } = issue;
  const unit = UNITS[origin];
  if (unit) {
    const verb = origin === "string" ? "be" : "have";
    if (exact) return `Must ${verb} exactly ${count(min, unit)}.`;
    if (Number(min) === 1 && inclusive) return origin === "string" ? "Must not be empty." : "Add at least one.";
    return `Must ${verb} at least ${count(inclusive ? min : Number(min) + 1, unit)}.`;
  }
  if (origin === "date") return `Must be on or after ${new Date(Number(min)).toISOString()}.`;
  return inclusive ? `Must be at least ${min}.` : `Must be more than ${min}.`;
}

function tooBig(issue: Extract<Issue, { code: "too_big" }>): string {
  const { maximum: max, origin, inclusive, exact } = issue;
  const unit = UNITS[origin];
  if (unit) {
    const verb = origin === "string" ? "be" : "have";
    if (exact) return `Must ${verb} exactly ${count(max, unit)}.`;
    return `Must ${verb} ${count(inclusive ? max : Number(max) - 1, unit)} or fewer.`;
  }
  if (origin === "date") return `Must be on or before ${new Date(Number(max)).toISOString()}.`;
  return inclusive ? `Must be ${max} or less.` : `Must be less than ${max}.`;
}

function badFormat(issue: Extract<Issue, { code: "invalid_format" }>): string {
  const i = issue as typeof issue & { prefix?: string; suffix?: string; includes?: string };
  if (i.format === "starts_with") return `Must start with ${quote(i.prefix)}.`;
  if (i.format === "ends_with") return `Must end with ${quote(i.suffix)}.`;
  if (i.format === "includes") return `Must contain ${quote(i.includes)}.`;
  const what = FORMATS[i.format];
  return what ? `Must be ${what}.` : "Is not in the expected form.";
}

/** A zod error map: plain English for each built-in issue kind; undefined leaves the rest to zod. */
export const plainIssueMessage: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return "Required.";
      return `Must be ${TYPES[issue.expected] ?? issue.expected}.`;
    case "too_small":
      return tooSmall(issue);
    case "too_big":
      return tooBig(issue);
    case "invalid_value":
      if (issue.values.length === 1) return `Must be ${quote(issue.values[0])}.`;
      return `Must be one of ${issue.values.map(quote).join(", ")}.`;
    case "invalid_format":
      return badFormat(issue);
    case "not_multiple_of":
      return `Must be a multiple of ${issue.divisor}.`;
    case "unrecognized_keys":
      return `Unknown field${issue.keys.length > 1 ? "s" : ""}: ${issue.keys.join(", ")}.`;
    case "invalid_union":
      return "Is not in any of the accepted forms.";
    case "invalid_key":
    case "invalid_element":
      return "Contains an entry that is not valid.";
    default:
      return undefined;
  }
};

/** A schema's own message that is one of the reasons' English texts (z.email("Please enter a valid email
 * address.")) keeps that reason's key: schemas stay readable in English, the wire still carries the key. */
const REASON_OF_TEXT = new Map(
  (Object.entries(ErrorReasons) as [ErrorReason, unknown][])
    .filter((e): e is [ErrorReason, string] => typeof e[1] === "string" && !e[1].includes("{"))
    .map(([k, t]) => [t, k]),
);

/** The reason of a zod issue's message (error-reasons.ts), so it can be worded in another language;
 * undefined for kinds the catalogs do not word (their English message goes out as it is). */
export function issueReason(issue: z.core.$ZodIssue): FieldReason | undefined {
  const own = REASON_OF_TEXT.get(issue.message);
  if (own) return { reason: own };
  const i = issue as z.core.$ZodIssue & { input?: unknown; origin?: string; inclusive?: boolean; exact?: boolean };
  if (i.code === "invalid_type" && issue.message === "Required.") return { reason: "required" };
  if (issue.code === "invalid_value" && issue.values.length > 1)
    return { reason: "oneOf", params: { values: issue.values.map(quote).join(", ") } };
  if ((i.code !== "too_small" && i.code !== "too_big") || i.exact) return undefined;
  const n = Number(i.code === "too_small" ? i.minimum : i.maximum);
  if (i.origin === "string") {
    if (i.code === "too_small" && n === 1 && i.inclusive) return { reason: "notEmpty" };
    const limit = i.inclusive ? n : i.code === "too_small" ? n + 1 : n - 1;
    if (limit === 1) return undefined; // "1 character": the templates say "characters"
    return { reason: i.code === "too_small" ? "atLeastCharacters" : "atMostCharacters", params: { n: limit } };
  }
  if (i.origin === "number" && i.inclusive)
    return { reason: i.code === "too_small" ? "atLeast" : "atMost", params: { n } };
  return undefined;
}
