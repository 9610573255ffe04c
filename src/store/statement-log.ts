// Wraps a driver adapter so every statement it sends to the database is reported, BEGIN and COMMIT
// included: the deterministic measure behind "statements per post" (bench/statements.ts), independent
// of the machine's load; tests/integration/group-commit.test.ts counts BEGINs with it.
import type { SqlDriverAdapter, SqlDriverAdapterFactory, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";

export type OnStatement = (sql: string) => void;

export function logStatements(factory: SqlDriverAdapterFactory, onStatement: OnStatement): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => wrapAdapter(await factory.connect(), onStatement),
  };
}

function wrapAdapter(adapter: SqlDriverAdapter, on: OnStatement): SqlDriverAdapter {
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (q: SqlQuery) => (on(q.sql), adapter.queryRaw(q)),
    executeRaw: (q: SqlQuery) => (on(q.sql), adapter.executeRaw(q)),
    executeScript: (script: string) => (on(script), adapter.executeScript(script)),
    startTransaction: async (level) => (on("BEGIN"), wrapTransaction(await adapter.startTransaction(level), on)),
    getConnectionInfo: adapter.getConnectionInfo?.bind(adapter),
    dispose: () => adapter.dispose(),
  };
}

function wrapTransaction(tx: Transaction, on: OnStatement): Transaction {
  // With a "phantom" COMMIT/ROLLBACK (SQLite) the driver sends it in commit()/rollback(); otherwise
  // (PostgreSQL) Prisma sends it through executeRaw first and commit() only releases the connection.
  const phantom = tx.options.usePhantomQuery;
  return {
    provider: tx.provider,
    adapterName: tx.adapterName,
    options: tx.options,
    queryRaw: (q) => (on(q.sql), tx.queryRaw(q)),
    executeRaw: (q) => (on(q.sql), tx.executeRaw(q)),
    commit: () => (phantom && on("COMMIT"), tx.commit()),
    rollback: () => (phantom && on("ROLLBACK"), tx.rollback()),
    createSavepoint: tx.createSavepoint && ((name) => (on(`SAVEPOINT ${name}`), tx.createSavepoint!(name))),
    rollbackToSavepoint:
      tx.rollbackToSavepoint && ((name) => (on(`ROLLBACK TO ${name}`), tx.rollbackToSavepoint!(name))),
    releaseSavepoint: tx.releaseSavepoint && ((name) => (on(`RELEASE ${name}`), tx.releaseSavepoint!(name))),
  };
}
