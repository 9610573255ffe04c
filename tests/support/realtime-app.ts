// The real app and its socket.io server on a free port (port 0), on a fresh test database.
import { attachRealtime, type Realtime } from "../../src/realtime/attach-realtime.ts";
import type { Deps } from "../../src/deps.ts";
import { listen } from "./listen.ts";
import { createTestApp, type TestApp } from "./test-app.ts";
import type { TestDatabase } from "./test-db.ts";

export type LiveApp = TestApp & { url: string; realtime: Realtime };

export async function startLiveApp(provider: "sqlite" | "postgres" = "sqlite", env: Record<string, string> = {}, overrides: Partial<Deps> = {}, database?: TestDatabase): Promise<LiveApp> {
  const t = await createTestApp(provider, env, overrides, { shared: database });
  const server = await listen(t.app);
  const realtime = await attachRealtime(server.server, t.deps);
  return {
    ...t,
    url: server.url,
    realtime,
    async close() {
      await realtime.close();
      await server.close();
      await t.close();
    },
  };
}
