// Site registration at the service level (the admin routes that call it need the moderator roles).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZCreateSite, ZUpdateSite } from "../../src/http/embed-schemas.ts";
import { validate } from "../../src/http/validate.ts";
import { createSite } from "../../src/services/sites/create-site.ts";
import { listSites } from "../../src/services/sites/list-sites.ts";
import { updateSite } from "../../src/services/sites/update-site.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { testProviders } from "../support/test-db.ts";

describe.each(testProviders())("sites on %s", (provider) => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp(provider); });
  afterAll(async () => t?.close());

  it("registers a site with canonical origins and lists it after the default site", async () => {
    const input = validate(ZCreateSite, { name: "Gazette", allowedOrigins: ["https://Gazette.example/", "http://localhost:8080"] });
    const site = await createSite(t.deps, input);
    expect(site).toMatchObject({ name: "Gazette", allowedOrigins: ["https://gazette.example", "http://localhost:8080"], threadCount: 0 });
    expect(site.id).toMatch(/^[a-z0-9]{20,}$/);
    const sites = await listSites(t.deps);
    expect(sites.map((s) => s.id)).toEqual(["default", site.id]);
    expect(sites[0]).toMatchObject({ name: "Parley", allowedOrigins: [], threadCount: 2 });
  });

  it("renames a site and replaces its origins, leaving what was not sent", async () => {
    const site = await createSite(t.deps, { name: "Old", allowedOrigins: ["https://a.example"] });
    const renamed = await updateSite(t.deps, site.id, validate(ZUpdateSite, { name: "New" }));
    expect(renamed).toMatchObject({ name: "New", allowedOrigins: ["https://a.example"] });
    const moved = await updateSite(t.deps, site.id, validate(ZUpdateSite, { allowedOrigins: ["https://b.example"] }));
    expect(moved).toMatchObject({ name: "New", allowedOrigins: ["https://b.example"] });
    const cleared = await updateSite(t.deps, site.id, validate(ZUpdateSite, { allowedOrigins: [] }));
    expect(cleared.allowedOrigins).toEqual([]);
  });

  it("refuses bad input with the field named, and unknown sites", async () => {
    expect(() => validate(ZCreateSite, { name: "X", allowedOrigins: ["https://a.example/blog"] })).toThrow(expect.objectContaining({ code: "VALIDATION", field: "allowedOrigins.0" }));
    expect(() => validate(ZCreateSite, { name: " ", allowedOrigins: [] })).toThrow(expect.objectContaining({ field: "name" }));
    expect(() => validate(ZCreateSite, { name: "X", allowedOrigins: "https://a.example" })).toThrow(expect.objectContaining({ field: "allowedOrigins" }));
    expect(() => validate(ZUpdateSite, {})).toThrow(expect.objectContaining({ code: "VALIDATION" }));
    await expect(updateSite(t.deps, "missing", { name: "X" })).rejects.toMatchObject({ code: "SITE_NOT_FOUND", status: 404 });
  });
});
