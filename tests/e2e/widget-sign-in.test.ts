// Signing in from the embed widget in real Chromium, cross-site with third-party cookies blocked: the
// host page is on http://localhost:<port>, Parley on http://127.0.0.1:<port> (two sites). "log in
// with" opens a popup on Parley's origin → the real OpenID Connect provider's login and consent pages
// in that popup → the token comes back by postMessage → "You are commenting as …", post (verified),
// reload (still signed in), Log out (forgotten, here and on the server). A message from any other
// origin is ignored. Screenshots on desktop and phone, light and dark.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable } from "../support/browser.ts";
import { startCrossSiteWidget, type CrossSiteWidget } from "../support/cross-site-widget.ts";
import { passProviderPages, startOidcProvider, type TestOidcProvider } from "../support/oidc-provider.ts";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink.ts";

describe.skipIf(!chromiumAvailable())("signing in from the widget on another site, in Chromium", () => {
  let w: CrossSiteWidget;
  let idp: TestOidcProvider;
  let smtp: SmtpSink;

  beforeAll(async () => {
    w = await startCrossSiteWidget({
      thread: "signing-in",
      title: "Signing in",
      realtime: true,
      async services(parleyUrl) {
        idp = await startOidcProvider({ redirectUris: [`${parleyUrl}/auth/oidc/callback`] });
        smtp = await startSmtpSink();
        return {
          env: { SMTP_URL: smtp.url, MAIL_POLL_SECONDS: "0.2", ...idp.env },
          imgSrc: [idp.issuer], // the reader's avatar, from the provider
        };
      },
    });
  });
  afterAll(async () => {
    await w?.close();
    await idp?.close();
    await smtp?.close();
  });

  for (const [name, viewport, colorScheme, login] of [
    ["desktop-light", { width: 1280, height: 900 }, "light", "wanda"],
    ["phone-dark", { width: 390, height: 844 }, "dark", "omar"],
  ] as const) {
    it(`log in with → popup → provider → back, post verified, reload, log out (${name})`, async () => {
      const { context, page, problems } = await w.newPage({ viewport, colorScheme });
      await page.goto(`${w.hostUrl}/post${colorScheme === "dark" ? "?dark" : ""}`);
      const widget = page.locator(".parley-embed");
      const form = widget.locator('form[aria-label="Leave a comment"]');
      const text = `Signed in from the widget (${name}).`;
      await form.getByText("or log in with").waitFor();
      await form.getByRole("textbox", { name: "Comment", exact: true }).fill(text);

      // A message from the host page (not Parley's origin, not the popup) signs nobody in.
      await forgedMessageIgnored(page);
      expect(await widget.locator(".signed-in-as").count()).toBe(0);
      await shot(page, widget, `/tmp/identity-widget-${name}-1-buttons.png`);

      const popupOpened = context.waitForEvent("page");
      await form.locator('.sib[data-provider="oidc"]').click();
      const popup = await popupOpened;
      popup.setDefaultTimeout(15_000);
      await popup.waitForURL((u) => u.origin === idp.issuer);
      await popup.screenshot({ path: `/tmp/identity-widget-${name}-2-provider-popup.png` });
      const closed = popup.waitForEvent("close");
      await passProviderPages(popup, login);
      await closed; // the popup posted the token and closed itself

      const who = form.locator(".signed-in-as");
      await who.waitFor();
      const readerName = `Reader ${login[0]!.toUpperCase()}${login.slice(1)}`;
      await expect(who.textContent()).resolves.toMatch(
        new RegExp(`You are commenting as\\s*${readerName}\\s*\\(Test ID\\)`),
      );
      await expect(form.getByRole("textbox", { name: "Name", exact: true }).isHidden()).resolves.toBe(true);
      await expect(form.getByRole("textbox", { name: "Comment", exact: true }).inputValue()).resolves.toBe(text);
      await expect(who.locator("img").getAttribute("referrerpolicy")).resolves.toBe("no-referrer");
      await shot(page, widget, `/tmp/identity-widget-${name}-3-signed-in.png`);

      await form.getByRole("button", { name: "Post comment" }).click();
      const posted = widget.locator("li.comment", { hasText: text });
      await posted.locator(".comment-verified").waitFor();
      await expect(posted.locator(".comment-author b").textContent()).resolves.toBe(readerName);
      await expect(posted.locator(".comment-verified").getAttribute("title")).resolves.toBe("Signed in with Test ID");
      const commentId = (await posted.getAttribute("data-comment-id"))!;
      const stored = await w.t.deps.db.comment.findUniqueOrThrow({ where: { id: commentId } });
      expect(stored.readerAccountId).not.toBeNull();

      await page.reload();
      await form.locator(".signed-in-as").waitFor();
      await widget.locator("li.comment", { hasText: text }).locator(".comment-verified").waitFor();
      await shot(page, widget, `/tmp/identity-widget-${name}-4-after-reload.png`);

      await form.getByRole("button", { name: "Log out" }).click();
      await form.getByRole("textbox", { name: "Name", exact: true }).waitFor();
      expect(await form.locator(".signed-in-as").count()).toBe(0);
      await expect(page.evaluate((id) => localStorage.getItem(`parley:signIn:${id}`), w.siteId)).resolves.toBeNull();
      await expect.poll(() => sessionsOf(stored.readerAccountId!)).toBe(0);
      await page.reload();
      await form.getByText("or log in with").waitFor();
      expect(await form.locator(".signed-in-as").count()).toBe(0);

      expect(problems).toEqual([]);
      await context.close();
    });
  }

  it("email me a sign-in link → the mail's link → back on the page, signed in (desktop)", async () => {
    const { context, page, problems } = await w.newPage();
    await page.goto(`${w.hostUrl}/post`);
    const form = page.locator('.parley-embed form[aria-label="Leave a comment"]');
    await form.getByRole("button", { name: "Email me a sign-in link" }).click();
    // The link's fields come with the panels' bundle on that click (embed-panels.js).
    await form.locator(".mail-link").getByRole("textbox", { name: "Name", exact: true }).fill("Mailed Reader");
    await form.getByRole("textbox", { name: "Email for the sign-in link" }).fill("mailed@example.org");
    await shot(page, page.locator(".parley-embed"), "/tmp/identity-widget-email-1-ask.png");
    await form.getByRole("button", { name: "Send me the link" }).click();
    await form.getByText("Check your mailbox: we sent a sign-in link to mailed@example.org").waitFor();
    await w.t.deps.mailer.runOnce(); // the worker's next pass (tests drive it)
    const mails = await smtp.waitFor((m) => m.some((x) => x.to.includes("mailed@example.org")));
    const mail = mails.find((x) => x.to.includes("mailed@example.org"))!;
    const link = /http:\/\/\S+\/auth\/email\/verify\?t=[\w%-]+/.exec(mail.text)![0];

    await page.goto(link); // as if opened from the mail
    await page.getByRole("button", { name: "Sign me in" }).click();
    await page.waitForURL((u) => u.origin === w.hostUrl);
    await form.locator(".signed-in-as").waitFor();
    await expect(form.locator(".signed-in-as").textContent()).resolves.toMatch(
      /You are commenting as\s*Mailed Reader\s*\(email\)/,
    );
    expect(page.url()).not.toContain("parley-sign-in"); // the token left the address bar
    await page.reload();
    await form.locator(".signed-in-as").waitFor();
    await shot(page, page.locator(".parley-embed"), "/tmp/identity-widget-email-2-signed-in.png");
    expect(problems).toEqual([]);
    await context.close();
  });

  const sessionsOf = (accountId: string) => w.t.deps.db.readerSession.count({ where: { accountId } });
});

/** Posts a well-formed sign-in message from the host page itself and waits until it was delivered. */
async function forgedMessageIgnored(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        window.addEventListener("message", () => resolve(), { once: true });
        const reader = { name: "Mallory", provider: "oidc", providerLabel: "Test ID", avatarUrl: null };
        window.postMessage({ type: "parley:signed-in", token: "f".repeat(43), expiresAt: "", reader }, "*");
      }),
  );
}

async function shot(page: Page, widget: ReturnType<Page["locator"]>, path: string) {
  const box = (await widget.boundingBox())!;
  const vp = page.viewportSize()!;
  await page.screenshot({
    path,
    fullPage: true,
    clip: { x: 0, y: Math.max(0, box.y - 10), width: vp.width, height: Math.min(box.height + 20, 1600) },
  });
}
