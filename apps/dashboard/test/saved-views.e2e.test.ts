import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoSeriousAxeViolations, launchBrowser, signedIn, tableTitles, VIEWPORTS } from "./browser";

let browser: Browser;
let editor: BrowserContext;
let viewer: BrowserContext;
beforeAll(async () => {
  browser = await launchBrowser();
  [editor, viewer] = await Promise.all([signedIn(browser, "editor"), signedIn(browser, "viewer")]);
});
afterAll(() => browser?.close());

const pinnedNav = (page: Page) => page.getByRole("navigation", { name: "Pinned views" });
const NAME = "Site surveys, all of them";

describe("saved views", () => {
  it("saves the list's filters and order under a name, shared and pinned, and opens it again from the navigation", async () => {
    const page = await editor.newPage();
    await page.goto("/engagements?show=all&kind=SITE_SURVEY&sort=title&dir=desc");
    const expected = await tableTitles(page);
    expect(expected.length).toBeGreaterThan(1);

    await page.getByText("Save this view").click();
    await page.getByLabel("Name", { exact: true }).fill(NAME);
    await page.getByLabel("Share with everyone").check();
    await page.getByRole("button", { name: "Save view" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: `Saved “${NAME}”` })
      .waitFor();

    await page.goto("/");
    await pinnedNav(page).getByRole("link", { name: NAME }).click();
    await page.waitForURL(/\/engagements\?/);
    const url = new URL(page.url());
    expect(url.searchParams.getAll("kind")).toEqual(["SITE_SURVEY"]);
    expect(url.searchParams.get("sort")).toBe("title");
    expect(url.searchParams.get("dir")).toBe("desc");
    expect(await tableTitles(page)).toEqual(expected);
    await page.close();
  });

  it("shows a shared view to a viewer, who can pin it but not share views of their own", async () => {
    const page = await viewer.newPage();
    await page.setViewportSize(VIEWPORTS.phone);
    await page.goto("/engagements");
    await page.getByText("Save this view").click();
    expect(await page.getByLabel("Share with everyone").count()).toBe(0);

    await page.goto("/views");
    const row = page.locator("tbody tr", { hasText: NAME });
    expect(await row.locator("td").nth(1).innerText()).toBe("Shared");
    expect(await row.getByRole("button", { name: `Delete ${NAME}` }).count()).toBe(0);
    expect(await pinnedNav(page).getByRole("link", { name: NAME }).count()).toBe(0);
    await row.getByRole("button", { name: `Pin ${NAME}` }).click();
    await pinnedNav(page).getByRole("link", { name: NAME }).waitFor();
    await expectNoSeriousAxeViolations(page);
    await page.close();
  });

  it('pins "Needs attention" for everyone: at-risk and overdue engagements, soonest first', async () => {
    const page = await viewer.newPage();
    await page.goto("/views");
    await pinnedNav(page).getByRole("link", { name: "Needs attention" }).click();
    await page.waitForURL(/health=/);
    const url = new URL(page.url());
    expect(url.searchParams.getAll("health").sort()).toEqual(["AT_RISK", "OVERDUE"]);
    expect(url.searchParams.get("sort")).toBeNull();
    expect((await tableTitles(page)).length).toBeGreaterThan(0);
    await page.close();
  });

  it("lists the demo's shared MMCA preparation view, which opens the upcoming MMCA meetings", async () => {
    const page = await viewer.newPage();
    await page.goto("/views");
    const row = page.locator("tbody tr", { hasText: "MMCA preparation" });
    expect(await row.locator("td").nth(1).innerText()).toBe("Shared");
    await row.getByRole("link", { name: "MMCA preparation" }).click();
    await page.waitForURL(/series=/);
    expect(new URL(page.url()).searchParams.get("show")).toBeNull(); // upcoming: the list's default
    const titles = await tableTitles(page);
    expect(titles).toContain("Military Maritime Consultative Agreement meeting, Honolulu");
    // Past meetings and other series' engagements are left out.
    expect(titles).not.toContain("MMCA working group meeting, Shanghai (April 2025)");
    expect(titles).not.toContain("Joint site survey for missing WWII U.S. personnel, Guangxi Zhuang Autonomous Region");
    await page.close();
  });

  it("lets its owner rename and delete a view", async () => {
    const page = await editor.newPage();
    await page.goto("/views");
    const renamed = `${NAME} (renamed)`;
    await page.getByLabel(`New name for ${NAME}`).fill(renamed);
    await page.getByRole("button", { name: `Rename ${NAME}` }).click();
    await pinnedNav(page).getByRole("link", { name: renamed }).waitFor();
    const row = page.locator("tbody tr", { hasText: renamed });
    await row.getByRole("button", { name: `Delete ${renamed}` }).click();
    await expect.poll(() => page.locator("tbody tr", { hasText: renamed }).count()).toBe(0);
    expect(await pinnedNav(page).getByRole("link", { name: renamed }).count()).toBe(0);
    await page.close();
  });
});
