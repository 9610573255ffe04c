// Proof of work for anonymous posts (site setting proofOfWork), on both stores: a post without a
// solution, with a reused one, an expired one or one issued for another site is refused with a stable
// code and nothing is stored; a solved one is accepted. With JavaScript off the form's honeypot and
// minimum time stand in. Signed-in moderators are never asked. Without Redis the spent solutions are
// kept in the database: a second instance (PostgreSQL) refuses a solution the first accepted, and the
// expired ones are swept.
import request from "supertest";
import { solveChallenge } from "altcha-lib/v1";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeClock, type FakeClock } from "../support/fake-clock.ts";
import { followRefusedForm } from "../support/refused-form.ts";
import { signInAs } from "../support/moderators.ts";
import { registerTestSite } from "../support/sites.ts";
import { createTestApp, RELAXED_SITE_SETTINGS, type TestApp } from "../support/test-app.ts";
import { testProviders } from "../support/test-db.ts";

const POW = { ...RELAXED_SITE_SETTINGS, proofOfWork: true, proofOfWorkDifficulty: 2000 };

describe.each(testProviders())("proof of work on %s", (provider) => {
  let t: TestApp;
  let clock: FakeClock;
  let threadId: string;
  let slug: string;
  let otherThreadId: string;
  let n = 0;

  beforeAll(async () => {
    clock = fakeClock(new Date());
    t = await createTestApp(provider, {}, { clock }, { siteSettings: POW });
    const thread = await t.deps.db.thread.findFirstOrThrow({
      where: { siteId: "default", articleId: { not: null } },
      include: { article: true },
    });
    threadId = thread.id;
    slug = thread.article!.slug;
    const other = await registerTestSite(t, ["https://other.example"], POW);
    otherThreadId = (await t.deps.db.thread.create({ data: { siteId: other.id, pageKey: "p", title: "Other" } })).id;
  });
  afterAll(async () => t?.close());

  /** Asks for a challenge and solves it as the browser's worker does. */
  async function solved(forThread = threadId): Promise<string> {
    const { body } = await request(t.app).get(`/api/threads/${forThread}/challenge`).expect(200);
    const c = body.challenge;
    expect(c).toMatchObject({ algorithm: "SHA-256", maxnumber: 2000 });
    const solution = await solveChallenge(c.challenge, c.salt, c.algorithm, c.maxnumber).promise;
    return Buffer.from(JSON.stringify({ ...c, number: solution!.number })).toString("base64");
  }
  const comment = () => ({ authorName: "Ann", authorEmail: `ann${++n}@example.org`, body: `Hello number ${n}` });
  const post = (extra: object) =>
    request(t.app)
      .post(`/api/threads/${threadId}/comments`)
      .send({ ...comment(), ...extra });
  const stored = () => t.deps.db.comment.count({ where: { threadId } });

  it("refuses a post without a solution, or with a made-up one, and stores nothing", async () => {
    const before = await stored();
    const missing = await post({}).expect(400);
    expect(missing.body.error.code).toBe("PROOF_MISSING");
    expect(missing.body.error.message).toMatch(/puzzle/);
    const garbage = await post({ altcha: "not base64 json" }).expect(403);
    expect(garbage.body.error.code).toBe("PROOF_INVALID");
    const forged = JSON.parse(Buffer.from(await solved(), "base64").toString());
    const wrong = Buffer.from(JSON.stringify({ ...forged, number: forged.number + 1 })).toString("base64");
    expect((await post({ altcha: wrong }).expect(403)).body.error.code).toBe("PROOF_INVALID");
    expect(await stored()).toBe(before);
  });

  it("accepts a solved challenge once; the same solution again is refused", async () => {
    const before = await stored();
    const altcha = await solved();
    await post({ altcha }).expect(201);
    const again = await post({ altcha }).expect(403);
    expect(again.body.error.code).toBe("PROOF_REUSED");
    expect(await stored()).toBe(before + 1);
  });

  it("refuses an expired solution and one issued for another site", async () => {
    const before = await stored();
    const altcha = await solved();
    clock.advance((t.deps.config.POW_CHALLENGE_TTL_SECONDS + 1) * 1000);
    expect((await post({ altcha }).expect(403)).body.error.code).toBe("PROOF_EXPIRED");
    const elsewhere = await solved(otherThreadId);
    expect((await post({ altcha: elsewhere }).expect(403)).body.error.code).toBe("PROOF_WRONG_SITE");
    expect(await stored()).toBe(before);
  });

  it("without Redis the spent solutions live in the database, and the expired ones are swept", async () => {
    const altcha = await solved();
    await post({ altcha }).expect(201);
    const signature = JSON.parse(Buffer.from(altcha, "base64").toString()).signature as string;
    expect(await t.deps.db.spentProof.findUnique({ where: { key: signature } })).not.toBeNull();
    // A challenge lifetime later, the next spend sweeps what expired (this one included).
    clock.advance((t.deps.config.POW_CHALLENGE_TTL_SECONDS + 61) * 1000);
    await post({ altcha: await solved() }).expect(201);
    expect(await t.deps.db.spentProof.findUnique({ where: { key: signature } })).toBeNull();
    expect(await t.deps.db.spentProof.count({ where: { expiresAt: { lte: clock.now() } } })).toBe(0);
  });

  it.runIf(provider === "postgres")(
    "a solution spent on one instance is refused by another on the same database, even at the same moment",
    async () => {
      const other = await createTestApp(provider, {}, { clock }, { siteSettings: POW, shared: t.db });
      try {
        const before = await stored();
        const altcha = await solved();
        await post({ altcha }).expect(201);
        const elsewhere = await request(other.app)
          .post(`/api/threads/${threadId}/comments`)
          .send({ ...comment(), altcha })
          .expect(403);
        expect(elsewhere.body.error.code).toBe("PROOF_REUSED");
        // Both instances at once with one fresh solution: exactly one accepts it.
        const fresh = await solved();
        const answers = await Promise.all(
          [t.app, other.app].map((app) =>
            request(app)
              .post(`/api/threads/${threadId}/comments`)
              .send({ ...comment(), altcha: fresh }),
          ),
        );
        expect(answers.map((a) => a.status).sort()).toEqual([201, 403]);
        expect(await stored()).toBe(before + 2);
      } finally {
        await other.close();
      }
    },
  );

  it("asks nothing of a signed-in moderator, and issues no challenge where the site asks none", async () => {
    const mod = await signInAs(t, "moderator");
    await request(t.app)
      .post(`/api/threads/${threadId}/comments`)
      .set("Cookie", mod.cookie)
      .set("X-CSRF-Token", mod.csrfToken)
      .send(comment())
      .expect(201);
    await t.deps.db.site.update({ where: { id: "default" }, data: { settings: RELAXED_SITE_SETTINGS } });
    t.deps.threadCache.forgetThreads();
    const { body } = await request(t.app).get(`/api/threads/${threadId}/challenge`).expect(200);
    expect(body).toEqual({ challenge: null });
    await post({}).expect(201);
    await t.deps.db.site.update({ where: { id: "default" }, data: { settings: POW } });
    t.deps.threadCache.forgetThreads();
  });

  it("without JavaScript: the honeypot and the signed render time stand in", async () => {
    const page = await request(t.app).get(`/articles/${slug}`).expect(200);
    const stamp = /name="formStamp" value="([^"]+)"/.exec(page.text)?.[1];
    expect(stamp).toBeTruthy();
    expect(page.text).toMatch(/<p class="form-trap" aria-hidden="true">.*name="homepage"/);
    const form = (fields: Record<string, string>) =>
      request(t.app)
        .post(`/articles/${slug}/comments`)
        .type("form")
        .send({ ...comment(), ...fields });
    const before = await stored();
    // Refused: back to the form (303 to #respond) with the message and what they typed.
    const fast = await followRefusedForm(t.app, await form({ formStamp: stamp!, homepage: "" }));
    expect(fast.text).toContain("faster than a person types");
    expect(fast.text).toContain('name="formStamp"');
    clock.advance(5000);
    const trapped = await followRefusedForm(t.app, await form({ formStamp: stamp!, homepage: "https://spam.example" }));
    expect(trapped.text).toContain("did not pass the anti-spam check");
    const [at, mac] = stamp!.split(".");
    const backdated = await followRefusedForm(
      t.app,
      await form({ formStamp: `${Number(at) - 60_000}.${mac}`, homepage: "" }),
    );
    expect(backdated.text).toContain("did not pass the anti-spam check");
    await followRefusedForm(t.app, await form({ homepage: "" }));
    expect(await stored()).toBe(before);
    const accepted = await form({ formStamp: stamp!, homepage: "" }).expect(303);
    expect(accepted.headers.location).not.toMatch(/#respond$/);
    expect(await stored()).toBe(before + 1);
  });
});
