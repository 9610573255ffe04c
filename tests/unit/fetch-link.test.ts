// The link fetcher against real HTTP servers on loopback (port 0). Fake host names (a.test, b.test)
// resolve through an injected lookup; every test's onConnect refuses to dial anything but loopback,
// so no test can send a packet off this machine even if the fetcher had a bug.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createLinkFetcher, type LinkFetcherOptions, type Lookup } from "../../src/citations/fetch-link.ts";
import { checkFragment } from "../../src/citations/fragment-check.ts";

type TestServer = { origin: string; port: number; connections: number; close(): Promise<void> };
const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function startServer(handler: http.RequestListener, host = "127.0.0.1"): Promise<TestServer> {
  const server = http.createServer(handler);
  let connections = 0;
  server.on("connection", () => connections++);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  const started: TestServer = {
    origin: `http://${host}:${port}`,
    port,
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  servers.push(started);
  return started;
}

/** A lookup from a fixed table; unknown names fail like a real NXDOMAIN. */
function lookupFrom(table: Record<string, string[]>): Lookup {
  return async (hostname) => {
    const addresses = table[hostname];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };
}

/** Records every dial and refuses any that would leave loopback. */
function connectSpy() {
  const dialled: Array<[string, number]> = [];
  const onConnect = (address: string, port: number) => {
    dialled.push([address, port]);
    if (!address.startsWith("127.") && address !== "::1") throw new Error(`test refused to dial ${address}`);
  };
  return { dialled, onConnect };
}

const html =
  (body: string, headers: http.OutgoingHttpHeaders = {}): http.RequestListener =>
  (_req, res) => {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", ...headers });
    res.end(body);
  };

function fetcher(options: LinkFetcherOptions = {}) {
  const spy = connectSpy();
  const lookup = lookupFrom({ "a.test": ["127.0.0.1"], "www.a.test": ["127.0.0.1"], "b.test": ["127.0.0.1"] });
  return { spy, links: createLinkFetcher({ lookup, allowLoopback: true, onConnect: spy.onConnect, ...options }) };
}

describe("answers", () => {
  it("follows 301 → 302 → 200 and records the chain, same site ignoring www.", async () => {
    const server = await startServer((req, res) => {
      if (req.url === "/start") res.writeHead(301, { location: "/middle" }).end();
      else if (req.url === "/middle") res.writeHead(302, { location: `http://www.a.test:${server.port}/end` }).end();
      else html("<title>The end</title>")(req, res);
    });
    const { links } = fetcher();
    const result = await links.check(`http://a.test:${server.port}/start`);
    expect(result).toMatchObject({
      state: "redirected",
      redirectKind: "same-site",
      httpStatus: 200,
      finalUrl: `http://www.a.test:${server.port}/end`,
      finalDomain: "a.test",
      title: "The end",
      redirectChain: [
        { url: `http://a.test:${server.port}/start`, status: 301 },
        { url: `http://a.test:${server.port}/middle`, status: 302 },
      ],
    });
    expect(result.checkedAt).toBeInstanceOf(Date);
  });

  it("labels a redirect to another host other-site", async () => {
    const server = await startServer((req, res) => {
      if (req.headers.host?.startsWith("a.test"))
        res.writeHead(308, { location: `http://b.test:${server.port}/` }).end();
      else html("<title>B</title>")(req, res);
    });
    const result = await fetcher().links.check(`http://a.test:${server.port}/`);
    expect(result).toMatchObject({
      state: "redirected",
      redirectKind: "other-site",
      finalDomain: "b.test",
      title: "B",
    });
  });

  it.each([404, 500])("calls a %i broken", async (status) => {
    const server = await startServer((_req, res) =>
      res.writeHead(status, { "content-type": "text/html" }).end("<title>Oops</title>"),
    );
    const result = await fetcher().links.check(`${server.origin}/gone`);
    expect(result).toMatchObject({ state: "broken", httpStatus: status });
    expect(result.title).toBeUndefined();
  });

  it("reports a PDF or JSON as ok with its content type and no title", async () => {
    const server = await startServer((req, res) => {
      const type = req.url === "/doc.pdf" ? "application/pdf" : "application/json; charset=utf-8";
      res.writeHead(200, { "content-type": type }).end("<title>not a page title</title>");
    });
    const { links } = fetcher();
    const pdf = await links.check(`${server.origin}/doc.pdf`);
    const json = await links.check(`${server.origin}/data.json`);
    expect(pdf).toMatchObject({ state: "ok", httpStatus: 200, contentType: "application/pdf" });
    expect(json).toMatchObject({ state: "ok", httpStatus: 200, contentType: "application/json" });
    expect(pdf.title ?? json.title).toBeUndefined();
  });

  it("decodes entities in the title, collapses whitespace and caps it at 300 characters", async () => {
    const server = await startServer((req, res) =>
      req.url === "/long"
        ? html(`<title>${"é".repeat(400)}</title>`)(req, res)
        : html(
            "<html><head><TITLE lang=en>\n  Tom &amp; Jerry &#8211; &quot;Cats&quot;\t&#x1F600; &hellip; &bogus;  </TITLE>",
          )(req, res),
    );
    const { links } = fetcher();
    expect((await links.check(`${server.origin}/`)).title).toBe('Tom & Jerry – "Cats" 😀 … &bogus;');
    expect((await links.check(`${server.origin}/long`)).title).toBe("é".repeat(300));
  });

  it("records the page's anchors, and each link's #fragment is judged against them, also across a redirect", async () => {
    const server = await startServer((req, res) =>
      req.url === "/old"
        ? res.writeHead(302, { location: "/page" }).end()
        : req.url === "/doc.pdf"
          ? res.writeHead(200, { "content-type": "application/pdf" }).end("%PDF")
          : html(
              `<title>Doc</title><h2 class=x id="section-2">Two</h2><a name='legacy'></a><p id="café"><p data-id="fake"><meta name="viewport">`,
            )(req, res),
    );
    const { links } = fetcher();
    const page = await links.check(`${server.origin}/page#section-2`);
    expect(page.anchors).toEqual({ ids: ["section-2", "legacy", "café"], complete: true });
    const judge = (url: string) => checkFragment(url, page.anchors)?.status;
    expect(judge(`${server.origin}/page#section-2`)).toBe("found");
    expect(judge(`${server.origin}/page#legacy`)).toBe("found");
    expect(judge(new URL(`${server.origin}/page#café`).href)).toBe("found"); // percent-encoded by the URL parser
    expect(judge(`${server.origin}/page#fake`)).toBe("missing");
    expect(judge(`${server.origin}/page#viewport`)).toBe("missing"); // <meta name> is not an anchor
    expect(judge(`${server.origin}/page`)).toBeUndefined();
    const viaRedirect = await links.check(`${server.origin}/old#section-2`);
    expect(viaRedirect).toMatchObject({
      state: "redirected",
      anchors: page.anchors,
      finalUrl: `${server.origin}/page#section-2`,
    });
    const pdf = await links.check(`${server.origin}/doc.pdf#page=2`);
    expect(pdf.anchors).toBeUndefined();
    expect(checkFragment(`${server.origin}/doc.pdf#page=2`, pdf.anchors)?.status).toBe("unknown");
  });

  it("marks the anchors of a page cut at maxBytes incomplete: a fragment not seen is unknown, not missing", async () => {
    const server = await startServer(html(`<title>Long</title><p id=early>${"x".repeat(70 * 1024)}<p id=late>`));
    const result = await fetcher({ maxBytes: 64 * 1024 }).links.check(`${server.origin}/`);
    expect(result).toMatchObject({ state: "ok", bodyTruncated: true, anchors: { ids: ["early"], complete: false } });
    expect(checkFragment(`${server.origin}/#early`, result.anchors)?.status).toBe("found");
    expect(checkFragment(`${server.origin}/#late`, result.anchors)?.status).toBe("unknown");
  });
});

describe("limits", () => {
  it("gives up on a server that does not answer in time", async () => {
    const server = await startServer(() => {
      /* never answers; afterEach closes the socket */
    });
    const result = await fetcher({ timeoutMs: 300 }).links.check(`${server.origin}/slow`);
    expect(result).toMatchObject({ state: "unreachable", error: "timeout" });
    expect(result.durationMs).toBeLessThan(2000);
  });

  it("stops reading an endless page at maxBytes and keeps its title", async () => {
    let sent = 0;
    let resolveClosed!: () => void;
    const serverSawClose = new Promise<void>((resolve) => (resolveClosed = resolve));
    const server = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.write("<html><head><title>Endless</title></head><body>");
      const chunk = "x".repeat(16 * 1024);
      const pump = () => {
        while (!res.destroyed && res.write(chunk)) sent += chunk.length;
        if (!res.destroyed) res.once("drain", pump);
      };
      res.on("close", resolveClosed);
      pump();
    });
    const result = await fetcher({ maxBytes: 64 * 1024 }).links.check(`${server.origin}/stream`);
    expect(result).toMatchObject({ state: "ok", title: "Endless", bodyTruncated: true });
    await serverSawClose; // the connection was dropped, the server is no longer streaming
    expect(sent).toBeLessThan(50 * 1024 * 1024);
  });

  it("calls a redirect loop too-many-redirects after maxRedirects hops", async () => {
    const server = await startServer((_req, res) => res.writeHead(302, { location: "/loop" }).end());
    const result = await fetcher().links.check(`${server.origin}/loop`);
    expect(result).toMatchObject({ state: "broken", error: "too-many-redirects", httpStatus: 302 });
    expect(result.redirectChain).toHaveLength(6); // five followed, the sixth refused
  });

  it("runs at most `concurrency` checks at once and queues the rest", async () => {
    let inFlight = 0;
    let peak = 0;
    const server = await startServer((_req, res) => {
      peak = Math.max(peak, ++inFlight);
      res.on("finish", () => inFlight--);
      setTimeout(() => html("<title>t</title>")(_req, res), 50);
    });
    const { links } = fetcher({ concurrency: 2 });
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => links.check(`${server.origin}/${i}`)));
    expect(results.every((r) => r.state === "ok")).toBe(true);
    expect(peak).toBe(2);
    expect(server.connections).toBe(6); // one connection per check, none kept alive
  });
});

