// An import killed with SIGKILL mid-file and run again: the second run finishes the job, nothing is
// written twice, thread counts agree with the rows, and at the moment of the kill no post's comments
// were half-written (each post's comments are written in one transaction).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { generateWxr } from "../../bench/generate-wxr.ts";
import { createDb, type Db } from "../../src/store/client.ts";
import { createTestDatabase, testProviders, type TestDatabase } from "../support/test-db.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const COMMENTS = 6000;
const PER_POST = 50;

function startImport(
  url: string,
  file: string,
): { child: ChildProcess; exited: Promise<number | null>; output: () => string } {
  let output = "";
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "scripts/import.ts", "--format", "wordpress", "--file", file, "--as", "pages"],
    {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: "silent", LINK_CHECK_ENABLED: "false" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function perThread(db: Db) {
  const groups = await db.comment.groupBy({ by: ["threadId"], _count: { _all: true } });
  return groups.map((g) => g._count._all);
}

describe.each(testProviders())("import killed mid-file on %s", (provider) => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const f of cleanup.reverse()) await f();
  });

  it("resumes with no duplicates and no half-written thread", { timeout: 300_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-import-kill-"));
    cleanup.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, "big.xml");
    await generateWxr(file, COMMENTS, PER_POST);
    const test: TestDatabase = await createTestDatabase(provider);
    cleanup.push(() => test.drop());

    const first = startImport(test.url, file);
    cleanup.push(async () => first.child.kill("SIGKILL"));
    let db: Db | null = null;
    // Wait for the first batches to land (the schema exists once the CLI has migrated it).
    for (let written = 0; written < 600; await new Promise((r) => setTimeout(r, 100))) {
      if (first.child.exitCode !== null) throw new Error(`import ended before it could be killed:\n${first.output()}`);
      try {
        db ??= await createDb(test.url);
        written = await db.comment.count();
      } catch {
        written = 0; // not migrated yet
      }
    }
    first.child.kill("SIGKILL");
    expect(await first.exited).toBeNull();
    cleanup.push(async () => db!.$disconnect());

    const killedAt = await db!.comment.count();
    expect(killedAt).toBeLessThan(COMMENTS);
    // Every post that has comments has all of them: no thread was written half-way.
    expect(new Set(await perThread(db!))).toEqual(new Set([PER_POST]));

    const second = startImport(test.url, file);
    expect(await second.exited).toBe(0);
    expect(second.output()).toContain(`${COMMENTS - killedAt} written, ${killedAt} already imported`);
    expect(await db!.comment.count()).toBe(COMMENTS);
    const keys = await db!.comment.groupBy({
      by: ["threadId", "importKey"],
      _count: { _all: true },
      having: { importKey: { _count: { gt: 1 } } },
    });
    expect(keys).toEqual([]);
    const threads = await db!.thread.findMany({ select: { id: true, publishedCount: true } });
    expect(threads).toHaveLength(COMMENTS / PER_POST);
    for (const t of threads) {
      expect(t.publishedCount).toBe(await db!.comment.count({ where: { threadId: t.id, status: "published" } }));
    }
  });
});
