import type { z } from "zod";
import { AppError } from "../domain/errors.ts";
import type { FieldReason } from "../domain/error-reasons.ts";
import { issueReason, plainIssueMessage } from "./validation-messages.ts";

/** Parses `input` with `schema` or throws a 422 naming the first bad field (all fields in details),
 * worded for people (validation-messages.ts) unless the schema gives its own message.
 * No text may carry a NUL character: nobody types one, and PostgreSQL cannot store it. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input, { error: plainIssueMessage });
  if (parsed.success) {
    const field = fieldWithNul(parsed.data);
    if (field !== null)
      throw new AppError("VALIDATION", {
        message: "This text contains a character that is not allowed (NUL).",
        field: field || undefined,
        reason: "removeNul",
        details: {
          fields: { [field || "_"]: "NUL character" },
          fieldReasons: { [field || "_"]: { reason: "removeNul" } },
        },
      });
    return parsed.data;
  }
  const fields: Record<string, string> = {};
  const fieldReasons: Record<string, FieldReason> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.join(".") || "_";
    if (key in fields) continue;
    fields[key] = issue.message;
    const reason = issueReason(issue);
    if (reason) fieldReasons[key] = reason;
  }
  const [field, message] = Object.entries(fields)[0] ?? ["_", "Invalid request."];
  const first = fieldReasons[field];
  throw new AppError("VALIDATION", {
    message,
    ...first,
    field: field === "_" ? undefined : field,
    details: { fields, fieldReasons },
  });
}

/** `input` parsed by `schema` when it passes as validate() would let it, else null (nothing thrown):
 *  a fast path whose failures the caller hands to validate() for the error. */
export function validOrNull<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> | null {
  const parsed = schema.safeParse(input);
  return parsed.success && fieldWithNul(parsed.data) === null ? parsed.data : null;
}

/** The path ("a.b.0") of the first string holding U+0000 in `value`, "" for `value` itself, or null. */
function fieldWithNul(value: unknown, path = ""): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (!value || typeof value !== "object") return null;
  for (const [key, v] of Object.entries(value)) {
    const found = fieldWithNul(v, path ? `${path}.${key}` : key);
    if (found !== null) return found;
  }
  return null;
}
