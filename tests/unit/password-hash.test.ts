import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "../../src/accounts/password-hash.ts";

describe("password hashing (scrypt)", () => {
  it("verifies the right password, refuses others, and salts every hash", async () => {
    const a = await hashPassword("correct horse battery staple");
    const b = await hashPassword("correct horse battery staple");
    expect(a).toMatch(/^scrypt\$15\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword("correct horse battery staple", a)).toBe(true);
    expect(await verifyPassword("correct horse battery stapl", a)).toBe(false);
    expect(await verifyPassword("", a)).toBe(false);
  });

  it("reads the cost from the stored string, so old hashes keep working after a change", async () => {
    const cheap = await hashPassword("pw", { log2N: 12, r: 8, p: 1 });
    expect(cheap.startsWith("scrypt$12$8$1$")).toBe(true);
    expect(await verifyPassword("pw", cheap)).toBe(true);
  });

  it("refuses malformed or absurd hash strings without throwing", async () => {
    for (const bad of [
      "",
      "plain",
      "scrypt$15$8$1$salt",
      "bcrypt$15$8$1$c2FsdA$a2V5",
      "scrypt$40$8$1$c2FsdA$a2V5",
      "scrypt$15$8$1$c2FsdA$short",
    ]) {
      expect(await verifyPassword("pw", bad)).toBe(false);
    }
  });
});
