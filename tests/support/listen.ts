// Puts an app on a free port (port 0) for browser and socket tests; close() stops it.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { RequestListener } from "node:http";

export async function listen(handler: RequestListener): Promise<{ server: http.Server; url: string; close(): Promise<void> }> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
