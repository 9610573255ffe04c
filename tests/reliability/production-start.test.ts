// `npm start` as production runs it: the compiled dist/main.js under plain node (no tsx at run time),
// started by npm with nothing in between, so SIGTERM to npm reaches the server and stops it cleanly; and
// a port that is taken ends the start with one line that says so, not a stack trace.
import { execFile } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServerProcess } from "../support/server-process.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-db.ts";

const run = promisify(execFile);

describe.skipIf(process.platform !== "linux")("production start (npm start)", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    await run("npm", ["run", "build:server"], { timeout: 180_000 }); // what npm install's prepare does
    db = await createTestDatabase("sqlite");
  }, 200_000);
  afterAll(() => db?.drop());

  it("runs node dist/main.js directly under npm, and stops on SIGTERM to npm", { timeout: 60_000 }, async () => {
    const server = await startServerProcess({ DATABASE_URL: db.url }, { command: ["npm", "start"] });
    try {
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      // The pages' live updates load the socket.io client from the built scripts (socket.io's own
      // serveClient looked for its files beside dist/ and answered nothing).
      const client = await fetch(`${server.url}/static/js/socket-client.js`);
      expect(client.status).toBe(200);
      expect(client.headers.get("content-type")).toMatch(/javascript/);
      expect(await client.text()).toMatch(/export\s*\{[^}]*\bio\b/);
      const children = fs.readFileSync(`/proc/${server.child.pid}/task/${server.child.pid}/children`, "utf8").trim();
      const node = Number(children.split(" ")[0]);
      // node, its memory flags (README "Production start"), the compiled server: no tsx in between.
      const argv = fs.readFileSync(`/proc/${node}/cmdline`, "utf8").split("\0").filter(Boolean);
      expect(argv.at(-1)).toBe("dist/main.js");
      expect(argv.slice(1, -1).every((a) => a.startsWith("--"))).toBe(true);
      expect(argv.join(" ")).not.toContain("tsx");
      // glibc's malloc settings from the start script reach the server (README "Production start").
      expect(fs.readFileSync(`/proc/${node}/environ`, "utf8").split("\0")).toContain("MALLOC_ARENA_MAX=2");
      server.child.kill("SIGTERM");
      await server.exited;
      await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
      expect(fs.existsSync(`/proc/${node}`)).toBe(false);
      expect(server.logs.some((l) => l.includes('"msg":"stopped"'))).toBe(true);
    } finally {
      await server.stop("SIGKILL");
    }
  });

  it("says in one line that the port is taken", { timeout: 60_000 }, async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const port = String((taken.address() as net.AddressInfo).port);
    try {
      const failed = await run("npm", ["start", "--silent"], {
        env: {
          PATH: process.env.PATH,
          DATABASE_URL: db.url,
          HOST: "127.0.0.1",
          PORT: port,
          SEED_DEMO_ARTICLES: "false",
        },
        timeout: 30_000,
      }).catch((e: { code: number; stdout: string; stderr: string }) => e);
      expect((failed as { code: number }).code).toBe(1);
      const { stdout, stderr } = failed;
      const output = `${stdout}${stderr}`;
      const lines = output.split("\n").filter((l) => l.includes(port));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`port ${port} is already in use`);
      expect(output).not.toMatch(/^\s+at /m); // no stack trace
    } finally {
      taken.close();
    }
  });
});
