import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dashboardUrl, expectNoSeriousAxeViolations, launchBrowser, signedIn, VIEWPORTS } from "./browser";

let browser: Browser;
let viewer: BrowserContext;
beforeAll(async () => {
  browser = await launchBrowser();
  viewer = await signedIn(browser, "viewer");
});
afterAll(() => browser?.close());

describe("calendar feeds on the tokens page", () => {
  it("shows a new feed's address once, offers a webcal link, serves the feed to a calendar without a session, and stops at revocation", async () => {
    const page = await viewer.newPage();
    await page.setViewportSize(VIEWPORTS.phone);
    await page.goto("/tokens");
    const section = page.getByRole("region", { name: "Calendar feeds" });
    await section.getByLabel("Name").fill("Outlook on my phone");
    await section.getByRole("button", { name: "Create calendar feed" }).click();

    const addressField = section.getByLabel("Feed address");
    await addressField.waitFor();
    const address = await addressField.inputValue();
    expect(address).toMatch(new RegExp(`^${dashboardUrl}/calendar/etc_[A-Za-z0-9_-]{43}\\.ics$`));
    const webcal = await section.getByRole("link", { name: "Subscribe in your calendar program" }).getAttribute("href");
    expect(webcal).toBe(address.replace(/^http:/, "webcal:"));
    await expectNoSeriousAxeViolations(page);

    // A calendar program polls with no cookie, and asks again with the ETag it was given.
    const feed = await fetch(address);
    expect(feed.status).toBe(200);
    expect(feed.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const body = await feed.text();
    expect(body).toContain("BEGIN:VCALENDAR");
    expect(body).toContain("SUMMARY:Military Maritime Consultative Agreement meeting\\, Honolulu");
    const again = await fetch(address, { headers: { "if-none-match": feed.headers.get("etag")! } });
    expect(again.status).toBe(304);

    const row = section.locator("tbody tr", { hasText: "Outlook on my phone" });
    expect(address).toContain((await row.locator("code").innerText()).replace("…", ""));
    await page.reload();
    await row.waitFor();
    expect(await section.getByLabel("Feed address").count()).toBe(0);

    await row.getByRole("button", { name: "Revoke Outlook on my phone" }).click();
    await expect.poll(() => row.locator("td").last().innerText()).toMatch(/^Revoked/);
    expect((await fetch(address)).status).toBe(404);
    await page.close();
  });
});
