// Offline Prisma Migrate (adapted from shared/prisma-offline): drives @prisma/schema-engine-wasm through a
// driver adapter and writes the standard prisma/<provider>/migrations/<timestamp>_<name>/migration.sql
// layout, exactly like `prisma migrate dev`. A developer tool: the server applies migrations on start
// with src/store/migrations.ts and does not load the WASM engine.
//   DATABASE_URL=file:/tmp/gen.db npm run db:migrate -- --name <n>         (SQLite)
//   DATABASE_URL=postgresql://postgres@127.0.0.1/parley_gen npm run db:migrate -- --name <n>
//   tsx scripts/migrate.ts deploy | status | diff [--from-empty] [--exit-code]
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { createRequire } from "node:module";
import { spawnSync } from "node:child_process";
import pg from "pg";
import { loadConfigFromFile } from "@prisma/config";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import * as bg from "@prisma/schema-engine-wasm/schema_engine_bg";

const require = createRequire(import.meta.url);

async function loadSchemaEngine() {
  const dir = path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
  const module = new WebAssembly.Module(await fsp.readFile(path.join(dir, "schema_engine_bg.wasm")));
  const instance = new WebAssembly.Instance(module, { "./schema_engine_bg.js": bg });
  (bg as unknown as { __wbg_set_wasm(exports: WebAssembly.Exports): void }).__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
  return bg.SchemaEngine;
}

function bindMethods<T extends object>(target: T, overrides: Partial<T>): T {
  return new Proxy(target, {
    get(t, k) {
      if (k in overrides) return Reflect.get(overrides, k) as unknown;
      const v = Reflect.get(t, k) as unknown;
      return typeof v === "function" ? (v as (...args: unknown[]) => unknown).bind(t) : v;
    },
  });
}

// ---- driver adapters, with work-arounds for bugs on the WASM-engine path ---------------------------
async function sqliteAdapter(url: string): Promise<SqlMigrationAwareDriverAdapterFactory> {
  const f: SqlMigrationAwareDriverAdapterFactory = new (
    await import("@prisma/adapter-better-sqlite3")
  ).PrismaBetterSqlite3({ url });
  // The engine replays migrations into the SQLite shadow DB with executeRaw(): better-sqlite3 rejects
  // multi-statement SQL. Use executeScript() instead.
  return bindMethods(f, {
    async connectToShadowDb() {
      const a = await f.connectToShadowDb();
      return bindMethods(a, {
        async executeRaw(q) {
          if (q.args.length === 0) {
            await a.executeScript(q.sql);
            return 0;
          }
          return a.executeRaw(q);
        },
      });
    },
  });
}

async function postgresAdapter(url: string): Promise<SqlMigrationAwareDriverAdapterFactory> {
  const { PrismaPg } = await import("@prisma/adapter-pg");
  // adapter-pg cannot map the catalog type "char" (OID 18) used by the engine's introspection
  // queries (pg_class.relkind ...): report it as text.
  type Fields = { dataTypeID: number }[];
  const Result = require("pg/lib/result.js") as { prototype: { addFields(fields: Fields): void } };
  const addFields = Result.prototype.addFields;
  Result.prototype.addFields = function (fields: Fields) {
    for (const f of fields) if (f.dataTypeID === 18) f.dataTypeID = 25;
    return addFields.call(this, fields);
  };
  const u = new URL(url);
  const cfg = {
    host: u.hostname,
    port: u.port ? Number(u.port) : 5432,
    database: decodeURIComponent(u.pathname.slice(1)),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
  };
  // Discrete fields, not connectionString: adapter-pg's connectToShadowDb() does
  // new Pool({...config, database: shadow}) and pg lets connectionString override `database`.
  // It also drops the shadow DB before closing its pool, which fails; so create/drop it here.
  const factory = new PrismaPg(cfg);
  return bindMethods(factory as SqlMigrationAwareDriverAdapterFactory, {
    async connectToShadowDb() {
      const name = `prisma_migrate_shadow_db_${crypto.randomUUID()}`;
      const admin = new pg.Client(cfg);
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      const shadow = await new PrismaPg({ ...cfg, database: name }).connect();
      return bindMethods(shadow, {
        async dispose() {
          await shadow.dispose();
          await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
          await admin.end();
        },
      });
    },
  });
}

