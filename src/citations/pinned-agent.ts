// An undici dispatcher that can only ever dial one address: the one the policy just approved.
// undici would otherwise resolve the host name again when it connects, and a DNS server under an
// attacker's control can answer "public" to our check and "127.0.0.1" to that second question
// (DNS rebinding). Only the socket's destination changes: the Host header and the TLS server name
// (SNI, certificate check) still come from the URL's host name, so HTTPS is verified as usual.
// undici (~10 MB of code and data) loads with the first link check, not with the server.
import { isIP } from "node:net";
import type { Agent } from "undici";

export type PinnedAgentOptions = {
  timeoutMs: number;
  onConnect?: (address: string, port: number) => void;
};

export async function createPinnedAgent(address: string, options: PinnedAgentOptions): Promise<Agent> {
  const { Agent, buildConnector } = await import("undici");
  const dial = buildConnector({ timeout: options.timeoutMs });
  return new Agent({
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    connect(connectOptions, callback) {
      const port = Number(connectOptions.port) || (connectOptions.protocol === "https:" ? 443 : 80);
      try {
        options.onConnect?.(address, port);
      } catch (err) {
        callback(err instanceof Error ? err : new Error(String(err)), null);
        return;
      }
      // `hostname` is where net/tls.connect dials; the server name stays the URL's (none for IP literals).
      const urlHost = connectOptions.hostname.replace(/^\[|\]$/g, "");
      const servername = connectOptions.servername || (isIP(urlHost) ? undefined : urlHost);
      dial({ ...connectOptions, hostname: address, ...(servername ? { servername } : {}) }, callback);
    },
  });
}
