// Prisma client factory: one models file, two generated clients, picked from the URL scheme.
// App code is typed against the SQLite client; the PostgreSQL client is structurally the same.
import type { PrismaClient } from "../generated/sqlite/client.ts";

export type Db = PrismaClient;
export type DbProvider = "sqlite" | "postgres";

export function providerOf(url: string): DbProvider {
  return /^postgres(ql)?:\/\//.test(url) ? "postgres" : "sqlite";
}

/** The SQLite file path of a file: URL (relative paths are relative to the working directory). */
export function sqlitePath(url: string): string {
  return url.replace(/^file:/, "").replace(/\?.*$/, "");
}

export async function createDb(url: string): Promise<Db> {
  if (providerOf(url) === "postgres") {
    const { PrismaClient: PgClient } = await import("../generated/postgres/client.ts");
    const { PrismaPg } = await import("@prisma/adapter-pg");
    return new PgClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }) }) as unknown as Db;
  }
  const { PrismaClient: SqliteClient } = await import("../generated/sqlite/client.ts");
  const { PrismaLibSql } = await import("@prisma/adapter-libsql");
  // The adapter serialises statements in-process; the busy timeout covers other processes
  // (a second instance, the migration step) holding the write lock for a moment. @libsql/client opens
  // a new connection after every transaction, so per-connection PRAGMAs do not stick: synchronous stays
  // at SQLite's default, FULL (README "SQLite settings"), and the timeout must come from here.
  return new SqliteClient({ adapter: new PrismaLibSql({ url, timeout: 5000 }) });
}
