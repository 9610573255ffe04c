// Puts an app on a free port (port 0) for browser and socket tests; close() stops it.
import type http from "node:http";
import type { AddressInfo } from "node:net";
import type { RequestListener } from "node:http";
import { createHttpServer } from "../../src/http/http-server.ts";

export async function listen(
  handler: RequestListener,
): Promise<{ server: http.Server; url: string; close(): Promise<void> }> {
  const server = createHttpServer(handler); // the production server settings
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
