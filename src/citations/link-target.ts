// The checks made before any socket is opened, for the first URL and again for every redirect:
// scheme, credentials and port from the URL itself, then every address the host resolves to.
import { isForbiddenAddress, parseHostAsIp, type AddressVerdict } from "./address-policy.ts";
import type { LinkCheckError, Lookup } from "./link-check-types.ts";

export type TargetPolicy = {
  allowLoopback: boolean;
  /** Canonical addresses (parseHostAsIp) exempt from the address policy. */
  allowAddresses: ReadonlySet<string>;
  allowAnyPort: boolean;
};

export type Refusal = { state: "refused" | "unreachable"; error: LinkCheckError; detail: string };

const DEFAULT_PORT: Record<string, number> = { "http:": 80, "https:": 443 };

export function portOf(url: URL): number {
  return url.port === "" ? (DEFAULT_PORT[url.protocol] ?? 0) : Number(url.port);
}

/** What the URL alone says: only http(s), no user:pass@ (we never send credentials), ports 80/443. */
export function vetUrl(url: URL, policy: TargetPolicy): Refusal | null {
  if (!(url.protocol in DEFAULT_PORT)) return { state: "refused", error: "bad-scheme", detail: url.protocol };
  if (url.username !== "" || url.password !== "") {
    return { state: "refused", error: "credentials-in-url", detail: "user:password@ in the URL" };
  }
  // Web pages live on 80 and 443; any other port is far more often an SSH, SMTP or database port
  // that a crafted link wants us to poke at than a real citation.
  const port = portOf(url);
  if (!policy.allowAnyPort && port !== 80 && port !== 443) {
    return { state: "refused", error: "forbidden-port", detail: `port ${port}` };
  }
  return null;
}

function judgeAddress(address: string, policy: TargetPolicy): AddressVerdict {
  const canonical = parseHostAsIp(address);
  if (canonical !== null && policy.allowAddresses.has(canonical)) return { forbidden: false };
  const verdict = isForbiddenAddress(address);
  if (verdict.range === "loopback" && policy.allowLoopback) return { forbidden: false };
  return verdict;
}

/**
 * The one address to connect to for `hostname` (an IP literal is taken as is). If ANY address the
 * name resolves to is forbidden, the whole name is refused rather than quietly picking a public one:
 * a name that mixes public and private answers is either misconfigured or an attack, and refusing
 * keeps the decision independent of answer order.
 */
export async function resolveTarget(
  hostname: string,
  lookup: Lookup,
  policy: TargetPolicy,
): Promise<{ address: string } | Refusal> {
  let addresses: string[];
  const literal = parseHostAsIp(hostname);
  if (literal !== null) {
    addresses = [literal];
  } else {
    try {
      addresses = (await lookup(hostname)).map((found) => found.address);
    } catch (err) {
      return { state: "unreachable", error: "dns-failure", detail: String((err as { code?: unknown }).code ?? err) };
    }
  }
  const [first] = addresses;
  if (first === undefined) return { state: "unreachable", error: "dns-failure", detail: "no addresses" };
  for (const address of addresses) {
    const verdict = judgeAddress(address, policy);
    if (verdict.forbidden) {
      return { state: "refused", error: "forbidden-address", detail: `${address} is ${verdict.range ?? "forbidden"}` };
    }
  }
  return { address: parseHostAsIp(first) ?? first };
}
