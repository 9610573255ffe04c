// Prisma CLI config. The native schema engine cannot be downloaded on our machines: `prisma generate`
// only needs *some* file at this path, and `prisma migrate|db` then fail loudly instead of silently
// doing nothing. Migrations are created by scripts/migrate.ts (WASM engine) and applied on start by
// src/store/migrations.ts.
import path from "node:path";
import { defineConfig } from "prisma/config";

process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= "/bin/false";

const url = process.env.DATABASE_URL ?? "file:./data/parley.db";
const provider = process.env.DB_PROVIDER ?? (/^postgres(ql)?:\/\//.test(url) ? "postgres" : "sqlite");

export default defineConfig({
  schema: path.join("prisma", provider),
  migrations: { path: path.join("prisma", provider, "migrations") },
  datasource: { url },
});
