import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, screenshot } from "./browser";
import { freePort, startDashboard, waitUntil, type StartedProcess } from "./processes";

// A second dashboard whose API is not running: every page must say so, never go blank.
let browser: Browser;
let dashboard: StartedProcess;
let url: string;
let deadApiUrl: string;
beforeAll(async () => {
  const [port, deadApiPort] = await Promise.all([freePort(), freePort()]);
  url = `http://127.0.0.1:${port}`;
  deadApiUrl = `http://127.0.0.1:${deadApiPort}/graphql`;
  dashboard = startDashboard(port, deadApiUrl);
  await waitUntil("The dashboard", async () => (await fetch(`${url}/sign-in`)).ok, dashboard);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await dashboard?.stop();
});

describe("when the API is not answering", () => {
  it("says so plainly on sign-in", async () => {
    const page = await browser.newPage({ baseURL: url });
    await page.goto("/sign-in");
    await page.getByLabel("Email").fill("editor@engagement-tracker.local");
    await page.getByLabel("Password").fill("whatever");
    await page.getByRole("button", { name: "Sign in" }).click();
    const problem = page.getByRole("alert").filter({ hasText: "There is a problem" });
    await expect.poll(() => problem.innerText()).toContain("not answering");
    // Where the API lives goes to the operator's log, never to an anonymous visitor.
    expect(await page.content()).not.toContain(deadApiUrl);
    expect(dashboard.output()).toContain(deadApiUrl);
  });

  it("says so plainly on the pages, keeping the navigation", async () => {
    const context = await browser.newContext({ baseURL: url });
    await context.addCookies([{ name: "et_session", value: "a-session", url }]);
    const page = await context.newPage();
    for (const path of ["/", "/engagements"]) {
      await page.goto(path);
      expect(await page.getByRole("main").getByRole("alert").innerText()).toContain("The API is not answering");
      expect(await page.content()).not.toContain(deadApiUrl);
    }
    await screenshot(page, "api-down-desktop");
    await context.close();
  });
});
