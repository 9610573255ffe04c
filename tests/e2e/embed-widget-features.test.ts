// More of the embed widget in real Chromium, on a host page of another origin: nothing the host or a
// commenter passes in runs as script, single-page apps mount and unmount it, a list page gets its
// counts in one request, large threads load in pages and re-sort, and the keyboard reaches everything.
import type { Browser, Page } from "playwright-core";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildWidget } from "../../scripts/build-widget.ts";
import { urlCacheKey } from "../../src/citations/normalize-url.ts";
import { chromiumAvailable, launchChromium } from "../support/browser.ts";
import { serveHostPage } from "../support/host-page.ts";
import { startLiveApp, type LiveApp } from "../support/realtime-app.ts";
import { registerTestSite } from "../support/sites.ts";
import { RELAXED_SITE_SETTINGS } from "../support/test-app.ts";

const HOSTILE = `<img src=x onerror="window.pwned='attr'">`;
const HOSTILE_THREAD = `"><script>window.pwned='thread'</script>`;

describe.skipIf(!chromiumAvailable())("embed widget features in Chromium", () => {
  let parley: LiveApp;
  let host: Awaited<ReturnType<typeof serveHostPage>>;
  let browser: Browser;
  let siteId = "";
  let moderatedSiteId = "";

  const tag = (attrs: string) => `<script src="${parley.url}/embed.js" ${attrs} async></script>`;
  const htmlPage = (body: string) =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title></head><body>${body}</body></html>`;
  const escapeAttr = (v: string) => v.replace(/&/g, "&amp;").replace(/"/g, "&quot;");

  beforeAll(async () => {
    await buildWidget();
    parley = await startLiveApp("sqlite");
    host = await serveHostPage({
      parleyUrl: parley.url,
      get siteId() {
        return siteId;
      },
      files: {
        "/hostile.html": () =>
          htmlPage(
            `<h1>Hostile</h1>` +
              tag(
                `data-parley-site="${siteId}" data-parley-thread="${escapeAttr(HOSTILE_THREAD)}" data-parley-title="${escapeAttr(HOSTILE)}"`,
              ),
          ),
        "/spa.html": () => htmlPage(`<div id="app"></div>${tag("")}`),
        "/list.html": () =>
          htmlPage(`<ul><li><a href="/a" data-parley-count="list-a">comments</a></li><li><a href="/b" data-parley-count="list-b">comments</a></li>
          <li><a href="/c" data-parley-count="list-c">comments</a></li><li><a id="by-href" href="/post-x?ref=1#c" data-parley-count="">comments</a></li></ul>
          <script src="${parley.url}/count.js" data-parley-site="${siteId}" async></script>`),
        "/moderated.html": () => htmlPage(`${tag(`data-parley-site="${moderatedSiteId}" data-parley-thread="mod-1"`)}`),
        "/cited.html": () => htmlPage(`${tag(`data-parley-site="${siteId}" data-parley-thread="cited"`)}`),
        "/big.html": () =>
          htmlPage(`<div id="parley-thread"></div>${tag(`data-parley-site="${siteId}" data-parley-thread="big"`)}`),
        "/de.html": () =>
          htmlPage(`${tag(`data-parley-site="${siteId}" data-parley-thread="sprachen"`)}`).replace(
            'lang="en"',
            'lang="de-AT"',
          ),
        "/fr.html": () =>
          htmlPage(`${tag(`data-parley-site="${siteId}" data-parley-thread="sprachen" data-parley-lang="fr"`)}`),
        "/closing.html": () => htmlPage(`${tag(`data-parley-site="${siteId}" data-parley-thread="closing"`)}`),
      },
    });
    siteId = (await registerTestSite(parley, [host.url], { ...RELAXED_SITE_SETTINGS, maxLinks: 0 })).id;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await parley?.close();
  });

  async function open(path: string): Promise<Page> {
    const page = await browser.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(host.url + path);
    return page;
  }

  it("speaks the host page's language (German from <html lang>, French from data-parley-lang), plurals by Intl", async () => {
    const de = await open("/de.html");
    const widget = de.locator(".parley-embed");
    await widget.locator("h2", { hasText: /^Noch keine Kommentare$/ }).waitFor();
    const form = widget.locator("form.cf").first();
    await form
      .getByRole("textbox", { name: "Kommentar", exact: true })
      .fill("Erster Kommentar [A].\n\n[A] https://example.org/bericht");
    // Refused first (no name): the server words it in the widget's language, not the browser's.
    await form.getByRole("button", { name: "Kommentar abschicken" }).click();
    await form.getByText("Bitte gib deinen Namen ein.", { exact: true }).waitFor();
    await form.getByRole("textbox", { name: "Name", exact: true }).fill("Jutta");
    await form.getByRole("textbox", { name: "E-Mail", exact: true }).fill("jutta@example.org");
    await form.getByRole("button", { name: "Kommentar abschicken" }).click();
    const mine = widget.locator("li.comment", { hasText: "Erster Kommentar" });
    await mine.waitFor();
    await expect(widget.locator("h2").textContent()).resolves.toBe("1 Kommentar");
    await expect(mine.locator(".comment-sources-title").textContent()).resolves.toBe("Quellen");
    await expect(mine.locator(".comment-date").textContent()).resolves.toMatch(
      /^\d{1,2}\. \p{L}+ \d{4} um \d{1,2}:\d{2}$/u,
    );
    await expect(mine.locator(".comment-content").textContent()).resolves.not.toContain("https://"); // sources once
    // The panels (embed-panels.js, loaded on the click) speak German too: their words came with embed-de.js.
    await mine.getByRole("button", { name: "Deinen Kommentar löschen" }).click();
    await mine.getByText("Diesen Kommentar löschen? Das lässt sich nicht rückgängig machen.").waitFor();
    await mine.getByRole("button", { name: "Abbrechen" }).click();
    await mine.getByRole("button", { name: "Deinen Kommentar bearbeiten" }).click();
    await mine.getByRole("button", { name: "Änderungen speichern" }).waitFor();
    await mine.getByRole("textbox", { name: "Deinen Kommentar bearbeiten" }).waitFor();
    await de.close();

    const fr = await open("/fr.html");
    const frWidget = fr.locator(".parley-embed");
    await frWidget.locator("h2", { hasText: /^1 commentaire$/ }).waitFor();
    await expect(frWidget.getByRole("button", { name: "Publier le commentaire" }).count()).resolves.toBe(1);
    await expect(frWidget.locator(".source-state").first().textContent()).resolves.toMatch(/pas encore vérifié|lien/);
    await frWidget.getByRole("button", { name: "Signaler le commentaire de Jutta" }).click();
    await frWidget
      .getByRole("group", { name: "Pourquoi la modération devrait-elle examiner ce commentaire\u202f?" })
      .waitFor();
    await frWidget.getByRole("radio", { name: "Hors sujet" }).check();
    await frWidget.getByRole("button", { name: "Envoyer le signalement" }).click();
    await frWidget.getByText("Merci. Un modérateur va y jeter un œil.").waitFor();
    await fr.close();
  });
  const threadOf = async (page: string) =>
    (await request(parley.app).get("/api/embed/threads").query({ site: siteId, page }).expect(200)).body.thread
      .id as string;
  const post = (threadId: string, body: object) =>
    request(parley.app)
      .post(`/api/threads/${threadId}/comments`)
      .send({ authorEmail: "x@example.org", ...body })
      .expect(201);

  it("renders hostile page attributes and comments as text, never as script", async () => {
    const threadKey = `"><script>window.pwned='thread'</script>`;
    const threadId = await threadOf(threadKey);
    await post(threadId, {
      authorName: HOSTILE,
      body: `<script>window.pwned='body'</script> <img src=x onerror="window.pwned='body'">`,
    });
    const page = await open("/hostile.html");
    const comment = page.locator(".parley-embed li.comment").first();
    await comment.waitFor();
    await expect(comment.locator(".comment-author b").textContent()).resolves.toBe(HOSTILE);
    expect(await page.locator(".parley-embed img").count()).toBe(0);
    expect(await page.evaluate(() => (window as { pwned?: string }).pwned)).toBeUndefined();
    const thread = await parley.deps.db.thread.findUniqueOrThrow({ where: { id: threadId } });
    expect(thread.pageKey).toBe(threadKey);

    // Init options from a single-page app are checked too: a bad site id mounts nothing.
    const mounted = await page.evaluate(() =>
      (window as unknown as { Parley: { init(o: object): unknown } }).Parley.init({
        site: `x" onload="window.pwned=1`,
        el: "body",
      }),
    );
    expect(mounted).toBeNull();
    expect(await page.locator(".parley-embed").count()).toBe(1);
    await page.close();
  });

  it("lists a comment's sources with the link checker's verdict, in words", async () => {
    const threadId = await threadOf("cited");
    await post(threadId, {
      authorName: "Cites",
      body: "As measured [A], though [B] disagrees.\n\n[A] https://example.org/report\n[B] https://example.org/gone",
    });
    const now = new Date();
    const check = (url: string, state: string, title: string | null) =>
      parley.deps.db.linkCheck.create({
        data: {
          url: urlCacheKey(url)!,
          state,
          httpStatus: state === "ok" ? 200 : 404,
          title,
          redirectChain: [],
          checkedAt: now,
          expiresAt: new Date(now.getTime() + 3600_000),
        },
      });
    await check("https://example.org/report", "ok", "The 2024 report");
    await check("https://example.org/gone", "broken", null);
    const page = await open("/cited.html");
    const sources = page.locator(".parley-embed .comment-sources");
    await sources.waitFor();
    await expect(sources.locator(".comment-sources-title").textContent()).resolves.toBe("Sources");
    const items = sources.locator("li");
    await expect(items.nth(0).textContent()).resolves.toMatch(
      /\[A\]\s*The 2024 report\s*example\.org\s*✓ link checked/,
    );
    await expect(items.nth(1).textContent()).resolves.toMatch(
      /\[B\]\s*example\.org\/gone\s*example\.org\s*✗ link broken/,
    );
    await expect(items.nth(0).locator("a").getAttribute("href")).resolves.toBe("https://example.org/report");
    await page.close();
  });

  it("the author's own comment: awaits moderation across a reload, is edited and deleted in the window; others' are reported", async () => {
    moderatedSiteId = (await registerTestSite(parley, [host.url])).id;
    const threadId = (
      await request(parley.app).get("/api/embed/threads").query({ site: moderatedSiteId, page: "mod-1" }).expect(200)
    ).body.thread.id;
    const other = (await post(threadId, { authorName: "Someone Else", body: "A published comment." })).body.comment;
    await parley.deps.db.site.update({
      where: { id: moderatedSiteId },
      data: { settings: { mode: "pre-moderate-all", floodSeconds: 0, duplicateWindowMinutes: 0 } },
    });

    const page = await open("/moderated.html");
    const widget = page.locator(".parley-embed");
    const form = widget.locator('form[aria-label="Leave a comment"]');
    await form.getByRole("textbox", { name: "Comment", exact: true }).fill("Mine, *awaiting* a moderator.");
    await form.getByRole("textbox", { name: "Name", exact: true }).fill("Author");
    await form.getByRole("textbox", { name: "Email", exact: true }).fill("author@example.org");
    await form.getByRole("button", { name: "Post comment" }).click();
    const mine = widget.locator("li.comment", { hasText: "Mine," });
    await mine.locator(".comment-awaiting").waitFor();
    await expect(widget.locator("h2").textContent()).resolves.toBe("1 comment"); // pending ones do not count

    await page.reload(); // the edit token brings it back, for its author only
    await mine.locator(".comment-awaiting").waitFor();
    await expect(mine.locator(".comment-content").innerHTML()).resolves.toContain("<em>awaiting</em>");

    await mine.getByRole("button", { name: "Edit your comment" }).click();
    const editor = mine.getByRole("textbox", { name: "Edit your comment" });
    await expect(editor.inputValue()).resolves.toBe("Mine, *awaiting* a moderator."); // the source, not the HTML
    await editor.fill("Mine, **edited**.");
    await mine.getByRole("button", { name: "Save changes" }).click();
    await mine.locator(".comment-content strong").waitFor();
    await expect(mine.locator(".comment-awaiting").count()).resolves.toBe(1); // re-moderated
    expect((await parley.deps.db.comment.findFirstOrThrow({ where: { authorName: "Author" } })).bodySource).toBe(
      "Mine, **edited**.",
    );

    await mine.getByRole("button", { name: "Delete your comment" }).click();
    await mine.getByRole("button", { name: "Delete", exact: true }).click();
    await mine.waitFor({ state: "detached" });
    expect((await parley.deps.db.comment.findFirstOrThrow({ where: { authorName: "Author" } })).status).toBe("deleted");

    const theirs = widget.locator("li.comment", { hasText: "A published comment." });
    await expect(theirs.getByRole("button", { name: /Edit/ }).count()).resolves.toBe(0);
    await theirs.getByRole("button", { name: "Report the comment by Someone Else" }).click();
    await theirs.getByLabel("Off-topic").check();
    await theirs.getByRole("textbox", { name: /Anything to add/ }).fill("Not about the post.");
    await theirs.getByRole("button", { name: "Send report" }).click();
    await theirs.getByText("Thank you. A moderator will take a look.").waitFor();
    const report = await parley.deps.db.report.findFirstOrThrow({ where: { commentId: other.id } });
    expect(report).toMatchObject({ reason: "off-topic", note: "Not about the post." });
    await page.close();
  });

  it("mounts, switches and unmounts in a single-page app with Parley.init / destroy", async () => {
    await post(await threadOf("spa-b"), { authorName: "On B", body: "Only on page B." });
    const page = await open("/spa.html");
    await page.waitForFunction(() => "Parley" in window);
    const init = (thread: string) =>
      page.evaluate(
        ([site, t]) => {
          (window as unknown as { Parley: { init(o: object): unknown } }).Parley.init({
            site,
            thread: t,
            title: `Route ${t}`,
            el: "#app",
          });
        },
        [siteId, thread] as const,
      );
    await init("spa-a");
    await expect(page.locator("#app .parley-embed h2").textContent()).resolves.toBe("No comments yet");
    await init("spa-b");
    await page.locator("#app .parley-embed li.comment", { hasText: "Only on page B." }).waitFor();
    expect(await page.locator(".parley-embed").count()).toBe(1);
    await page.evaluate(() => (window as unknown as { Parley: { destroy(): void } }).Parley.destroy());
    expect(await page.locator(".parley-embed").count()).toBe(0);
    await page.close();
  });

  it("fills a list page's comment counts with one request", async () => {
    const a = await threadOf("list-a");
    await post(a, { authorName: "A1", body: "one" });
    await post(a, { authorName: "A2", body: "two" });
    await post(await threadOf("list-c"), { authorName: "C1", body: "three" });
    const page = await browser.newPage();
    const countRequests: string[] = [];
    page.on("request", (r) => r.url().includes("/api/embed/counts") && countRequests.push(r.url()));
    await page.goto(`${host.url}/list.html`);
    await page.waitForFunction(
      () => document.querySelector("[data-parley-count='list-a']")?.textContent !== "comments",
    );
    const texts = await page.locator("[data-parley-count]").allTextContents();
    expect(texts).toEqual(["2 comments", "0 comments", "1 comment", "0 comments"]);
    expect(countRequests).toHaveLength(1);
    expect(new URL(countRequests[0]!).searchParams.getAll("page")).toContain(`${host.url}/post-x`); // the link, without query or fragment
    await page.close();
  });

  it("loads a large thread in pages and re-sorts it", async () => {
    const threadId = await threadOf("big");
    for (let i = 1; i <= 33; i++) await post(threadId, { authorName: `Reader ${i}`, body: `Comment number ${i}.` });
    const page = await open("/big.html");
    const roots = page.locator(".parley-embed ol.list > li.comment");
    await roots.first().waitFor();
    expect(await roots.count()).toBe(30);
    const more = page.locator(".parley-embed").getByRole("button", { name: /Load more comments \(3 more threads\)/ });
    await more.click();
    await page.waitForFunction(
      () => document.querySelector(".parley-embed")!.shadowRoot!.querySelectorAll("ol.list > li.comment").length === 33,
    );
    expect(await more.isHidden()).toBe(true);

    await page.locator(".parley-embed").getByLabel("Sort").selectOption("newest");
    await page.waitForFunction(
      () =>
        document.querySelector(".parley-embed")!.shadowRoot!.querySelector("ol.list > li.comment .comment-author b")
          ?.textContent === "Reader 33",
    );
    expect(await roots.count()).toBe(30);
    await page.close();
  });

  it("shows the server's field error beside the field, described for screen readers", async () => {
    const page = await open("/big.html");
    const form = page.locator('.parley-embed form[aria-label="Leave a comment"]');
    await form.getByRole("textbox", { name: "Comment", exact: true }).fill("Bad email below.");
    await form.getByRole("textbox", { name: "Name", exact: true }).fill("X");
    const email = form.getByRole("textbox", { name: "Email", exact: true });
    await email.fill("nope");
    await form.getByRole("button", { name: "Post comment" }).click();
    const error = form.locator(".err:not([hidden])");
    await error.waitFor();
    await expect(error.textContent()).resolves.toBe("Please enter a valid email address.");
    await expect(email.getAttribute("aria-invalid")).resolves.toBe("true");
    await expect(email.getAttribute("aria-describedby")).resolves.toContain(await error.getAttribute("id"));
    await expect(form.getByRole("textbox", { name: "Comment", exact: true }).inputValue()).resolves.toBe(
      "Bad email below.",
    ); // nothing lost
    await page.close();
  });

  it("shows every refused field at once, focuses the first, and clears them on the next submit", async () => {
    const page = await open("/big.html");
    const form = page.locator('.parley-embed form[aria-label="Leave a comment"]');
    const name = form.getByRole("textbox", { name: "Name", exact: true });
    const email = form.getByRole("textbox", { name: "Email", exact: true });
    await form.getByRole("textbox", { name: "Comment", exact: true }).fill("Two bad fields below.");
    await name.fill("");
    await email.fill("nope");
    await form.getByRole("button", { name: "Post comment" }).click();
    const errors = form.locator(".err:not([hidden])");
    await page.waitForFunction(
      () =>
        document.querySelector(".parley-embed")!.shadowRoot!.querySelectorAll("form .err:not([hidden])").length === 2,
    );
    expect(await errors.allTextContents()).toEqual(["Please enter your name.", "Please enter a valid email address."]);
    for (const [control, i] of [
      [name, 0],
      [email, 1],
    ] as const) {
      await expect(control.getAttribute("aria-invalid")).resolves.toBe("true");
      await expect(control.getAttribute("aria-describedby")).resolves.toContain(await errors.nth(i).getAttribute("id"));
    }
    expect(
      await page.evaluate(() =>
        document.querySelector(".parley-embed")!.shadowRoot!.activeElement?.getAttribute("name"),
      ),
    ).toBe("authorName");
    await expect(form.locator(".row [role=status]").textContent()).resolves.toBe(""); // not a stale "Posting…"

    await name.fill("Fixed Name"); // the next submit clears both before the server answers again
    await form.getByRole("button", { name: "Post comment" }).click();
    await page.waitForFunction(
      () =>
        document.querySelector(".parley-embed")!.shadowRoot!.querySelectorAll("form .err:not([hidden])").length === 1,
    );
    expect(await errors.allTextContents()).toEqual(["Please enter a valid email address."]);
    await expect(name.getAttribute("aria-invalid")).resolves.toBeNull();
    await expect(name.getAttribute("aria-describedby")).resolves.toBeNull();
    expect(
      await page.evaluate(() =>
        document.querySelector(".parley-embed")!.shadowRoot!.activeElement?.getAttribute("name"),
      ),
    ).toBe("authorEmail");
    await page.close();
  });

  it("works from the keyboard: reply opens focused, Escape closes and returns focus", async () => {
    const page = await open("/big.html");
    const widget = page.locator(".parley-embed");
    const replyButton = widget.getByRole("button", { name: "Reply to Reader 1", exact: true });
    await replyButton.focus();
    await page.keyboard.press("Enter");
    await expect(replyButton.getAttribute("aria-expanded")).resolves.toBe("true");
    expect(
      await page.evaluate(() =>
        document.querySelector(".parley-embed")!.shadowRoot!.activeElement?.getAttribute("name"),
      ),
    ).toBe("body");
    await page.keyboard.press("Escape");
    await expect(widget.locator('form[aria-label="Reply to Reader 1"]').count()).resolves.toBe(0);
    expect(
      await page.evaluate(() => document.querySelector(".parley-embed")!.shadowRoot!.activeElement?.textContent),
    ).toBe("Reply");
    await page.close();
  });

  it("follows the thread closing and reopening live: the form and Reply buttons go, typed text stays", async () => {
    // Embedded threads have no admin screen yet: closed in the database, announced like any change.
    const threadId = await threadOf("closing");
    await post(threadId, { authorName: "Gil", body: "Before the close." });
    const setClosed = async (closed: boolean) => {
      await parley.deps.db.thread.update({ where: { id: threadId }, data: { closed } });
      parley.deps.publisher.publish({ type: "thread:settings-changed", threadId });
    };
    const [idle, typing] = [await open("/closing.html"), await open("/closing.html")];
    for (const p of [idle, typing]) await p.locator(".parley-embed[data-live=on]").waitFor();
    const topForm = (p: Page) => p.locator('.parley-embed form[aria-label="Leave a comment"]');
    const reply = (p: Page) => p.locator(".parley-embed").getByRole("button", { name: "Reply to Gil", exact: true });
    await reply(idle).click(); // an empty reply panel, open
    await idle.locator('.parley-embed form[aria-label="Reply to Gil"]').waitFor();
    const draft = "Typed before it closed";
    await topForm(typing).getByRole("textbox", { name: "Comment", exact: true }).fill(draft);

    await setClosed(true);
    const closedBox = idle.locator(".parley-embed .box", { hasText: "Comments are closed." });
    await closedBox.waitFor({ timeout: 5000 });
    await expect(topForm(idle).count()).resolves.toBe(0);
    await expect(idle.locator('.parley-embed form[aria-label="Reply to Gil"]').count()).resolves.toBe(0);
    await expect(reply(idle).isHidden()).resolves.toBe(true);
    await idle.screenshot({ path: "/tmp/shots/close-widget-idle.png" });
    const submit = topForm(typing).getByRole("button", { name: "Post comment" });
    await typing.waitForFunction(
      () =>
        document
          .querySelector(".parley-embed")!
          .shadowRoot!.querySelector<HTMLButtonElement>("form.cf button[type=submit]")?.disabled,
      null,
      { timeout: 5000 },
    );
    await expect(topForm(typing).getByRole("textbox", { name: "Comment", exact: true }).inputValue()).resolves.toBe(
      draft,
    );
    await expect(topForm(typing).getByRole("status").textContent()).resolves.toBe(
      "Comments are closed. What you wrote stays here, so you can copy it.",
    );
    await expect(reply(typing).isHidden()).resolves.toBe(true);
    await typing.screenshot({ path: "/tmp/shots/close-widget-typing.png" });

    await setClosed(false);
    await topForm(idle).waitFor({ timeout: 5000 }); // the widget renders its own form: no reload needed
    await expect(closedBox.count()).resolves.toBe(0);
    await expect(reply(idle).isVisible()).resolves.toBe(true);
    await typing.waitForFunction(
      () =>
        !document
          .querySelector(".parley-embed")!
          .shadowRoot!.querySelector<HTMLButtonElement>("form.cf button[type=submit]")?.disabled,
      null,
      { timeout: 5000 },
    );
    await expect(topForm(typing).getByRole("textbox", { name: "Comment", exact: true }).inputValue()).resolves.toBe(
      draft,
    );
    await expect(submit.isEnabled()).resolves.toBe(true);
    await idle.close();
    await typing.close();
  });
});

