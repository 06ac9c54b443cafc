import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DashboardCreateApiTokenDocument, DashboardCreateUserDocument } from "@engagement-tracker/schema";
import {
  apiAs,
  dashboardUrl,
  expectNoSeriousAxeViolations,
  launchBrowser,
  screenshot,
  signedIn,
  VIEWPORTS,
} from "./browser";

let browser: Browser;
let admin: BrowserContext;
let editor: BrowserContext;
let viewer: BrowserContext;
beforeAll(async () => {
  browser = await launchBrowser();
  [admin, editor, viewer] = await Promise.all([
    signedIn(browser, "admin"),
    signedIn(browser, "editor"),
    signedIn(browser, "viewer"),
  ]);
});
afterAll(() => browser?.close());

const nav = (page: Page) => page.getByRole("navigation", { name: "Main" });

/** Asks the API who a bearer token belongs to; null when the API does not accept it. */
async function whoseToken(token: string): Promise<string | null> {
  const response = await fetch(inject("apiUrl"), {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: "{ viewer { email } }" }),
  });
  const body = (await response.json()) as { data?: { viewer: { email: string } | null } | null };
  return body.data?.viewer?.email ?? null;
}

describe("the admin page", () => {
  it("lets an admin add a user, refusing a taken email beside the field, and change its role", async () => {
    const page = await admin.newPage();
    await page.goto("/");
    await nav(page).getByRole("link", { name: "Users" }).click();
    await page.waitForURL(/\/admin$/);

    const form = page.getByRole("region", { name: "Add a user" });
    await form.getByLabel("Name").fill("Casey Liaison");
    await form.getByLabel("Email").fill("admin@engagement-tracker.local");
    await form.getByLabel("Role").selectOption("ADMIN");
    await form.getByLabel("Password").fill("a long enough password 1");
    await form.getByRole("button", { name: "Add user" }).click();
    await expect
      .poll(() => page.locator("#field-email-error").innerText())
      .toBe("A user with that email already exists.");
    // What was typed stays, the role included; the password never does.
    expect(await form.getByLabel("Role").inputValue()).toBe("ADMIN");
    expect(await form.getByLabel("Name").inputValue()).toBe("Casey Liaison");
    expect(await form.getByLabel("Password").inputValue()).toBe("");

    const email = `casey-${Date.now()}@example.org`;
    await form.getByLabel("Email").fill(email);
    await form.getByLabel("Role").selectOption("VIEWER");
    await form.getByLabel("Password").fill("a long enough password 1");
    await form.getByRole("button", { name: "Add user" }).click();
    await expect.poll(() => form.getByRole("status").innerText()).toContain("Added Casey Liaison");

    const row = page.locator("tbody tr", { hasText: email });
    expect(await row.locator('td[data-label="Role"]').innerText()).toBe("Viewer");
    await row.getByLabel("Role of Casey Liaison").selectOption("EDITOR");
    await row.getByRole("button", { name: "Change role of Casey Liaison" }).click();
    await expect.poll(() => row.locator('td[data-label="Role"]').innerText()).toBe("Editor");
    await page.close();
  });

  it("offers an admin no role change and no Disable on their own account", async () => {
    const page = await admin.newPage();
    await page.goto("/admin");
    const row = page.locator("tbody tr", { hasText: "admin@engagement-tracker.local" });
    const name = await row.locator("strong").innerText();
    await row.getByText("Your own account: another admin changes its role or disables it.").waitFor();
    expect(await row.getByRole("button", { name: `Disable ${name}` }).count()).toBe(0);
    expect(await row.getByLabel(`Role of ${name}`).count()).toBe(0);
    await row.getByRole("button", { name: `Reset password of ${name}` }).waitFor();
    await page.close();
  });

  it("asks before disabling a user; keeping them changes nothing", async () => {
    const email = `dana-${Date.now()}@example.org`;
    const { createUser } = await (
      await apiAs("admin")
    )(DashboardCreateUserDocument, {
      input: { name: "Dana Disable", email, role: "VIEWER", password: "a long enough password 3" },
    });
    expect(createUser.errors).toEqual([]);
    const page = await admin.newPage();
    await page.goto("/admin");
    const row = page.locator("tbody tr", { hasText: email });

    await row.getByRole("button", { name: "Disable Dana Disable" }).click();
    const question = row.getByRole("alert").filter({ hasText: "Disable Dana Disable?" });
    await question.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain("Yes, disable");
    await row.getByRole("button", { name: "Keep active" }).click();
    await row.getByRole("button", { name: "Disable Dana Disable" }).waitFor();
    expect(await row.locator('td[data-label="Status"]').innerText()).toBe("Active");

    await row.getByRole("button", { name: "Disable Dana Disable" }).click();
    await row.getByRole("button", { name: "Yes, disable Dana Disable" }).click();
    await expect.poll(() => row.locator('td[data-label="Status"]').innerText()).toContain("Disabled");
    await page.close();
  });

  it("asks before disabling without JavaScript too", async () => {
    const context = await browser.newContext({
      baseURL: dashboardUrl,
      storageState: await admin.storageState(),
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    await page.goto("/admin");
    const row = page.locator("tbody tr", { hasText: "viewer@engagement-tracker.local" });
    const name = await row.locator("strong").innerText();
    await row.getByRole("button", { name: `Disable ${name}` }).click();
    await row.getByRole("button", { name: `Yes, disable ${name}` }).waitFor();
    expect(await row.locator('td[data-label="Status"]').innerText()).toBe("Active");
    await row.getByRole("button", { name: "Keep active" }).click();
    await row.getByRole("button", { name: `Disable ${name}` }).waitFor();
    expect(await row.locator('td[data-label="Status"]').innerText()).toBe("Active");
    await context.close();
  });

  it.each(Object.entries(VIEWPORTS))(
    "asks to confirm without serious accessibility violations at %s width",
    async (width, viewport) => {
      const page = await admin.newPage();
      await page.setViewportSize(viewport);
      await page.goto("/admin");
      const row = page.locator("tbody tr", { hasText: "editor@engagement-tracker.local" });
      await row.getByRole("button", { name: /^Disable / }).click();
      await row.getByRole("alert").waitFor();
      await screenshot(page, `admin-confirm-disable-${width}`);
      await expectNoSeriousAxeViolations(page);
      await page.close();
    },
  );

  it.each([
    { role: "viewer", context: () => viewer },
    { role: "editor", context: () => editor },
  ])("is neither linked nor shown to a $role", async ({ context }) => {
    const page = await context().newPage();
    // An admin's navigation has the link, so its name here is the real one.
    const adminPage = await admin.newPage();
    await adminPage.goto("/");
    await nav(adminPage).getByRole("link", { name: "Users" }).waitFor();
    await adminPage.close();
    await page.goto("/");
    await nav(page).getByRole("link", { name: "API tokens" }).waitFor();
    expect(await nav(page).getByRole("link", { name: "Users" }).count()).toBe(0);
    await page.goto("/admin");
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Admins only");
    expect(await page.locator("table").count()).toBe(0);
    await page.close();
  });
});

describe("the API tokens page", () => {
  it("shows a new token's secret once; the token works against the API until revoked", async () => {
    const page = await editor.newPage();
    await page.goto("/tokens");
    const form = page.getByRole("region", { name: "Create a token" });
    await form.getByLabel("Name").fill("Calendar sync");
    await form.getByLabel("Lifetime in days").fill("7");
    await form.getByRole("button", { name: "Create token" }).click();

    const secretField = page.getByLabel("Token secret");
    await secretField.waitFor();
    await page.getByText("You won’t see it again").waitFor();
    const secret = await secretField.inputValue();
    expect(await secretField.getAttribute("readonly")).not.toBeNull();
    expect(await whoseToken(secret)).toBe("editor@engagement-tracker.local");

    const row = page.locator("tbody tr", { hasText: "Calendar sync" });
    const prefix = (await row.locator("code").innerText()).replace("…", "");
    expect(secret.startsWith(prefix)).toBe(true);
    await page.reload();
    await row.waitFor();
    expect(await page.getByLabel("Token secret").count()).toBe(0);

    await row.getByRole("button", { name: "Revoke Calendar sync" }).click();
    await expect.poll(() => row.locator("td").last().innerText()).toMatch(/^Revoked/);
    expect(await whoseToken(secret)).toBeNull();
    await page.close();
  });

  it("shows an admin everyone's tokens, and lets the admin revoke another user's", async () => {
    const name = `Editor's script ${Date.now()}`;
    const { createApiToken } = await (
      await apiAs("editor")
    )(DashboardCreateApiTokenDocument, { input: { name, expiresInDays: 3 } });
    expect(await whoseToken(createApiToken.token!)).toBe("editor@engagement-tracker.local");
    const page = await admin.newPage();
    await page.goto("/tokens");
    await page.getByRole("heading", { name: "Everyone's tokens" }).waitFor();
    const row = page.locator("tbody tr", { hasText: name });
    await row.getByRole("button", { name: `Revoke ${name}` }).click();
    await expect.poll(() => row.locator("td").last().innerText()).toMatch(/^Revoked/);
    expect(await whoseToken(createApiToken.token!)).toBeNull();
    await page.close();
  });
});

describe.each(["admin", "tokens"])("/%s", (name) => {
  it("has no serious accessibility violations; screenshots at desktop and phone widths", async () => {
    const page = await admin.newPage();
    await page.goto(`/${name}`);
    await expectNoSeriousAxeViolations(page);
    // The layout reflows on a phone without a new request; axe once is enough.
    for (const [viewportName, viewport] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(viewport);
      await screenshot(page, `${name}-${viewportName}`);
    }
    await page.close();
  });
});
