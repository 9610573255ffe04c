// Applies pending migrations from prisma/<provider>/migrations on start, recording them in Prisma's own
// _prisma_migrations table (same columns, same sha256 checksum), so `prisma migrate deploy` and
// scripts/migrate.ts agree with it. Written against the drivers directly: Prisma's raw queries run one
// statement at a time, and the WASM schema engine is a developer tool we do not load in the server.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { providerOf, sqlitePath, type DbProvider } from "./client.ts";
import { PROJECT_ROOT } from "../config/project-root.ts";

const ROOT = PROJECT_ROOT;
// Prisma's own advisory lock key, so a concurrent `prisma migrate deploy` waits for us and vice versa.
const PG_LOCK_KEY = 72707369;

type Migration = { name: string; sql: string; checksum: string };

export function readMigrations(provider: DbProvider): Migration[] {
  const dir = path.join(ROOT, "prisma", provider, "migrations");
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: crypto.createHash("sha256").update(sql).digest("hex") };
    });
}

/** Brings the database at `url` up to date. Returns the names of the migrations it applied. */
export async function applyMigrations(url: string): Promise<string[]> {
  const provider = providerOf(url);
  const migrations = readMigrations(provider);
  return provider === "postgres" ? applyPostgres(url, migrations) : applySqlite(url, migrations);
}

function pending(migrations: Migration[], applied: { migration_name: string; checksum: string }[]): Migration[] {
  const done = new Map(applied.map((r) => [r.migration_name, r.checksum]));
  for (const m of migrations) {
    const sum = done.get(m.name);
    if (sum && sum !== m.checksum) throw new Error(`Migration ${m.name} was edited after it was applied.`);
  }
  return migrations.filter((m) => !done.has(m.name));
}

async function applySqlite(url: string, migrations: Migration[]): Promise<string[]> {
  const file = sqlitePath(url);
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const { sqliteAdapterFactory } = await import("./sqlite-connection.ts");
  const db = await sqliteAdapterFactory(`file:${file}`).connect(); // WAL is set on the file when it opens
  const query = async (sql: string) => {
    const { columnNames, rows } = await db.queryRaw({ sql, args: [], argTypes: [] });
    return rows.map((r) => Object.fromEntries(columnNames.map((c, i) => [c, r[i]])));
  };
  try {
    await db.executeScript(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
      "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
      "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`);
    const rows = await query(
      `SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const todo = pending(migrations, rows as { migration_name: string; checksum: string }[]);
    for (const m of todo) {
      // The script and its bookkeeping row commit together (values are ours: a uuid, hex, a folder name).
      const record = `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
        VALUES ('${crypto.randomUUID()}', '${m.checksum}', '${new Date().toISOString()}', '${m.name.replace(/'/g, "''")}', 1);`;
      try {
        await db.executeScript(`BEGIN IMMEDIATE;\n${m.sql}\n${record}\nCOMMIT;`);
      } catch (e) {
        await db.executeScript("ROLLBACK").catch(() => {}); // a failed script stops inside its transaction
        throw new Error(`Migration ${m.name} failed: ${(e as Error).message}`, { cause: e });
      }
    }
    return todo.map((m) => m.name);
  } finally {
    await db.dispose();
  }
}

async function applyPostgres(url: string, migrations: Migration[]): Promise<string[]> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PG_LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS _prisma_migrations (
      id VARCHAR(36) PRIMARY KEY NOT NULL, checksum VARCHAR(64) NOT NULL, finished_at TIMESTAMPTZ,
      migration_name VARCHAR(255) NOT NULL, logs TEXT, rolled_back_at TIMESTAMPTZ,
      started_at TIMESTAMPTZ NOT NULL DEFAULT now(), applied_steps_count INTEGER NOT NULL DEFAULT 0)`);
    const rows = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const todo = pending(migrations, rows.rows);
    for (const m of todo) {
      // One transaction per migration: a failed script leaves no half-applied schema behind.
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(
          `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)`,
          [crypto.randomUUID(), m.checksum, m.name],
        );
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK");
        throw new Error(`Migration ${m.name} failed: ${(e as Error).message}`, { cause: e });
      }
    }
    return todo.map((m) => m.name);
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [PG_LOCK_KEY]).catch(() => {});
    await client.end();
  }
}
