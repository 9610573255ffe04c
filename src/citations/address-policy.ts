// Which IP addresses the link checker may connect to (STYLE.md §9). A comment author chooses the URL,
// so every address is hostile until proven public: anything in a special-purpose range is refused, and
// IPv6 forms that carry an IPv4 address inside (mapped, NAT64, 6to4) are judged by that IPv4 address.
// Anything we cannot parse, and any IPv6 outside global unicast 2000::/3, is refused (deny by default).
import { isIP } from "node:net";
import ipaddr from "ipaddr.js";

type IPv4 = ipaddr.IPv4;
type IPv6 = ipaddr.IPv6;

export type AddressVerdict = { forbidden: boolean; range?: string };

type V4Rule = { cidr: [IPv4, number]; range: string };
type V6Rule = { cidr: [IPv6, number]; range: string; embeddedV4?: (ip: IPv6) => IPv4 };

const v4 = (cidr: string, range: string): V4Rule => ({ cidr: ipaddr.IPv4.parseCIDR(cidr), range });
const v6 = (cidr: string, range: string, embeddedV4?: (ip: IPv6) => IPv4): V6Rule => ({
  cidr: ipaddr.IPv6.parseCIDR(cidr),
  range,
  ...(embeddedV4 ? { embeddedV4 } : {}),
});

/** The IPv4 address held by two 16-bit IPv6 groups. */
const v4FromGroups = (hi = 0, lo = 0): IPv4 => new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
/** Mapped ::ffff:a.b.c.d and NAT64 64:ff9b::a.b.c.d carry it in the low 32 bits. */
const low32 = (ip: IPv6): IPv4 => v4FromGroups(ip.parts[6], ip.parts[7]);
/** 6to4 2002:AABB:CCDD::/48 carries AA.BB.CC.DD in the two groups after 2002. */
const sixToFour = (ip: IPv6): IPv4 => v4FromGroups(ip.parts[1], ip.parts[2]);

// First match wins, so the specific entries (metadata) come before the ranges that contain them.
// Sources: IANA IPv4/IPv6 Special-Purpose Address Registries, plus cloud metadata endpoints.
const V4_RULES: readonly V4Rule[] = [
  v4("169.254.169.254/32", "metadata"), // AWS, GCP, Azure, OpenStack instance metadata
  v4("168.63.129.16/32", "metadata"), // Azure wire server: public-looking, host-only
  v4("100.100.100.200/32", "metadata"), // Alibaba Cloud
  v4("0.0.0.0/8", "unspecified"), // "this network"; 0.0.0.0 reaches localhost on Linux
  v4("10.0.0.0/8", "private"),
  v4("100.64.0.0/10", "cgnat"),
  v4("127.0.0.0/8", "loopback"),
  v4("169.254.0.0/16", "link-local"),
  v4("172.16.0.0/12", "private"),
  v4("192.0.0.0/24", "ietf-protocol-assignments"),
  v4("192.0.2.0/24", "documentation"),
  v4("192.88.99.0/24", "6to4-relay"),
  v4("192.168.0.0/16", "private"),
  v4("198.18.0.0/15", "benchmarking"),
  v4("198.51.100.0/24", "documentation"),
  v4("203.0.113.0/24", "documentation"),
  v4("224.0.0.0/4", "multicast"),
  v4("255.255.255.255/32", "broadcast"),
  v4("240.0.0.0/4", "reserved"),
];

const V6_RULES: readonly V6Rule[] = [
  v6("::/128", "unspecified"),
  v6("::1/128", "loopback"),
  v6("::ffff:0:0/96", "ipv4-mapped", low32),
  v6("::ffff:0:0:0/96", "ipv4-translated"),
  v6("::/96", "ipv4-compatible"), // deprecated; nothing legitimate lives there
  v6("64:ff9b::/96", "nat64", low32),
  v6("64:ff9b:1::/48", "nat64-local"), // RFC 8215: the operator's own translator, may reach inside
  v6("100::/64", "discard"),
  v6("2001::/32", "teredo"), // the embedded address is obfuscated and tunnels anywhere: refuse all
  v6("2001:db8::/32", "documentation"),
  v6("2001::/23", "ietf-protocol-assignments"),
  v6("2002::/16", "6to4", sixToFour),
  v6("3fff::/20", "documentation"),
  v6("fd00:ec2::254/128", "metadata"), // AWS instance metadata over IPv6
  v6("fc00::/7", "unique-local"),
  v6("fe80::/10", "link-local"),
  v6("fec0::/10", "site-local"),
  v6("ff00::/8", "multicast"),
];
const GLOBAL_UNICAST = ipaddr.IPv6.parseCIDR("2000::/3");

function judgeV4(ip: IPv4): AddressVerdict {
  const rule = V4_RULES.find((r) => ip.match(r.cidr));
  return rule ? { forbidden: true, range: rule.range } : { forbidden: false };
}

function judgeV6(ip: IPv6): AddressVerdict {
  const rule = V6_RULES.find((r) => ip.match(r.cidr));
  if (rule?.embeddedV4) {
    const inner = judgeV4(rule.embeddedV4(ip));
    return inner.forbidden ? { forbidden: true, range: `${rule.range}:${inner.range}` } : { forbidden: false };
  }
  if (rule) return { forbidden: true, range: rule.range };
  if (!ip.match(GLOBAL_UNICAST)) return { forbidden: true, range: "not-global-unicast" };
  return { forbidden: false };
}

/** Whether connecting to `ip` is refused, and the name of the range that refuses it. */
export function isForbiddenAddress(ip: string): AddressVerdict {
  const canonical = parseHostAsIp(ip);
  if (canonical === null) return { forbidden: true, range: "not-an-ip" };
  const parsed = ipaddr.parse(canonical);
  return parsed.kind() === "ipv4" ? judgeV4(parsed as IPv4) : judgeV6(parsed as IPv6);
}

/**
 * The IP address a URL host names, in canonical form ("127.0.0.1", "::ffff:7f00:1"), or null for a
 * domain name. IPv4 is read exactly as the WHATWG URL parser reads it — decimal 2130706433, octal
 * 0177.0.0.1, hex 0x7f.0.0.1, short 127.1, percent-encoded digits — by asking that parser, so we
 * can never disagree with the host a browser (or `new URL`) would reach. Brackets are optional.
 */
export function parseHostAsIp(host: string): string | null {
  const bare = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
  if (isIP(bare) === 6) {
    // Canonicalise through the URL parser too: ipaddr.js reads "::127.0.0.1" as ::ffff:7f00:1 while
    // the socket would reach ::7f00:1, and a policy must judge the address actually dialled.
    // The zone ("%eth0") only occurs on link-local addresses, which are refused whatever it is.
    const hostname = new URL(`http://[${bare.split("%")[0]}]/`).hostname.slice(1, -1);
    return ipaddr.IPv6.parse(hostname).toString();
  }
  if (isIP(bare) === 4) return bare;
  if (bare === "" || /[\s/?#@:\\[\]]/.test(bare)) return null; // not a lone host: don't let it pick a different one
  try {
    const hostname = new URL(`http://${bare}/`).hostname;
    return isIP(hostname) === 4 ? hostname : null;
  } catch {
    return null; // e.g. "1.2.3.4.5" or "foo.123": the URL parser refuses these outright
  }
}