// ---- migrations directory, same format as the Prisma CLI ------------------------------------------
function readSchemaFiles(p: string): [string, string][] {
  if (fs.statSync(p).isFile()) return [[path.resolve(p), fs.readFileSync(p, "utf8")]];
  const out: [string, string][] = [];
  for (const name of fs.readdirSync(p).sort()) {
    const full = path.join(p, name);
    const st = fs.statSync(full); // follows symlinks (prisma/<provider>/models.prisma -> ../models.prisma)
    if (st.isDirectory()) {
      if (name !== "migrations") out.push(...readSchemaFiles(full));
    } else if (name.endsWith(".prisma")) out.push([path.resolve(full), fs.readFileSync(full, "utf8")]);
  }
  return out;
}

async function migrationsList(baseDir: string, shadowDbInitScript: string) {
  const lockfile = {
    path: "migration_lock.toml",
    content: await fsp.readFile(path.join(baseDir, "migration_lock.toml"), "utf8").catch(() => null),
  };
  const entries = await fsp.readdir(baseDir, { withFileTypes: true }).catch(() => [] as fs.Dirent[]);
  const migrationDirectories = [];
  for (const d of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const content = await fsp.readFile(path.join(baseDir, d.name, "migration.sql"), "utf8").then(
      (value) => ({ tag: "ok" as const, value }),
      (e: Error) => ({ tag: "error" as const, value: e.message }),
    );
    migrationDirectories.push({ path: d.name, migrationFile: { path: "migration.sql", content } });
  }
  return { baseDir, lockfile, migrationDirectories, shadowDbInitScript };
}

