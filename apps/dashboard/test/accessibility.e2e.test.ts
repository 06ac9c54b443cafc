import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, it } from "vitest";
import { dashboardUrl, expectNoSeriousAxeViolations, launchBrowser, screenshot, signedIn, VIEWPORTS } from "./browser";

let browser: Browser;
let editor: BrowserContext;
let detailPath: string;
beforeAll(async () => {
  browser = await launchBrowser();
  editor = await signedIn(browser, "editor");
  const page = await editor.newPage();
  await page.goto("/engagements?q=Military%20Maritime%20Consultative");
  await page.getByRole("link", { name: /Military Maritime Consultative Agreement meeting/ }).click();
  await page.waitForURL(/\/engagements\/[^/?]+$/);
  detailPath = new URL(page.url()).pathname;
  await page.close();
});
afterAll(() => browser?.close());

const PAGES = [
  { name: "overview", path: () => "/" },
  { name: "engagements", path: () => "/engagements?status=PLANNED&status=CONFIRMED&status=POSTPONED" },
  { name: "engagements-empty", path: () => "/engagements?q=nothing-is-called-this" },
  { name: "engagements-upcoming", path: () => "/engagements" },
  // More filters open (the dates are set), sorted by health.
  { name: "engagements-dates", path: () => "/engagements?show=all&from=2026-01-01&to=2027-12-31&sort=health" },
  { name: "engagements-archived", path: () => "/engagements?show=archived" },
  { name: "engagement", path: () => detailPath },
  { name: "engagement-edit", path: () => `${detailPath}/edit` },
  { name: "engagement-new", path: () => "/engagements/new" },
  { name: "calendar", path: () => "/calendar" },
  { name: "calendar-week", path: () => "/calendar?mode=week" },
];

describe.each(Object.entries(VIEWPORTS))("at %s width", (viewportName, viewport) => {
  it.each(PAGES)("$name has no serious accessibility violations", async ({ name, path }) => {
    const page = await editor.newPage();
    await page.setViewportSize(viewport);
    await page.goto(path());
    await page.locator("main h1").waitFor();
    await screenshot(page, `${name}-${viewportName}`);
    await expectNoSeriousAxeViolations(page);
    await page.close();
  });

  it("sign-in has no serious accessibility violations", async () => {
    const context = await browser.newContext({ baseURL: dashboardUrl, viewport });
    const page = await context.newPage();
    await page.goto("/sign-in");
    await screenshot(page, `sign-in-${viewportName}`);
    await expectNoSeriousAxeViolations(page);
    await context.close();
  });
});