describe.skipIf(!chromiumAvailable())("embed widget over its new-thread allowance, in Chromium", () => {
  let parley: LiveApp;
  let host: Awaited<ReturnType<typeof serveHostPage>>;
  let browser: Browser;
  let siteId = "";

  beforeAll(async () => {
    await buildWidget();
    parley = await startLiveApp("sqlite", { env: { RATE_LIMIT_EMBED_THREADS_PER_HOUR: "1" } });
    host = await serveHostPage({
      parleyUrl: parley.url,
      get siteId() {
        return siteId;
      },
      files: {
        "/second.html": () =>
          `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title></head><body>` +
          `<script src="${parley.url}/embed.js" data-parley-site="${siteId}" data-parley-thread="second" async></script></body></html>`,
      },
    });
    siteId = (await registerTestSite(parley, [host.url])).id;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await parley?.close();
  });

  it("tells the reader why, in minutes, with no pointless Try again", async () => {
    await request(parley.app)
      .get("/api/embed/threads")
      .query({ site: siteId, page: "first" })
      .set("Origin", host.url)
      .expect(200); // the hour's one new thread
    const page = await browser.newPage();
    await page.goto(host.url + "/second.html");
    const alert = page.locator(".parley-embed [role=alert]");
    await alert.waitFor({ timeout: 10_000 });
    await expect(alert.locator("strong").textContent()).resolves.toBe("This discussion cannot start just now");
    await expect(alert.locator("p").textContent()).resolves.toBe(
      "Too many new discussions from your network; try again in 60 minutes.",
    );
    await expect(alert.getByRole("button").count()).resolves.toBe(0);
    await page.screenshot({ path: "/tmp/shots/close-widget-429.png" });
    await page.close();
  });
});