async function main() {
  const [cmd, ...args] = process.argv.slice(2);
  const flag = (f: string) => args.includes(f);
  const opt = (f: string) => {
    const i = args.indexOf(f);
    return i >= 0 ? args[i + 1] : undefined;
  };

  const { config, error } = await loadConfigFromFile({});
  if (error || !config) throw new Error(`cannot load prisma.config.ts: ${JSON.stringify(error)}`);
  const url = config.datasource?.url;
  if (!url) throw new Error("datasource.url is not set in prisma.config.ts");
  const schemaPath = config.schema ?? "prisma/schema.prisma";
  const migrationsDir = path.resolve(config.migrations?.path ?? path.join(path.dirname(schemaPath), "migrations"));
  const files = readSchemaFiles(schemaPath);
  const schema = { files: files.map(([p, content]) => ({ path: p, content })) };
  const filters = { externalTables: config.tables?.external ?? [], externalEnums: config.enums?.external ?? [] };
  const list = () => migrationsList(migrationsDir, config.migrations?.initShadowDb ?? "");

  const SchemaEngine = await loadSchemaEngine();
  const connections: { dispose(): Promise<void> }[] = [];
  const factory = /^postgres(ql)?:\/\//.test(url) ? await postgresAdapter(url) : await sqliteAdapter(url);
  const tracked = bindMethods(factory, {
    async connect() {
      const c = await factory.connect();
      connections.push(c);
      return c;
    },
  });
  const log = (m: string) => {
    if (process.env.DEBUG_SCHEMA_ENGINE) process.stderr.write(m + "\n");
  };
  const engine = await SchemaEngine.new({ datamodels: files }, log, bindMigrationAwareSqlAdapterFactory(tracked));
  const close = async () => {
    engine.free();
    for (const c of connections.splice(0)) await c.dispose().catch(() => {});
  };

  try {
    switch (cmd) {
      case "deploy": {
        const r = await engine.applyMigrations({ migrationsList: await list(), filters });
        console.log(
          r.appliedMigrationNames.length
            ? `Applied: ${r.appliedMigrationNames.join(", ")}`
            : "No pending migrations to apply.",
        );
        break;
      }
      case "status": {
        const r = await engine.diagnoseMigrationHistory({
          migrationsList: await list(),
          optInToShadowDatabase: false,
          filters,
        });
        console.log(JSON.stringify(r, null, 2));
        if (r.history || r.failedMigrationNames.length || r.editedMigrationNames.length) process.exitCode = 1;
        break;
      }
      case "dev": {
        const ml = await list();
        // devDiagnostic fails with P1014 when _prisma_migrations is missing (fresh SQLite DB);
        // applying an empty migration list creates that table and nothing else.
        await engine.applyMigrations({ migrationsList: { ...ml, migrationDirectories: [] }, filters });
        const diag = await engine.devDiagnostic({ migrationsList: ml, filters });
        if (diag.action.tag === "reset") {
          console.error(diag.action.reason);
          if (!flag("--reset")) {
            console.error("Database must be reset: re-run with --reset (all data will be lost).");
            process.exitCode = 130;
            break;
          }
          if (factory.provider === "sqlite") {
            // engine.reset() does not drop anything on SQLite via adapters: delete the file instead
            await close();
            const file = url.replace(/^file:/, "").replace(/\?.*$/, "");
            for (const f of [file, `${file}-journal`, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
            const argv = process.argv.slice(1).filter((a) => a !== "--reset");
            process.exit(spawnSync(process.execPath, [...process.execArgv, ...argv], { stdio: "inherit" }).status ?? 1);
          }
          await engine.reset({ filter: filters });
        }
        const pending = await engine.applyMigrations({ migrationsList: ml, filters });
        if (pending.appliedMigrationNames.length) {
          console.log(`Applied pending: ${pending.appliedMigrationNames.join(", ")}`);
          // After applying migrations, shadow-DB commands in this WASM instance fail with "shadow DB
          // must be provided through an external factory" (even on a new engine): release the
          // connections/locks and continue in a fresh process.
          await close();
          const r = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: "inherit" });
          process.exit(r.status ?? 1);
        }
        const loss = await engine.evaluateDataLoss({ migrationsList: ml, schema, filters });
        if (loss.unexecutableSteps.length) throw new Error(loss.unexecutableSteps.map((s) => s.message).join("\n"));
        for (const w of loss.warnings) console.warn(`warning: ${w.message}`);
        if (loss.warnings.length && !flag("--accept-data-loss")) {
          console.error("Re-run with --accept-data-loss.");
          process.exitCode = 1;
          break;
        }
        if (loss.migrationSteps === 0 && !flag("--create-only")) {
          console.log("Already in sync, no schema change or pending migration was found.");
          break;
        }
        const name = (opt("--name") ?? "migration").replace(/[^A-Za-z0-9_]+/g, "_");
        const created = await engine.createMigration({
          draft: flag("--create-only"),
          migrationName: name,
          migrationsList: ml,
          schema,
          filters,
        });
        if (created.migrationScript === null) {
          console.log("No changes.");
          break;
        }
        const dir = path.join(migrationsDir, created.generatedMigrationName); // "<timestamp>_<name>"
        await fsp.mkdir(dir, { recursive: true });
        await fsp.writeFile(path.join(dir, `migration.${created.extension}`), created.migrationScript);
        await fsp.writeFile(
          path.join(migrationsDir, "migration_lock.toml"),
          `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${created.connectorType}"\n`,
        );
        console.log(`Created ${path.relative(process.cwd(), dir)}/migration.${created.extension}`);
        if (!flag("--create-only")) {
          const r = await engine.applyMigrations({ migrationsList: await list(), filters });
          console.log(`Applied: ${r.appliedMigrationNames.join(", ")}`);
        }
        break;
      }
      case "diff": {
        const from = flag("--from-empty")
          ? { tag: "empty" as const }
          : { tag: "migrations" as const, ...(await list()) };
        const r = await engine.diff({
          from,
          to: { tag: "schemaDatamodel", ...schema },
          script: true,
          exitCode: flag("--exit-code"),
          filters,
        });
        if (r.stdout) process.stdout.write(r.stdout);
        process.exitCode = r.exitCode;
        break;
      }
      case "push": {
        const r = await engine.schemaPush({ force: flag("--accept-data-loss"), schema, filters });
        for (const w of r.warnings) console.warn(`warning: ${w}`);
        if (r.unexecutable.length) {
          console.error(r.unexecutable.join("\n"));
          process.exitCode = 1;
        }
        console.log(`Executed ${r.executedSteps} step(s).`);
        break;
      }
      default:
        throw new Error(`usage: migrate.ts deploy|dev|status|diff|push (got ${cmd})`);
    }
  } finally {
    await close();
  }
}

// Exit explicitly: the WASM engine can leave a 60 s timer pending (seen with the 6.19 CLI as well).
main().then(
  () => process.exit(process.exitCode ?? 0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
