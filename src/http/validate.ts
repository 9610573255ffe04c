import type { z } from "zod";
import { AppError } from "../domain/errors.ts";

/** Parses `input` with `schema` or throws a 422 naming the first bad field (all fields in details). */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.join(".") || "_";
    fields[key] ??= issue.message;
  }
  const [field, message] = Object.entries(fields)[0] ?? ["_", "Invalid request."];
  throw new AppError("VALIDATION", { message, field: field === "_" ? undefined : field, details: { fields } });
}
