// An admin manages the moderators in real Chromium: adds one, makes them an admin and back, disables
// them (their open session ends at once) and enables them again; their own row has no buttons.
// Screenshots on desktop (light) and phone (dark). The password reset pages are shot too.
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable } from "../support/browser.ts";
import {
  CONSOLE_ADMIN as ADMIN,
  startConsoleInChromium,
  type ConsoleInChromium,
} from "../support/console-in-chromium.ts";

describe.skipIf(!chromiumAvailable())("managing moderators in the console", () => {
  let c: ConsoleInChromium;

  beforeAll(async () => {
    c = await startConsoleInChromium();
  });
  afterAll(() => c?.close());

  for (const [name, viewport, colorScheme] of [
    ["desktop-light", { width: 1280, height: 900 }, "light"],
    ["phone-dark", { width: 390, height: 844 }, "dark"],
  ] as const) {
    it(`adds, promotes, disables and re-enables a moderator (${name})`, async () => {
      const context = await c.browser.newContext({ viewport, colorScheme });
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(`${c.t.url}/moderate#/moderators`);
      await page.getByRole("link", { name: "Forgot your password?" }).waitFor();
      await page.fill("#login-email", ADMIN.email);
      await page.fill("#login-password", ADMIN.password);
      await page.click("#login-form button[type=submit]");
      const form = page.locator('form[aria-label="Add a moderator"]');
      await form.waitFor();
      const me = page.locator("tr", { hasText: ADMIN.email });
      await expect(me.locator("td").nth(2).textContent()).resolves.toBe("Admin (you)");
      expect(await me.locator("button, select").count()).toBe(0);

      const email = `mia-${name}@example.org`;
      await form.getByLabel("Email").fill(email);
      await form.getByLabel("Name").fill(`Mia ${name}`);
      await form.getByLabel(/First password/).fill("short");
      await form.getByRole("button", { name: "Add" }).click();
      await form.locator(".field-error:not([hidden])", { hasText: "at least 10" }).waitFor();
      await form.getByLabel(/First password/).fill("a long first password");
      await form.getByRole("button", { name: "Add" }).click();
      const mia = page.locator("tr", { hasText: email });
      await mia.waitFor();

      // Mia signs in elsewhere; disabling her ends that session.
      const login = await request(c.t.app).post("/api/auth/login").send({ email, password: "a long first password" });
      const cookie = String(login.headers["set-cookie"]?.[0] ?? "").split(";")[0]!;
      await request(c.t.app).get("/api/auth/me").set("Cookie", cookie).expect(200);

      await mia.getByLabel(`Role of Mia ${name}`).selectOption("admin");
      await expect.poll(async () => (await c.t.deps.db.moderator.findUnique({ where: { email } }))?.role).toBe("admin");
      await page.locator("tr", { hasText: email }).getByLabel(`Role of Mia ${name}`).selectOption("moderator");
      await expect
        .poll(async () => (await c.t.deps.db.moderator.findUnique({ where: { email } }))?.role)
        .toBe("moderator");
      await page.locator("tr", { hasText: email }).getByRole("button", { name: "Disable" }).click();
      await page.locator("tr", { hasText: email }).getByRole("button", { name: "Enable" }).waitFor();
      await expect(page.locator("tr", { hasText: email }).locator("td").nth(3).textContent()).resolves.toBe("Disabled");
      await request(c.t.app).get("/api/auth/me").set("Cookie", cookie).expect(401);
      await page.screenshot({ path: `/tmp/identity-console-moderators-${name}.png`, fullPage: true });
      await page.locator("tr", { hasText: email }).getByRole("button", { name: "Enable" }).click();
      await page.locator("tr", { hasText: email }).getByRole("button", { name: "Disable" }).waitFor();

      await page.goto(`${c.t.url}/moderate/forgot-password`);
      await page.getByLabel("Your account's email").fill(email);
      await page.getByRole("button", { name: "Mail me a reset link" }).click();
      await page.getByText("If a moderator account has that address").waitFor();
      await page.screenshot({ path: `/tmp/identity-forgot-password-${name}.png`, fullPage: true });
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
