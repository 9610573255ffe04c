// Moderators signing in with an identity provider, in real Chromium against the real OpenID Connect
// provider (oidc-provider on loopback). With no mail relay, the admin's "Link a sign-in provider"
// shows the one-time invitation to hand over; the moderator opens it, chooses the provider, passes
// its pages and is linked; then "Sign in with Test ID" on the console's sign-in page opens the
// console as that moderator, and the Moderators page shows the linked provider (and unlinks it).
// Screenshots of the sign-in page and the Moderators page: desktop and phone, light and dark.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createModerator } from "../../src/accounts/create-moderator.ts";
import { chromiumAvailable, launchChromium } from "../support/browser.ts";
import { listen } from "../support/listen.ts";
import { passProviderPages, startOidcProvider, type TestOidcProvider } from "../support/oidc-provider.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";

const ADMIN = {
  email: "boss@example.org",
  name: "Boss",
  password: "correct horse battery staple",
  role: "admin",
} as const;
const MOD = {
  email: "mona@example.org",
  name: "Mona",
  password: "another long passphrase",
  role: "moderator",
} as const;
const VARIANTS = [
  ["desktop-light", { width: 1280, height: 900 }, "light"],
  ["desktop-dark", { width: 1280, height: 900 }, "dark"],
  ["phone-light", { width: 390, height: 844 }, "light"],
  ["phone-dark", { width: 390, height: 844 }, "dark"],
] as const;

describe.skipIf(!chromiumAvailable())("moderators signing in with an identity provider, in Chromium", () => {
  let t: TestApp;
  let app: TestApp["app"] | undefined;
  let server: Awaited<ReturnType<typeof listen>>;
  let idp: TestOidcProvider;
  let browser: Browser;

  beforeAll(async () => {
    server = await listen((req, res) => app!(req, res));
    idp = await startOidcProvider({ redirectUris: [`${server.url}/auth/oidc/callback`] });
    t = await createTestApp("sqlite", { PUBLIC_URL: server.url, ...idp.env }); // no SMTP_URL: invitations are handed over
    app = t.app;
    await createModerator(t.deps, ADMIN);
    await createModerator(t.deps, MOD);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await idp?.close();
    await t?.close();
  });

  async function signInWithPassword(page: Page, who: { email: string; password: string }) {
    await page.fill("#login-email", who.email);
    await page.fill("#login-password", who.password);
    await page.click("#login-form button[type=submit]");
  }

  it("an admin invites, the moderator links Test ID, then signs in with it; the admin sees it and unlinks", async () => {
    const admin = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await admin.newPage();
    page.setDefaultTimeout(15_000);
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${server.url}/moderate#/moderators`);
    await signInWithPassword(page, ADMIN);
    const row = page.locator("tr", { hasText: MOD.email });
    await expect(row.locator("td.identities").textContent()).resolves.toContain("Password only");
    await row.getByRole("button", { name: "Link a sign-in provider" }).click();
    const invitation = row.getByRole("textbox", { name: "Invitation link" });
    await invitation.waitFor();
    await expect(row.textContent()).resolves.toContain("Hand this link to Mona (it works once, for 60 minutes");
    const link = await invitation.inputValue();
    expect(link).toMatch(/\/moderate\/link-provider\?t=[\w-]{40,}$/);
    await page.screenshot({ path: "/tmp/identity-moderator-invitation-desktop-light.png", fullPage: true });

    // The moderator, in their own browser: the invitation, the provider's pages, linked.
    const mona = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const monaPage = await mona.newPage();
    monaPage.setDefaultTimeout(15_000);
    await monaPage.goto(link);
    await monaPage.getByText("the moderator account of Mona").waitFor();
    await monaPage.screenshot({ path: "/tmp/identity-moderator-invitation-page-phone.png", fullPage: true });
    await monaPage.getByRole("link", { name: "Link Test ID" }).click();
    await passProviderPages(monaPage, "mona");
    await monaPage.getByRole("heading", { name: "Test ID is linked" }).waitFor();
    await monaPage.screenshot({ path: "/tmp/identity-moderator-linked-phone.png", fullPage: true });
    await mona.close();

    // Signing in with it, in a fresh browser: the console opens as Mona.
    const fresh = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const signIn = await fresh.newPage();
    signIn.setDefaultTimeout(15_000);
    await signIn.goto(`${server.url}/moderate`);
    await signIn.getByRole("link", { name: "Sign in with Test ID" }).click();
    await passProviderPages(signIn, "mona");
    await signIn.waitForURL(`${server.url}/moderate`);
    await signIn.locator("#app-view").waitFor();
    await expect.poll(() => signIn.locator("#me-name").textContent()).toBe("Mona");
    expect(await signIn.locator("#login-view").isHidden()).toBe(true);

    // A stranger's provider account is refused, and says why.
    const stranger = await browser.newContext();
    const strangerPage = await stranger.newPage();
    strangerPage.setDefaultTimeout(15_000);
    await strangerPage.goto(`${server.url}/moderate`);
    await strangerPage.getByRole("link", { name: "Sign in with Test ID" }).click();
    await passProviderPages(strangerPage, "stranger");
    await strangerPage.getByText("This Test ID account is not linked to a moderator account").waitFor();
    await strangerPage.screenshot({ path: "/tmp/identity-moderator-not-linked-desktop.png", fullPage: true });
    await stranger.close();

    // The admin sees the linked provider, then unlinks it.
    await page.reload();
    const linked = page.locator("tr", { hasText: MOD.email });
    await expect(linked.locator("td.identities").textContent()).resolves.toContain("Reader Mona");
    page.once("dialog", (d) => void d.accept());
    await linked.getByRole("button", { name: /^Unlink Test ID/ }).click();
    await expect.poll(() => t.deps.db.moderatorIdentity.count()).toBe(0);
    await expect(linked.locator("td.identities").textContent()).resolves.toContain("Password only");
    expect(errors).toEqual([]);
    await fresh.close();
    await admin.close();
  });

  for (const [name, viewport, colorScheme] of VARIANTS)
    it(`the sign-in page and the Moderators page (${name})`, async () => {
      if (!(await t.deps.db.moderatorIdentity.count())) {
        const mod = await t.deps.db.moderator.findUniqueOrThrow({ where: { email: MOD.email } });
        await t.deps.db.moderatorIdentity.create({
          data: { moderatorId: mod.id, provider: "oidc", subject: "mona", label: "Reader Mona (mona@example.test)" },
        });
      }
      const context = await browser.newContext({ viewport, colorScheme });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await page.goto(`${server.url}/moderate`);
      await page.getByRole("link", { name: "Sign in with Test ID" }).waitFor();
      await page.screenshot({ path: `/tmp/identity-console-sign-in-${name}.png`, fullPage: true });
      await page.goto(`${server.url}/moderate#/moderators`);
      await signInWithPassword(page, ADMIN);
      await page.locator("tr", { hasText: MOD.email }).getByText("Reader Mona").waitFor();
      await page.screenshot({ path: `/tmp/identity-console-moderators-providers-${name}.png`, fullPage: true });
      await context.close();
    });
});
