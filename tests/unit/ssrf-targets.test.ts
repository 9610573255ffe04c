// Hostile link targets: each must be refused before any connection is attempted. The fetcher's
// onConnect hook records every dial (and throws, so even a bug could not send a packet anywhere);
// host names resolve only through the injected table below — no real DNS, no traffic.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isForbiddenAddress, parseHostAsIp } from "../../src/citations/address-policy.ts";
import { createLinkFetcher, type LinkCheckError, type Lookup } from "../../src/citations/fetch-link.ts";

const DNS: Record<string, string[]> = {
  localhost: ["127.0.0.1", "::1"],
  "localhost.": ["127.0.0.1"],
  "private.test": ["10.0.0.5"],
  "mixed.test": ["93.184.216.34", "10.0.0.5"], // public first: refusing on ANY forbidden answer matters
  "metadata.test": ["169.254.169.254"],
  "v6-private.test": ["2606:4700::1", "fd12:3456::1"],
  "mapped.test": ["::ffff:10.1.2.3"],
};

function harness() {
  const looked: string[] = [];
  const dialled: string[] = [];
  const lookup: Lookup = async (hostname) => {
    looked.push(hostname);
    const addresses = DNS[hostname];
    if (!addresses) throw Object.assign(new Error("ENOTFOUND"), { code: "ENOTFOUND" });
    return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
  const onConnect = (address: string, port: number) => {
    dialled.push(`${address}:${port}`);
    throw new Error("no connection may be attempted in this suite");
  };
  return { looked, dialled, lookup, onConnect };
}

// [url, the reason it must be refused]
const TARGETS: Array<[string, LinkCheckError]> = [
  ["http://127.0.0.1/", "forbidden-address"],
  ["http://localhost/", "forbidden-address"],
  ["https://localhost./", "forbidden-address"],
  ["http://0.0.0.0/", "forbidden-address"],
  ["http://0/", "forbidden-address"],
  ["http://[::1]/", "forbidden-address"],
  ["http://[::]/", "forbidden-address"],
  ["http://[::ffff:127.0.0.1]/", "forbidden-address"],
  ["http://[::ffff:7f00:1]/", "forbidden-address"],
  ["http://[::127.0.0.1]/", "forbidden-address"],
  ["http://2130706433/", "forbidden-address"],
  ["http://0177.0.0.1/", "forbidden-address"],
  ["http://0x7f.0.0.1/", "forbidden-address"],
  ["http://0x7f000001/", "forbidden-address"],
  ["http://127.1/", "forbidden-address"],
  ["http://%31%32%37.0.0.1/", "forbidden-address"],
  ["http://169.254.169.254/latest/meta-data", "forbidden-address"],
  ["http://[::ffff:169.254.169.254]/latest/meta-data", "forbidden-address"],
  ["http://[fd00:ec2::254]/latest/meta-data", "forbidden-address"],
  ["http://10.0.0.1/", "forbidden-address"],
  ["http://172.16.0.1/", "forbidden-address"],
  ["http://172.31.255.254/", "forbidden-address"],
  ["http://192.168.1.1/", "forbidden-address"],
  ["http://100.64.0.1/", "forbidden-address"],
  ["http://[fe80::1]/", "forbidden-address"],
  ["http://[fc00::1]/", "forbidden-address"],
  ["http://224.0.0.1/", "forbidden-address"],
  ["http://[ff02::1]/", "forbidden-address"],
  ["http://255.255.255.255/", "forbidden-address"],
  ["http://240.0.0.1/", "forbidden-address"],
  ["http://198.18.0.1/", "forbidden-address"],
  ["http://192.0.0.8/", "forbidden-address"],
  ["http://192.0.2.1/", "forbidden-address"],
  ["http://[2001:db8::1]/", "forbidden-address"],
  ["http://[64:ff9b::7f00:1]/", "forbidden-address"],
  ["http://[64:ff9b::10.0.0.1]/", "forbidden-address"],
  ["http://[2002:7f00:1::]/", "forbidden-address"],
  ["http://[2002:c0a8:101::1]/", "forbidden-address"],
  ["http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/", "forbidden-address"], // Teredo
  ["http://private.test/", "forbidden-address"],
  ["http://mixed.test/", "forbidden-address"],
  ["https://metadata.test/computeMetadata/v1/", "forbidden-address"],
  ["http://v6-private.test/", "forbidden-address"],
  ["http://mapped.test/", "forbidden-address"],
  ["file:///etc/passwd", "bad-scheme"],
  ["gopher://127.0.0.1:70/_SET%20x", "bad-scheme"],
  ["ftp://example.com/", "bad-scheme"],
  ["javascript:alert(1)", "bad-scheme"],
  ["data:text/html,<script>alert(1)</script>", "bad-scheme"],
  ["dict://127.0.0.1:11211/stats", "bad-scheme"],
  ["http://user:pass@example.com/", "credentials-in-url"],
  ["http://user@example.com/", "credentials-in-url"],
  ["http://example.com:22/", "forbidden-port"],
  ["http://example.com:6379/", "forbidden-port"],
  ["https://example.com:8443/", "forbidden-port"],
  ["//example.com/relative", "bad-url"],
  ["http://[::1/", "bad-url"],
];

describe("hostile targets are refused before any connection", () => {
  it.each(TARGETS)("%s → %s", async (url, error) => {
    const h = harness();
    const result = await createLinkFetcher({ lookup: h.lookup, onConnect: h.onConnect }).check(url);
    expect(result).toMatchObject({ url, state: "refused", error });
    expect(h.dialled).toEqual([]);
    // Only our fake names ever reach the resolver; URL-shape refusals don't resolve at all.
    for (const name of h.looked) expect(Object.keys(DNS)).toContain(name);
    if (error !== "forbidden-address") expect(h.looked).toEqual([]);
  });

  it("covers at least 30 targets", () => expect(TARGETS.length).toBeGreaterThanOrEqual(30));
});

describe("against a live loopback server, with any port allowed", () => {
  let server: http.Server;
  let port = 0;
  let connections = 0;
  beforeAll(async () => {
    server = http.createServer((_req, res) => res.end("<title>should never be read</title>"));
    server.on("connection", () => connections++);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("never reaches the server through any spelling of loopback", async () => {
    const h = harness();
    const links = createLinkFetcher({ lookup: h.lookup, allowAnyPort: true }); // no onConnect: a real dial would land here
    const spellings = [
      "127.0.0.1",
      "localhost",
      "2130706433",
      "0x7f.1",
      "0177.0.0.01",
      "[::ffff:127.0.0.1]",
      "[::ffff:7f00:1]",
      "[::1]",
      "0.0.0.0",
    ];
    for (const host of spellings) {
      const result = await links.check(`http://${host}:${port}/`);
      expect(result, host).toMatchObject({ state: "refused", error: "forbidden-address" });
    }
    expect(connections).toBe(0);
  });
});

describe("address policy", () => {
  it("relies on new URL() to normalise every IPv4 spelling, as parseHostAsIp does", () => {
    for (const host of [
      "2130706433",
      "0177.0.0.1",
      "0x7f.0.0.1",
      "0x7f000001",
      "127.1",
      "127.0.1",
      "%31%32%37.0.0.1",
      "127.0.0.1.",
    ]) {
      expect(new URL(`http://${host}/`).hostname, host).toBe("127.0.0.1");
      expect(parseHostAsIp(host), host).toBe("127.0.0.1");
    }
    expect(new URL("http://[::ffff:127.0.0.1]/").hostname).toBe("[::ffff:7f00:1]");
    expect(parseHostAsIp("[::FFFF:127.0.0.1]")).toBe("::ffff:7f00:1");
    expect(parseHostAsIp("example.com")).toBeNull();
    expect(parseHostAsIp("1.2.3.4.5")).toBeNull();
    expect(parseHostAsIp("evil.com@127.0.0.1")).toBeNull();
  });

  it.each([
    ["10.1.2.3", "private"],
    ["172.20.0.1", "private"],
    ["192.168.0.1", "private"],
    ["127.8.9.10", "loopback"],
    ["::1", "loopback"],
    ["169.254.1.1", "link-local"],
    ["fe80::abcd", "link-local"],
    ["100.127.255.255", "cgnat"],
    ["239.255.255.250", "multicast"],
    ["ff05::2", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["0.1.2.3", "unspecified"],
    ["::", "unspecified"],
    ["250.0.0.1", "reserved"],
    ["198.19.255.255", "benchmarking"],
    ["203.0.113.9", "documentation"],
    ["198.51.100.1", "documentation"],
    ["2001:db8::1", "documentation"],
    ["192.0.0.170", "ietf-protocol-assignments"],
    ["169.254.169.254", "metadata"],
    ["fd00:ec2::254", "metadata"],
    ["fd00::1", "unique-local"],
    ["::ffff:127.0.0.1", "ipv4-mapped:loopback"],
    ["::ffff:7f00:1", "ipv4-mapped:loopback"],
    ["::7f00:1", "ipv4-compatible"],
    ["64:ff9b::192.168.0.1", "nat64:private"],
    ["2002:a00:1::", "6to4:private"],
    ["2001::1", "teredo"],
    ["2130706433", "loopback"],
    ["fe80::1%eth0", "link-local"],
    ["not an address", "not-an-ip"],
    ["4000::1", "not-global-unicast"],
  ])("refuses %s (%s)", (ip, range) => {
    expect(isForbiddenAddress(ip)).toEqual({ forbidden: true, range });
  });

  it.each([
    "8.8.8.8",
    "1.1.1.1",
    "93.184.216.34",
    "2606:4700:4700::1111",
    "::ffff:8.8.8.8",
    "64:ff9b::808:808",
    "2002:808:808::1",
  ])("allows the public address %s", (ip) => expect(isForbiddenAddress(ip)).toEqual({ forbidden: false }));
});
