// Crafted cursors and ids a signed-in moderator's client (or anyone's socket) can send: a NUL in an
// id, dates PostgreSQL cannot hold (year −271821) or SQLite compares as text (+275760), ids of odd
// shape in bodies and queries. Each is refused at the edge (422 naming the field / a VALIDATION ack),
// never a 500, on SQLite and PostgreSQL; then a fuzz run mixes these shapes into every moderator route.
import fc from "fast-check";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAs, type SignedIn } from "../support/moderators.ts";
import { startLiveApp, type LiveApp } from "../support/realtime-app.ts";
import { CRAFTED_CURSORS, CRAFTED_IDS } from "../support/crafted-input.ts";
import { connectClient, joinThread } from "../support/sockets.ts";
import { testProviders } from "../support/test-db.ts";

describe.each(testProviders())("crafted cursors and ids on %s", (provider) => {
  let t: LiveApp;
  let mod: SignedIn;
  let threadId: string;

  beforeAll(async () => {
    t = await startLiveApp(provider);
    mod = await signInAs(t, "admin");
    threadId = (await t.deps.db.thread.findFirstOrThrow()).id;
  });
  afterAll(async () => t?.close());

  const get = (path: string) => request(t.app).get(path).set("Cookie", mod.cookie);

  it("refuses crafted cursors on the queue and the audit log with 422 naming the cursor", async () => {
    for (const cursor of CRAFTED_CURSORS) {
      for (const path of [
        `/api/moderation/queue?queue=all&sort=oldest&cursor=${encodeURIComponent(cursor)}`,
        `/api/moderation/queue?queue=all&sort=newest&cursor=${encodeURIComponent(cursor)}`,
        `/api/moderation/audit?cursor=${encodeURIComponent(cursor)}`,
      ]) {
        const res = await get(path);
        expect([res.status, res.body.error?.field], `${path} → ${JSON.stringify(res.body)}`).toEqual([422, "cursor"]);
      }
    }
  });

  it("refuses a NUL in the queue's search and article filter (held before; kept as a regression test)", async () => {
    for (const field of ["q", "article"]) {
      const res = await get(`/api/moderation/queue?queue=all&${field}=a%00b`);
      expect([res.status, res.body.error?.field]).toEqual([422, field]);
    }
  });

  it("refuses crafted ids in queries and bodies with 422, not 500", async () => {
    for (const id of CRAFTED_IDS) {
      const audit = await get(`/api/moderation/audit?comment=${encodeURIComponent(id)}`);
      expect([audit.status, audit.body.error?.field], `audit ?comment=${JSON.stringify(id)}`).toEqual([422, "comment"]);
      const bulk = await request(t.app)
        .post("/api/moderation/actions/bulk")
        .set("Cookie", mod.cookie)
        .set("X-CSRF-Token", mod.csrfToken)
        .send({ action: "approve", items: [{ id, revision: 1 }] });
      expect(bulk.status, `bulk ${JSON.stringify(id)}: ${JSON.stringify(bulk.body)}`).toBe(422);
      const reply = await request(t.app)
        .post(`/api/threads/${threadId}/comments`)
        .send({ authorName: "Crafty", authorEmail: "crafty@example.org", body: "A reply.", parentId: id });
      expect([reply.status, reply.body.error?.field], `parentId ${JSON.stringify(id)}`).toEqual([422, "parentId"]);
      const preview = await request(t.app).post("/api/citations/preview").send({ body: "Hi [A]", threadId: id });
      expect([preview.status, preview.body.error?.field], `preview threadId ${JSON.stringify(id)}`).toEqual([
        422,
        "threadId",
      ]);
    }
  });

  it("answers thread:join with a NUL (or any odd) thread id as VALIDATION, not INTERNAL", async () => {
    const socket = await connectClient(t.url);
    try {
      for (const id of CRAFTED_IDS) {
        const ack = await joinThread(socket, id);
        expect(ack, JSON.stringify(id)).toMatchObject({ ok: false, error: { code: "VALIDATION" } });
      }
      expect(await joinThread(socket, threadId)).toMatchObject({ ok: true });
    } finally {
      socket.close();
    }
  });

  it(
    "a signed-in fuzz of every moderator GET with crafted cursors and ids: never a 5xx",
    { timeout: 120_000 },
    async () => {
      const routes = t.app.routeTable.filter((r) => r.method === "get" && /moderation|admin|audit/.test(r.path));
      const anyId = fc.oneof(fc.constantFrom(...CRAFTED_IDS), fc.string({ maxLength: 70 }));
      const failures: string[] = [];
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...routes),
          anyId,
          fc.oneof(
            fc.constantFrom(...CRAFTED_CURSORS),
            fc.string({ maxLength: 80 }),
            fc.base64String({ maxLength: 80 }),
          ),
          fc.constantFrom("all", "pending", "reported", "x"),
          async (route, id, cursor, queue) => {
            const path =
              route.path.replace(/:\w+/g, encodeURIComponent(id)) +
              `?queue=${queue}&cursor=${encodeURIComponent(cursor)}&comment=${encodeURIComponent(id)}` +
              `&article=${encodeURIComponent(id)}&q=${encodeURIComponent(id)}&site=${encodeURIComponent(id)}`;
            const res = await get(path);
            if (res.status >= 500) failures.push(`${path} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
          },
        ),
        { numRuns: 300 },
      );
      expect(failures.slice(0, 10)).toEqual([]);
    },
  );
});
