// A small fake web for link-check tests: one HTTP server on 127.0.0.1 (port 0) whose pages a test can
// change, a DNS table mapping made-up public names (news.test, …) to it, and a link fetcher that
// refuses to dial anything but loopback — so no test can ever send a packet off this machine.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createLinkFetcher } from "../../src/citations/fetch-link.ts";
import type { LinkFetcher, Lookup } from "../../src/citations/link-check-types.ts";

/** `body`: extra markup after the title (e.g. elements with ids for #fragment checks). */
export type FakePage = { status: number; title?: string; location?: string; body?: string };

export type FakeWeb = {
  port: number;
  /** `http://<host>:<port><path>` for a host in the fake DNS. */
  url(host: string, path: string): string;
  /** Set (or change) what a path answers, on every host. */
  page(path: string, page: FakePage): void;
  /** Requests each path received. */
  hits(path: string): number;
  /** Every address the fetcher dialled, and any it was stopped from dialling. */
  dialled: string[];
  fetcher: LinkFetcher;
  close(): Promise<void>;
};

export const FAKE_HOSTS = ["news.test", "www.news.test", "papers.test", "dead.test", "spam.test"];

export async function startFakeWeb(now: () => Date = () => new Date()): Promise<FakeWeb> {
  const pages = new Map<string, FakePage>();
  const hits = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const page = pages.get(path) ?? { status: 404, title: "Not found" };
    const headers: http.OutgoingHttpHeaders = { "content-type": "text/html; charset=utf-8" };
    if (page.location) headers.location = page.location;
    res
      .writeHead(page.status, headers)
      .end(`<!doctype html><title>${page.title ?? ""}</title><p>${page.title ?? ""}</p>${page.body ?? ""}`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  const lookup: Lookup = async (hostname) => {
    if (FAKE_HOSTS.includes(hostname)) return [{ address: "127.0.0.1", family: 4 }];
    // Every other name (Pete's real hosts included) fails like NXDOMAIN: "unreachable", never dialled.
    throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
  };
  const dialled: string[] = [];
  const fetcher = createLinkFetcher({
    lookup,
    allowLoopback: true, // test-only: the fake web lives on 127.0.0.1
    // Generous: on a loaded machine (Chromium suites in parallel) a loopback page took 3.8 s and timed
    // out as "unreachable". No fake page is slow on purpose; timeouts are tested in fetch-link.test.ts.
    timeoutMs: 15_000,
    now,
    onConnect(address) {
      dialled.push(address);
      if (!address.startsWith("127.")) throw new Error(`test refused to dial ${address}`);
    },
  });
  return {
    port,
    url: (host, path) => `http://${host}:${port}${path}`,
    page: (path, page) => void pages.set(path, page),
    hits: (path) => hits.get(path) ?? 0,
    dialled,
    fetcher,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A clock the test moves by hand. */
export function manualClock(start = new Date("2030-01-01T12:00:00Z")) {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
  };
}
