// The language of Parley's pages: the site's setting, or with "auto" (the default) the reader's
// Accept-Language among English, German and French; Content-Language and Vary say so, and the cached
// rendering of an article page is kept per language.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZSiteSettingsPatch } from "../../src/config/site-settings.ts";
import { DEFAULT_SITE_ID } from "../../src/sites/ensure-default-site.ts";
import { updateSiteSettings } from "../../src/sites/update-site-settings.ts";
import { createTestApp, RELAXED_SITE_SETTINGS, type TestApp } from "../support/test-app.ts";

const PETE = "/articles/israel-behind-discovery-of-kaspersky-spy-links";
const NEWS = "/articles/israel-secret-service-pressure-on-kaspersky";
const get = (t: TestApp, path: string, acceptLanguage?: string) => {
  const req = request(t.app).get(path).set("Accept", "text/html");
  return acceptLanguage ? req.set("Accept-Language", acceptLanguage) : req;
};

describe("page language", () => {
  let t: TestApp;
  beforeAll(async () => {
    // A long thread-cache life: the rendered page is kept, so a second language must not get the first's.
    t = await createTestApp("sqlite", { THREAD_CACHE_TTL_MS: "60000" });
  });
  afterAll(async () => t?.close());

  it("negotiates Accept-Language among en, de and fr, and says so (Content-Language, Vary)", async () => {
    const de = await get(t, PETE, "de-CH,de;q=0.9,en;q=0.5").expect(200);
    expect(de.text).toContain('<html lang="de">');
    expect(de.headers["content-language"]).toBe("de");
    expect(de.headers.vary).toMatch(/Accept-Language/i);
    expect(de.text).toContain("Eine Antwort auf „Israel reportedly behind");
    expect(de.text).toContain("11. Oktober 2017");
    expect(de.text).toContain("Schreib eine Antwort");
    expect(de.text).toContain("Kommentar abschicken");
    expect(de.text).toContain("Zum Inhalt springen");

    const fr = await get(t, PETE, "es;q=1, fr;q=0.8, de;q=0.5").expect(200);
    expect(fr.headers["content-language"]).toBe("fr");
    expect(fr.text).toContain("Une réponse à «\u00a0Israel reportedly behind");
    expect(fr.text).toContain("Publier le commentaire");

    for (const header of [undefined, "es-ES, pt;q=0.8", "*"]) {
      const en = await get(t, PETE, header).expect(200);
      expect(en.text).toContain('<html lang="en">');
      expect(en.headers["content-language"]).toBe("en");
      expect(en.text).toContain("One Response to Israel reportedly behind");
    }
  });

  it("keeps the rendered page and its ETag per language", async () => {
    const de = await get(t, NEWS, "de").expect(200);
    const en = await get(t, NEWS, "en").expect(200);
    const deAgain = await get(t, NEWS, "de").expect(200);
    expect(de.text).toContain("Noch keine Antworten");
    expect(en.text).toContain("No responses yet");
    expect(deAgain.text).toBe(de.text);
    expect(en.headers.etag).not.toBe(de.headers.etag);
    // A German copy is no answer to an English reader's revalidation.
    await get(t, NEWS, "en")
      .set("If-None-Match", de.headers.etag as string)
      .expect(200);
    await get(t, NEWS, "de")
      .set("If-None-Match", de.headers.etag as string)
      .expect(304);
  });

  it("translates the other reader pages: the index, Your data, error pages", async () => {
    const index = await get(t, "/", "fr").expect(200);
    expect(index.text).toContain("Derniers articles");
    expect(index.text).toContain("Une réponse");
    expect(index.headers["content-language"]).toBe("fr");
    const data = await get(t, "/your-data", "de").expect(200);
    expect(data.text).toContain("Deine Daten");
    expect(data.text).toContain("Link per Mail schicken");
    const missing = await get(t, "/articles/nope", "de").expect(404);
    expect(missing.text).toContain("Seite nicht gefunden");
    expect(missing.text).toContain('<html lang="de">');
  });

  it("shows a refused post's field errors in the page's language (JavaScript off)", async () => {
    const agent = request.agent(t.app);
    const refused = await agent
      .post(`${NEWS}/comments`)
      .set("Accept-Language", "de")
      .type("form")
      .send({ authorName: "", authorEmail: "nope", body: "Mein Text bleibt." })
      .expect(303);
    expect(refused.headers.location).toBe(`${NEWS}#respond`);
    const page = await agent.get(NEWS).set("Accept-Language", "de").expect(200);
    expect(page.text).toMatch(/id="authorName-error"\s*>Bitte gib deinen Namen ein\./);
    expect(page.text).toMatch(/id="authorEmail-error"\s*>Bitte gib eine gültige E-Mail-Adresse ein\./);
  });

  it("words an API refusal in the request's language by its code and reason, English for the rest", async () => {
    const page = await get(t, NEWS, "de").expect(200);
    const threadId = /data-thread-id="([^"]+)"/.exec(page.text)?.[1];
    expect(threadId).toBeTruthy();
    const post = (lang: string | null) => {
      const req = request(t.app).post(`/api/threads/${threadId}/comments`).set("Accept", "application/json");
      return (lang ? req.set("Accept-Language", lang) : req)
        .send({ authorName: "Lea", authorEmail: "lea@example.org", body: " " })
        .expect(422);
    };
    const de = await post("de-DE,de;q=0.9");
    expect(de.headers["content-language"]).toBe("de");
    expect(de.headers.vary).toMatch(/Accept-Language/i);
    expect(de.body.error).toMatchObject({
      code: "VALIDATION",
      reason: "writeComment",
      message: "Bitte schreib einen Kommentar.",
      field: "body",
      fields: { body: "Bitte schreib einen Kommentar." },
      fieldReasons: { body: { reason: "writeComment" } },
    });
    const fr = await post("fr");
    expect(fr.body.error.message).toBe("Veuillez écrire un commentaire.");
    const en = await post(null);
    expect(en.body.error.message).toBe("Please write a comment.");
    // A reason with values, and a code's own words.
    const missing = await request(t.app).get("/api/nowhere").set("Accept-Language", "fr").expect(404);
    expect(missing.body.error).toMatchObject({
      code: "NOT_FOUND",
      reason: "nothingAt",
      params: { method: "GET", path: "/api/nowhere" },
      message: "Rien à l’adresse GET /api/nowhere.",
    });
    const gone = await request(t.app)
      .post("/api/comments/nope/reports")
      .set("Accept-Language", "de")
      .send({ reason: "spam" })
      .expect(404);
    expect(gone.body.error).toEqual({ code: "COMMENT_NOT_FOUND", message: "Diesen Kommentar gibt es nicht." });
  });

  it("follows the site's setting over Accept-Language, at once when it changes", async () => {
    expect(ZSiteSettingsPatch.safeParse({ language: "es" }).success).toBe(false);
    await updateSiteSettings(t.deps, DEFAULT_SITE_ID, { language: "fr" });
    try {
      const page = await get(t, PETE, "de,en;q=0.5").expect(200);
      expect(page.text).toContain('<html lang="fr">');
      expect(page.headers["content-language"]).toBe("fr");
      expect(page.headers.vary ?? "").not.toMatch(/Accept-Language/i); // the same page for everyone
      expect(page.text).toContain("Une réponse à");
      const index = await get(t, "/", "de").expect(200);
      expect(index.text).toContain("Derniers articles");
    } finally {
      await updateSiteSettings(t.deps, DEFAULT_SITE_ID, { ...RELAXED_SITE_SETTINGS, language: "auto" });
    }
    expect((await get(t, PETE, "de").expect(200)).text).toContain('<html lang="de">');
  });
});
