// Site registration through the admin API (admin role + CSRF), and its effect on the CORS gate.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAs, type SignedIn } from "../support/moderators.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { testProviders } from "../support/test-db.ts";

describe.each(testProviders())("sites admin API on %s", (provider) => {
  let t: TestApp;
  let admin: SignedIn;
  beforeAll(async () => {
    t = await createTestApp(provider);
    admin = await signInAs(t, "admin");
  });
  afterAll(async () => t?.close());

  const as = (who: SignedIn, method: "get" | "post" | "patch", path: string) =>
    request(t.app)[method](path).set("Cookie", who.cookie).set("X-CSRF-Token", who.csrfToken);

  it("registers a site with canonical origins and lists it after the default site", async () => {
    const created = await as(admin, "post", "/api/admin/sites")
      .send({
        name: " Gazette ",
        allowedOrigins: ["https://Gazette.example/", "http://localhost:8080", "https://gazette.example"],
      })
      .expect(201);
    expect(created.body.site).toMatchObject({
      name: "Gazette",
      allowedOrigins: ["https://gazette.example", "http://localhost:8080"],
      threadCount: 0,
    });
    const list = await as(admin, "get", "/api/admin/sites").expect(200);
    expect(list.body.sites.map((s: { id: string }) => s.id)).toEqual(["default", created.body.site.id]);
    expect(list.body.sites[0]).toMatchObject({ name: "Parley", allowedOrigins: [], threadCount: 2 });
  });

  it("renames a site and replaces its origins; the CORS gate follows at once", async () => {
    const { body } = await as(admin, "post", "/api/admin/sites")
      .send({ name: "Old", allowedOrigins: ["https://a.example"] })
      .expect(201);
    const id = body.site.id;
    const probe = (origin: string) =>
      request(t.app).get("/api/embed/counts").query({ site: id, pages: "x" }).set("Origin", origin);
    await probe("https://b.example").expect(403);

    expect(
      (await as(admin, "patch", `/api/admin/sites/${id}`).send({ name: "New" }).expect(200)).body.site,
    ).toMatchObject({ name: "New", allowedOrigins: ["https://a.example"] });
    expect(
      (
        await as(admin, "patch", `/api/admin/sites/${id}`)
          .send({ allowedOrigins: ["https://b.example"] })
          .expect(200)
      ).body.site,
    ).toMatchObject({ name: "New", allowedOrigins: ["https://b.example"] });
    await probe("https://b.example").expect(200);
    await probe("https://a.example").expect(403);
  });

  it("refuses bad input with the field named, unknown sites, and changes nothing", async () => {
    const before = await t.deps.db.site.count();
    const bad = async (body: object, field: string) => {
      const res = await as(admin, "post", "/api/admin/sites").send(body).expect(422);
      expect(res.body.error).toMatchObject({ code: "VALIDATION", field });
    };
    await bad({ name: "X", allowedOrigins: ["https://a.example/blog"] }, "allowedOrigins.0");
    await bad({ name: "X", allowedOrigins: ["https://ok.example", "*.example.com"] }, "allowedOrigins.1");
    await bad({ name: "X", allowedOrigins: "https://a.example" }, "allowedOrigins");
    await bad({ name: " ", allowedOrigins: [] }, "name");
    expect(await t.deps.db.site.count()).toBe(before);
    await as(admin, "patch", "/api/admin/sites/default").send({}).expect(422);
    expect((await as(admin, "patch", "/api/admin/sites/missing").send({ name: "X" }).expect(404)).body.error.code).toBe(
      "SITE_NOT_FOUND",
    );
  });

  it("is for admins only, and writes need the CSRF header", async () => {
    const mod = await signInAs(t, "moderator");
    expect((await as(mod, "get", "/api/admin/sites").expect(403)).body.error.code).toBe("FORBIDDEN");
    await request(t.app).get("/api/admin/sites").expect(401);
    const res = await request(t.app)
      .post("/api/admin/sites")
      .set("Cookie", admin.cookie)
      .send({ name: "No CSRF", allowedOrigins: [] })
      .expect(403);
    expect(res.body.error.code).toBe("CSRF_FAILED");
  });
});
