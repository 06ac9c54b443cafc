import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { dashboardUrl, launchBrowser, signedIn } from "./browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(() => browser?.close());

describe("signing in and out", () => {
  it("sends a signed-out reader to sign in, then back where they were going, even without JavaScript", async () => {
    const context = await browser.newContext({ baseURL: dashboardUrl, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/engagements?status=PLANNED");
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    await page.getByLabel("Email").fill("viewer@engagement-tracker.local");
    await page.getByLabel("Password").fill(inject("demoPassword"));
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${dashboardUrl}/engagements?status=PLANNED`);
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Engagements");
    await context.close();
  });

  it.each(["/%09/evil.example", "/%5C/evil.example", "//evil.example"])(
    "stays on the dashboard after signing in with next=%s",
    async (next) => {
      const context = await browser.newContext({ baseURL: dashboardUrl });
      // Were the browser sent there, it would land on this page rather than fail to resolve the name.
      await context.route(
        (url) => url.hostname === "evil.example",
        (route) => route.fulfill({ body: "elsewhere", contentType: "text/html" }),
      );
      const page = await context.newPage();
      await page.goto(`/sign-in?next=${next}`);
      await page.getByLabel("Email").fill("viewer@engagement-tracker.local");
      await page.getByLabel("Password").fill(inject("demoPassword"));
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL((url) => url.pathname !== "/sign-in");
      expect(page.url()).toBe(`${dashboardUrl}/`);
      await context.close();
    },
  );

  it("refuses a wrong password beside the field, keeping the email", async () => {
    const page = await browser.newPage({ baseURL: dashboardUrl });
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill("editor@engagement-tracker.local");
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect
      .poll(() => page.locator("#field-password-error").innerText())
      .toBe("That email and password do not match an active account.");
    expect(await page.getByLabel("Email").inputValue()).toBe("editor@engagement-tracker.local");
    await page.close();
  });

  it("signs out: the session ends and the pages ask to sign in again", async () => {
    const context = await signedIn(browser, "editor");
    const page = await context.newPage();
    await page.goto("/");
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(`${dashboardUrl}/sign-in`);
    await page.goto("/engagements");
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    await context.close();
  });

  it("sends a reader whose session the API no longer knows to sign in, once", async () => {
    const context = await browser.newContext({ baseURL: dashboardUrl });
    await context.addCookies([{ name: "et_session", value: "ets_expired", url: dashboardUrl }]);
    const page = await context.newPage();
    await page.goto("/");
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Sign in");
    await context.close();
  });
});
