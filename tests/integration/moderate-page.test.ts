// GET /moderate: the console's shell. It carries no data (the API behind it checks the session),
// so anyone gets the same page, with the strict CSP, no caching and no indexing.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/test-app.ts";

describe("GET /moderate", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp("sqlite");
  });
  afterAll(async () => t?.close());

  it("serves the console shell with the strict CSP, no-store and noindex", async () => {
    const res = await request(t.app).get("/moderate").expect(200).expect("Content-Type", /html/);
    const csp = String(res.headers["content-security-policy"]);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.text).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(res.text).toContain('<script type="module" src="/static/js/moderate.js"></script>');
    expect(res.text).toContain('<link rel="stylesheet" href="/static/css/moderate.css">');
    expect(res.text).toContain('<form id="login-form"');
    expect(res.text).toContain('aria-live="polite"');
    // No inline script or style for the CSP to block, and no data in the shell.
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(res.text).not.toMatch(/<style|\sstyle="/);
  });

  it("serves the console's bundle (built from src/client/console) and stylesheet", async () => {
    const js = await request(t.app)
      .get("/static/js/moderate.js")
      .expect(200)
      .expect("Content-Type", /javascript/);
    expect(js.text).toContain("/api/moderation/queue");
    expect(js.text).toMatch(/\/\/# sourceMappingURL=moderate\.js\.map/);
    await request(t.app).get("/static/css/moderate.css").expect(200);
  });
});
