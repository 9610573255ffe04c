// The console's import and export API: an admin uploads an export file (the body is the file), polls
// the job to its summary, and downloads exports; moderators and strangers get nothing.
import fs from "node:fs";
import path from "node:path";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createImportJobs, IMPORT_JOB_STALE_MS, INTERRUPTED_MESSAGE } from "../../src/import/import-jobs.ts";
import { createImportJob } from "../../src/store/imports.ts";
import { signInAs, type SignedIn } from "../support/moderators.ts";
import { registerTestSite } from "../support/sites.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { testProviders } from "../support/test-db.ts";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/import");

describe.each(testProviders())("import and export API on %s", (provider) => {
  let t: TestApp;
  let admin: SignedIn;
  let moderator: SignedIn;
  beforeAll(async () => {
    t = await createTestApp(provider, { IMPORT_MAX_UPLOAD_MB: "1" });
    admin = await signInAs(t, "admin");
    moderator = await signInAs(t, "moderator");
  });
  afterAll(async () => t?.close());

  const upload = (who: SignedIn, query: Record<string, string>, body: Buffer) =>
    request(t.app)
      .post("/api/admin/imports")
      .query(query)
      .set("Cookie", who.cookie)
      .set("X-CSRF-Token", who.csrfToken)
      .set("Content-Type", "application/octet-stream")
      .send(body);

  async function finished(id: string) {
    for (;;) {
      const { body } = await request(t.app).get(`/api/admin/imports/${id}`).set("Cookie", admin.cookie).expect(200);
      if (body.job.status !== "running") return body.job;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it("imports an uploaded Disqus export in the background and reports the summary", async () => {
    const site = await registerTestSite(t, ["https://blog.example"]);
    const res = await upload(
      admin,
      { format: "disqus", site: site.id, name: "disqus.xml" },
      fs.readFileSync(path.join(FIXTURES, "disqus.xml")),
    ).expect(202);
    expect(res.body.job).toMatchObject({
      status: "running",
      fileName: "disqus.xml",
      format: "disqus",
      siteId: site.id,
    });
    const job = await finished(res.body.job.id);
    expect(job).toMatchObject({ status: "done", error: null, summary: { comments: { written: 7 } } });
    expect(job.progress).toMatchObject({
      commentsWritten: 7,
      totalBytes: fs.statSync(path.join(FIXTURES, "disqus.xml")).size,
    });
    expect(job.report[0]).toMatch(/^Import finished: disqus → site /);
    expect(job.report.some((l: string) => l.includes("orphan-reply (id 9007, line"))).toBe(true);
    const list = await request(t.app).get("/api/admin/imports").set("Cookie", admin.cookie).expect(200);
    expect(list.body.jobs[0].id).toBe(job.id);
  });

  it("keeps jobs in the database: another instance shows them, and a job whose instance died is interrupted", async () => {
    const res = await upload(
      admin,
      { format: "disqus", site: "default", name: "again.xml", dryRun: "true" },
      fs.readFileSync(path.join(FIXTURES, "disqus.xml")),
    ).expect(202);
    await finished(res.body.job.id);
    // A second instance (nothing in its memory) reads the same job, summary and report from the database.
    const elsewhere = createImportJobs(t.deps);
    expect(await elsewhere.get(res.body.job.id)).toMatchObject({ status: "done", fileName: "again.xml", dryRun: true });
    expect((await elsewhere.list()).map((j) => j.id)).toContain(res.body.job.id);
    // A job left "running" by an instance that stopped refreshing it is reported as interrupted.
    const then = new Date(t.deps.clock.now().getTime() - IMPORT_JOB_STALE_MS - 1_000);
    await createImportJob(t.deps.db, {
      id: "crashed-job-1",
      siteId: "default",
      fileName: "big.xml",
      format: "wordpress",
      dryRun: false,
      status: "running",
      startedAt: then,
      heartbeatAt: then,
    });
    const { body } = await request(t.app)
      .get("/api/admin/imports/crashed-job-1")
      .set("Cookie", admin.cookie)
      .expect(200);
    expect(body.job).toMatchObject({ status: "interrupted", error: INTERRUPTED_MESSAGE, finishedAt: null });
    await request(t.app).get("/api/admin/imports/no-such-job").set("Cookie", admin.cookie).expect(404);
  });

  it("fails a job clearly for a file that is not an export, writing nothing; refuses files over the limit", async () => {
    const before = await t.deps.db.comment.count();
    const res = await upload(admin, { format: "wordpress" }, Buffer.from("name,email\nann,ann@example.com\n")).expect(
      202,
    );
    const job = await finished(res.body.job.id);
    expect(job.status).toBe("failed");
    expect(job.error).toMatch(/not an XML export.*Nothing was written\./);
    expect(await t.deps.db.comment.count()).toBe(before);
    const big = await upload(admin, { format: "wordpress" }, Buffer.alloc(1024 * 1024 + 10, 32)).expect(413);
    expect(big.body.error.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("is for admins only, with the CSRF header on the upload", async () => {
    await upload(moderator, { format: "wordpress" }, Buffer.from("<rss/>")).expect(403);
    await request(t.app)
      .post("/api/admin/imports")
      .query({ format: "wordpress" })
      .set("Cookie", admin.cookie)
      .send("<rss/>")
      .expect(403);
    await request(t.app).get("/api/admin/exports").expect(401);
    await request(t.app).get("/api/admin/exports").set("Cookie", moderator.cookie).expect(403);
  });

  it("downloads a site's export as Parley JSON Lines and as WXR", async () => {
    const parley = await request(t.app)
      .get("/api/admin/exports")
      .query({ site: "default", format: "parley" })
      .set("Cookie", admin.cookie)
      .buffer(true)
      .parse((res, cb) => {
        let data = "";
        res.on("data", (c: Buffer) => (data += c.toString()));
        res.on("end", () => cb(null, data));
      })
      .expect(200);
    expect(parley.headers["content-type"]).toMatch(/^application\/x-ndjson/);
    expect(parley.headers["content-disposition"]).toMatch(
      /^attachment; filename="parley-default-\d{4}-\d{2}-\d{2}\.parley\.jsonl"$/,
    );
    const lines = String(parley.body)
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ type: "header", site: { id: "default" } });
    expect(lines.filter((l) => l.type === "thread").length).toBe(2); // the two demo articles
    const wxr = await request(t.app)
      .get("/api/admin/exports")
      .query({ site: "default", format: "wxr" })
      .set("Cookie", admin.cookie)
      .expect(200);
    expect(wxr.headers["content-type"]).toMatch(/^application\/rss\+xml/);
    expect(wxr.text ?? String(wxr.body)).toBeTruthy();
    await request(t.app).get("/api/admin/exports").query({ site: "nope" }).set("Cookie", admin.cookie).expect(404);
  });
});