describe("failures", () => {
  it("reports a closed port as connection-refused and an unknown name as dns-failure", async () => {
    const gone = await startServer(() => {});
    await gone.close();
    const { links } = fetcher();
    expect(await links.check(`${gone.origin}/`)).toMatchObject({ state: "unreachable", error: "connection-refused" });
    expect(await links.check("http://nowhere.test/")).toMatchObject({ state: "unreachable", error: "dns-failure" });
  });

  it("never throws for a bad URL", async () => {
    const { links } = fetcher();
    await expect(links.check("not a url")).resolves.toMatchObject({ state: "refused", error: "bad-url" });
    await expect(links.check("")).resolves.toMatchObject({ state: "refused", error: "bad-url" });
  });
});

describe("address pinning (allowLoopback off)", () => {
  // 127.0.0.2 stands in for a public server: it is the only address exempt from the policy, so
  // 127.0.0.1 is as forbidden as it would be in production.
  const strict = (lookup: Lookup, spy = connectSpy()) => ({
    spy,
    links: createLinkFetcher({ lookup, allowAddresses: ["127.0.0.2"], allowAnyPort: true, onConnect: spy.onConnect }),
  });

  it("refuses a redirect to a private address without connecting to it", async () => {
    const inside = await startServer(html("<title>secret</title>"), "127.0.0.1");
    const outside = await startServer((req, res) => {
      const to = req.url === "/to-ip" ? inside.origin : `http://inside.test:${inside.port}`;
      res.writeHead(302, { location: `${to}/admin` }).end();
    }, "127.0.0.2");
    const { spy, links } = strict(lookupFrom({ "outside.test": ["127.0.0.2"], "inside.test": ["127.0.0.1"] }));
    for (const path of ["/to-ip", "/to-name"]) {
      const result = await links.check(`http://outside.test:${outside.port}${path}`);
      expect(result).toMatchObject({ state: "refused", error: "forbidden-address", redirectChain: [{ status: 302 }] });
      expect(result.detail).toContain("loopback");
    }
    expect(inside.connections).toBe(0);
    expect(spy.dialled).toEqual([
      ["127.0.0.2", outside.port],
      ["127.0.0.2", outside.port],
    ]);
  });

  it("connects to the address it checked even if DNS changes its answer (rebinding)", async () => {
    const inside = await startServer(html("<title>secret</title>"), "127.0.0.1");
    const outside = await startServer(html("<title>public page</title>"), "127.0.0.2");
    let calls = 0;
    const rebinding: Lookup = async () => [{ address: calls++ === 0 ? "127.0.0.2" : "127.0.0.1", family: 4 }];
    const { spy, links } = strict(rebinding);
    const result = await links.check(`http://rebind.test:${outside.port}/`);
    expect(result).toMatchObject({ state: "ok", title: "public page" });
    expect(spy.dialled).toEqual([["127.0.0.2", outside.port]]);
    expect(inside.connections).toBe(0);
  });

  it("dials the public-looking address it checked, never the loopback one DNS gives later", async () => {
    const inside = await startServer(html("<title>secret</title>"), "127.0.0.1");
    let calls = 0;
    const rebinding: Lookup = async () => [{ address: calls++ === 0 ? "93.184.216.34" : "127.0.0.1", family: 4 }];
    // The spy throws before the socket opens, so nothing is sent to 93.184.216.34.
    const { spy, links } = strict(rebinding);
    const result = await links.check(`http://rebind.test:${inside.port}/`);
    expect(result.state).toBe("unreachable");
    expect(spy.dialled).toEqual([["93.184.216.34", inside.port]]);
    expect(inside.connections).toBe(0);
  });
});
