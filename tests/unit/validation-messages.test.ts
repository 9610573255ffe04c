// The words a person sees for each of zod's built-in checks (src/http/validation-messages.ts), and that a
// schema's own message still wins over them.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { plainIssueMessage } from "../../src/http/validation-messages.ts";

const messageFor = (schema: z.ZodType, value: unknown) =>
  schema.safeParse(value, { error: plainIssueMessage }).error?.issues[0]?.message;

describe("plain validation messages", () => {
  it("names the limit of a number, text or list", () => {
    expect(messageFor(z.number().min(1), 0)).toBe("Must be at least 1.");
    expect(messageFor(z.number().max(500), 501)).toBe("Must be 500 or less.");
    expect(messageFor(z.number().gt(0), 0)).toBe("Must be more than 0.");
    expect(messageFor(z.number().lt(1), 1)).toBe("Must be less than 1.");
    expect(messageFor(z.string().min(1), "")).toBe("Must not be empty.");
    expect(messageFor(z.string().min(8), "short")).toBe("Must be at least 8 characters.");
    expect(messageFor(z.string().max(3), "four")).toBe("Must be 3 characters or fewer.");
    expect(messageFor(z.array(z.string()).max(1), ["a", "b"])).toBe("Must have 1 item or fewer.");
    expect(messageFor(z.array(z.string()).min(1), [])).toBe("Add at least one.");
  });

  it("says what kind of value was expected, or that it is missing", () => {
    expect(messageFor(z.number(), "7")).toBe("Must be a number.");
    expect(messageFor(z.number().int(), 1.5)).toBe("Must be a whole number.");
    expect(messageFor(z.boolean(), "yes")).toBe("Must be true or false.");
    expect(messageFor(z.object({ a: z.string() }), {})).toBe("Required.");
  });

  it("lists the allowed choices and names formats", () => {
    expect(messageFor(z.enum(["a", "b"]), "c")).toBe("Must be one of “a”, “b”.");
    expect(messageFor(z.literal(3), 4)).toBe("Must be 3.");
    expect(messageFor(z.email(), "nope")).toBe("Must be an email address.");
    expect(messageFor(z.url(), "nope")).toBe("Must be a web address (URL).");
    expect(messageFor(z.string().regex(/^a/), "b")).toBe("Is not in the expected form.");
    expect(messageFor(z.strictObject({}), { x: 1 })).toBe("Unknown field: x.");
  });

  it("keeps a message the schema spells out itself", () => {
    expect(messageFor(z.string().min(1, "Write something."), "")).toBe("Write something.");
  });
});
