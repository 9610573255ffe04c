// A thread of more comments than one export page (1,200 here) exports whole in both formats. Pages of
// 1,000 bound more values than SQLite allows (Prisma loads a page's revisions and links by its ids), and
// the download, already answered 200, stopped after the thread's first line.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateWxr } from "../../bench/generate-wxr.ts";
import { exportParley } from "../../src/import/export-parley.ts";
import { exportWxr } from "../../src/import/export-wxr.ts";
import { runImport } from "../../src/import/run-import.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { testProviders } from "../support/test-db.ts";

const COMMENTS = 1200;

async function collect(gen: AsyncIterable<string>): Promise<string> {
  let out = "";
  for await (const s of gen) out += s;
  return out;
}

describe.each(testProviders())("export of a large thread on %s", (provider) => {
  let t: TestApp;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "parley-export-"));
  beforeAll(async () => {
    t = await createTestApp(provider);
    const file = path.join(dir, "large.xml");
    await generateWxr(file, COMMENTS, COMMENTS);
    const input = { chunks: fs.createReadStream(file), totalBytes: fs.statSync(file).size };
    const summary = await runImport(t.deps, input, { format: "wordpress", siteId: "default", as: "articles" });
    expect(summary.comments.written).toBe(COMMENTS);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(`exports all ${COMMENTS} comments of one thread (and its pingback)`, { timeout: 120_000 }, async () => {
    const stored = await t.deps.db.comment.count();
    expect(stored).toBe(COMMENTS + 1);
    const parley = (await collect(exportParley(t.deps, "default"))).trimEnd().split("\n");
    expect(parley.filter((l) => (JSON.parse(l) as { type: string }).type === "comment")).toHaveLength(stored);
    const wxr = await collect(exportWxr(t.deps, "default"));
    expect(wxr.split("<wp:comment>").length - 1).toBe(stored);
  });
});
