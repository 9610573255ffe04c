// Moderator passwords: scrypt (memory-hard, in node:crypto, no native add-on). The hash string carries
// its parameters and salt, so raising the cost later only affects new hashes:
//   scrypt$<log2 N>$<r>$<p>$<salt b64url>$<key b64url>
import crypto from "node:crypto";
import { promisify } from "node:util";

const scrypt = promisify(crypto.scrypt) as (
  pw: string,
  salt: Buffer,
  len: number,
  opts: crypto.ScryptOptions,
) => Promise<Buffer>;

export type ScryptParams = { log2N: number; r: number; p: number };
/** 2^15 × 8 × 128 B = 32 MiB per hash: OWASP's scrypt baseline. */
export const DEFAULT_SCRYPT: ScryptParams = { log2N: 15, r: 8, p: 1 };
const KEY_BYTES = 32;

function options({ log2N, r, p }: ScryptParams): crypto.ScryptOptions {
  const N = 2 ** log2N;
  // Node refuses when 128·N·r reaches maxmem (32 MiB by default, exactly our cost): give it headroom.
  return { N, r, p, maxmem: 128 * N * r * 2 };
}

export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password.normalize("NFKC"), salt, KEY_BYTES, options(params));
  return ["scrypt", params.log2N, params.r, params.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split("$");
  if (parts.length !== 6 || parts[0] !== "scrypt") return false;
  const [log2N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  if (![log2N, r, p].every(Number.isInteger) || log2N < 10 || log2N > 20 || r < 1 || r > 32 || p < 1 || p > 16)
    return false;
  const salt = Buffer.from(parts[4]!, "base64url");
  const expected = Buffer.from(parts[5]!, "base64url");
  if (expected.length !== KEY_BYTES) return false;
  const key = await scrypt(password.normalize("NFKC"), salt, KEY_BYTES, options({ log2N, r, p }));
  return crypto.timingSafeEqual(key, expected);
}

/** Verifying against this when the email is unknown makes a failed login take as long either way. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(crypto.randomBytes(16).toString("hex"));
  return dummyHash;
}
