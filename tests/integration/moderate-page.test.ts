// GET /moderate: the console's shell. It carries no data (the API behind it checks the session),
// so anyone gets the same page, with the strict CSP, no caching and no indexing. Its script and the
// article page's carry English only; another language's words are a bundle of their own.
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

  it("bundles English only in the page and console scripts; German and French come beside them, listed by the page", async () => {
    const bundle = async (file: string) =>
      (
        await request(t.app)
          .get(`/static/js/${file}`)
          .expect(200)
          .expect("Content-Type", /javascript/)
      ).text;
    const [article, moderate, articleDe, moderateFr] = await Promise.all(
      ["article.js", "moderate.js", "article-de.js", "moderate-fr.js"].map(bundle),
    );
    for (const [script, foreign] of [
      [article, ["Antworten", "réponses"]],
      [moderate, ["Zurückgehalten", "Retenus"]],
    ] as const)
      for (const word of foreign) expect(script).not.toContain(word);
    expect(articleDe).toContain("Antworten");
    expect(moderateFr).toContain("Retenus");

    const de = await request(t.app).get("/moderate").set("Accept-Language", "de").expect(200);
    expect(de.text).toContain('<script type="module" src="/static/js/moderate-de.js"></script>');
    const en = await request(t.app).get("/moderate").set("Accept-Language", "en").expect(200);
    expect(en.text).not.toMatch(/moderate-\w\w\.js/);
    const page = "/articles/israel-secret-service-pressure-on-kaspersky";
    const fr = await request(t.app).get(page).set("Accept", "text/html").set("Accept-Language", "fr").expect(200);
    expect(fr.text).toContain('<script type="module" src="/static/js/article-fr.js"></script>');
    const enPage = await request(t.app).get(page).set("Accept", "text/html").set("Accept-Language", "en").expect(200);
    expect(enPage.text).not.toMatch(/article-\w\w\.js/);
  });

  it("renders the shell in the moderator's language from Accept-Language (no English to swap), English otherwise", async () => {
    const de = await request(t.app).get("/moderate").set("Accept-Language", "de-DE,de;q=0.9,en;q=0.5").expect(200);
    expect(de.headers["content-language"]).toBe("de");
    expect(de.headers.vary).toMatch(/Accept-Language/i);
    expect(de.text).toContain('<html lang="de">');
    expect(de.text).toContain("<title>Moderation · Parley</title>");
    expect(de.text).toContain("Die Moderationskonsole wird geladen…");
    expect(de.text).toMatch(/<h1 id="login-title">Zum Moderieren anmelden<\/h1>/);
    expect(de.text).toMatch(/data-queue="held">Zurückgehalten <span/);
    expect(de.text).toContain("Tastenkürzel");
    // The reason presets keep their English values (the audit log records them); only the labels change.
    expect(de.text).toMatch(/value="Off-topic"\s*checked\s*\/> Themenfremd/);
    for (const english of [
      "Sign in to moderate",
      "Loading the moderation console",
      "Oldest first",
      ">Log out<",
      "Loading…",
    ])
      expect(de.text).not.toContain(english);

    const fr = await request(t.app).get("/moderate").set("Accept-Language", "fr-CA").expect(200);
    expect(fr.text).toContain('<html lang="fr">');
    expect(fr.text).toContain("Se connecter pour modérer");

    const it_ = await request(t.app).get("/moderate").set("Accept-Language", "it").expect(200);
    expect(it_.text).toContain('<html lang="en">');
    expect(it_.text).toContain("Sign in to moderate");
  });
});
