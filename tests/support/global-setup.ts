// Runs once before all suites: finds out whether PostgreSQL and Redis are reachable, and tells the
// suites through the environment. On CI (CI=true) they must be: a missing service fails the run
// instead of silently skipping half of it.
import net from "node:net";
import { buildWidget } from "../../scripts/build-widget.ts";

export const PG_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
export const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

function reachable(url: string): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: u.hostname, port: Number(u.port) }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.setTimeout(1000, () => {
      socket.destroy();
      resolve(false);
    });
    socket.on("error", () => resolve(false));
  });
}

export default async function setup() {
  // The pages and the widget load bundles built from src/client and src/widget: build them once per
  // run (esbuild, about a second), so a browser test never runs yesterday's bundle.
  await buildWidget();
  const [pg, redis] = await Promise.all([reachable(PG_URL), reachable(REDIS_URL)]);
  const onCi = process.env.CI === "true";
  for (const [name, ok, url] of [
    ["PostgreSQL", pg, PG_URL],
    ["Redis", redis, REDIS_URL],
  ] as const) {
    if (ok) continue;
    if (onCi) throw new Error(`${name} is required on CI but is not reachable at ${url}`);
    console.warn(`\n⚠️  ${name} is not reachable at ${url}: the suites that need it are SKIPPED on this machine.\n`);
  }
  process.env.PARLEY_TEST_PG = pg ? PG_URL : "";
  process.env.PARLEY_TEST_REDIS = redis ? REDIS_URL : "";
}
