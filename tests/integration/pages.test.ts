// Server-rendered pages: the index, the article page as the blog showed it, and the no-JS form.
import request from "supertest";
import { followRefusedForm } from "../support/refused-form.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/test-app.ts";

const PETE_SLUG = "israel-behind-discovery-of-kaspersky-spy-links";
const NEWS_SLUG = "israel-secret-service-pressure-on-kaspersky";

describe("pages", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp("sqlite");
  });
  afterAll(async () => t?.close());

  it("lists the articles on /", async () => {
    const res = await request(t.app).get("/").expect(200).expect("Content-Type", /html/);
    expect(res.text).toContain(`href="/articles/${PETE_SLUG}"`);
    expect(res.text).toContain(`href="/articles/${NEWS_SLUG}"`);
    expect(res.text).toContain("One Response");
    expect(res.text).toContain("No responses yet");
  });

  it("renders Pete's article like the blog: category, title, byline, date, body, one response", async () => {
    const res = await request(t.app).get(`/articles/${PETE_SLUG}`).expect(200);
    expect(res.text).toContain('<p class="post-category">Computer hacking</p>');
    expect(res.text).toContain("Israel reportedly behind discovery of Russian antivirus company’s spy links</h1>");
    expect(res.text).toContain('<span class="post-author">Joseph Fitsanakis</span>');
    expect(res.text).toContain("October 11, 2017");
    expect(res.text).toContain("We welcome informed comments and corrections.");
    expect(res.text).toContain("One Response to Israel reportedly behind");
    expect(res.text).toMatch(/<b><span class="fn">Pete<\/span><\/b> <span class="says">says:<\/span>/);
    expect(res.text).not.toContain("About the author");
    expect(res.text).not.toContain("@seed.invalid");
  });

  it("renders the news article with its dek, author box and no responses", async () => {
    const res = await request(t.app).get(`/articles/${NEWS_SLUG}`).expect(200);
    expect(res.text).toContain('<p class="post-dek">Did Russian hackers use Kaspersky');
    expect(res.text).toContain("About the author");
    expect(res.text).toContain("Adil Khan is a 30 years old Nerd");
    expect(res.text).toContain("No responses yet");
    expect(res.text).toContain("Click here to post a comment");
  });

  it("sends a strict Content-Security-Policy on every page", async () => {
    for (const path of ["/", `/articles/${PETE_SLUG}`, "/missing-page"]) {
      const res = await request(t.app).get(path);
      const csp = res.headers["content-security-policy"];
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain("unsafe-inline");
    }
  });

  it("answers an unknown article with an HTML 404 page", async () => {
    const res = await request(t.app).get("/articles/nope").set("Accept", "text/html").expect(404);
    expect(res.text).toContain("Page not found");
  });

  describe("the comment form without JavaScript", () => {
    it("posts, then redirects to the new comment's anchor", async () => {
      const res = await request(t.app)
        .post(`/articles/${NEWS_SLUG}/comments`)
        .type("form")
        .send({
          authorName: "Form Poster",
          authorEmail: "form@example.org",
          authorUrl: "",
          body: "Posted with JS off.",
        })
        .expect(303);
      expect(res.headers.location).toMatch(new RegExp(`^/articles/${NEWS_SLUG}#comment-\\w+$`));
      const page = await request(t.app).get(`/articles/${NEWS_SLUG}`).expect(200);
      const id = res.headers.location!.split("#comment-")[1];
      expect(page.text).toContain(`id="comment-${id}"`);
      expect(page.text).toContain("Posted with JS off.");
      expect(page.text).toContain("One Response to Espionage");
    });

    it("replies through ?replytocom and threads the reply", async () => {
      const list = await request(t.app).get(
        `/api/threads/${(await t.deps.db.thread.findFirstOrThrow({ where: { pageKey: PETE_SLUG } })).id}/comments`,
      );
      const peteId = list.body.comments[0].id;
      const form = await request(t.app).get(`/articles/${PETE_SLUG}?replytocom=${peteId}`).expect(200);
      expect(form.text).toContain("Reply to Pete");
      expect(form.text).toContain(`name="parentId" id="parentId" value="${peteId}"`);
      const res = await request(t.app)
        .post(`/articles/${PETE_SLUG}/comments`)
        .type("form")
        .send({ authorName: "Replier", authorEmail: "r@example.org", body: "Replying to Pete.", parentId: peteId })
        .expect(303);
      const id = res.headers.location!.split("#comment-")[1];
      const page = await request(t.app).get(`/articles/${PETE_SLUG}`);
      expect(page.text).toMatch(
        new RegExp(
          `id="comment-${peteId}"[\\s\\S]*<ol class="children">\\s*<li class="comment depth-2" id="comment-${id}"`,
        ),
      );
      expect(page.text).toContain("2 Responses to Israel reportedly");
    });

    it("sends a refused post to the form's anchor, with errors next to the fields and what was typed", async () => {
      const before = await t.deps.db.comment.count();
      const refused = await request(t.app)
        .post(`/articles/${NEWS_SLUG}/comments`)
        .type("form")
        .send({ authorName: "Kept <Name>", authorEmail: "nope", body: "My text stays." });
      // 303 + GET: the browser lands on the form, and a reload reads the page instead of posting again.
      const res = await followRefusedForm(t.app, refused);
      expect(res.location).toBe(`/articles/${NEWS_SLUG}#respond`);
      expect(res.text).toContain('<div id="respond"');
      const reloaded = await followRefusedForm(t.app, refused);
      expect(reloaded.text).toContain(">My text stays.</textarea>");
      expect(res.text).toMatch(/id="authorEmail-error"\s*>Please enter a valid email address\./);
      // The field is read out with its hint and its error.
      expect(res.text).toMatch(
        /id="authorEmail"[^>]*aria-invalid="true"[^>]*aria-describedby="authorEmail-hint authorEmail-error"/,
      );
      expect(res.text).toContain('value="Kept &lt;Name&gt;"');
      expect(res.text).toContain(">My text stays.</textarea>");
      expect(await t.deps.db.comment.count()).toBe(before);
      // Without the cookie (another browser) the page has an empty form.
      const other = await request(t.app).get(`/articles/${NEWS_SLUG}`).expect(200);
      expect(other.text).not.toContain("My text stays.");
    });
  });
});
