// Real databases for tests (STYLE.md §11): a fresh SQLite file in a temp dir, or a fresh PostgreSQL
// database, migrated by the same code the server runs on start.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export type TestDatabase = { provider: "sqlite" | "postgres"; url: string; drop(): Promise<void> };

/** The providers this machine can test: SQLite always, PostgreSQL when global-setup reached it. */
export function testProviders(): ("sqlite" | "postgres")[] {
  return process.env.PARLEY_TEST_PG ? ["sqlite", "postgres"] : ["sqlite"];
}

export async function createTestDatabase(provider: "sqlite" | "postgres"): Promise<TestDatabase> {
  if (provider === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-test-"));
    return {
      provider,
      url: `file:${path.join(dir, "test.db")}`,
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const adminUrl = process.env.PARLEY_TEST_PG;
  if (!adminUrl) throw new Error("PostgreSQL is not reachable (see the warning at the start of the run)");
  const name = `parley_test_${crypto.randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    provider,
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
