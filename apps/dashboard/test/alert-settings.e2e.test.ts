import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoSeriousAxeViolations, launchBrowser, screenshot, signedIn, VIEWPORTS } from "./browser";

let browser: Browser;
let viewer: BrowserContext;
beforeAll(async () => {
  browser = await launchBrowser();
  viewer = await signedIn(browser, "viewer");
});
afterAll(() => browser?.close());

describe("my alert settings", () => {
  it("are reached from the header, saved as a whole, and kept", async () => {
    const page = await viewer.newPage();
    await page.goto("/");
    await page.getByRole("banner").getByRole("link", { name: "Alert settings" }).click();
    await page.waitForURL(/\/settings\/alerts$/);
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("My alert settings");
    expect(await page.getByText("Alerts go to").innerText()).toContain("viewer@engagement-tracker.local");

    await page.getByLabel("A milestone is due soon").uncheck();
    await page.getByLabel("One daily digest of what needs attention today").check();
    await page.getByLabel("Quiet from").fill("22:00");
    await page.getByLabel("Quiet until").fill("07:00");
    await page.getByLabel("Time zone").selectOption("Europe/Paris");
    await page.getByLabel("Due soon means within").fill("5");
    await page.getByRole("button", { name: "Save alert settings" }).click();
    await expect.poll(() => page.getByRole("main").getByRole("status").innerText()).toBe("Alert settings saved.");

    await page.reload();
    expect(await page.getByLabel("A milestone is due soon").isChecked()).toBe(false);
    expect(await page.getByLabel("An engagement becomes overdue").isChecked()).toBe(true);
    expect(await page.getByLabel("One daily digest of what needs attention today").isChecked()).toBe(true);
    expect(await page.getByLabel("Quiet from").inputValue()).toBe("22:00");
    expect(await page.getByLabel("Quiet until").inputValue()).toBe("07:00");
    expect(await page.getByLabel("Time zone").inputValue()).toBe("Europe/Paris");
    expect(await page.getByLabel("Due soon means within").inputValue()).toBe("5");
    await page.close();
  });

  it("refuses quiet hours without an end beside the field, and saves nothing", async () => {
    const page = await viewer.newPage();
    await page.goto("/settings/alerts");
    const before = await page.getByLabel("Due soon means within").inputValue();
    await page.getByLabel("Quiet from").fill("21:00");
    await page.getByLabel("Quiet until").fill("");
    await page.getByLabel("Due soon means within").fill(before === "9" ? "8" : "9");
    await page.getByRole("button", { name: "Save alert settings" }).click();
    await expect
      .poll(() => page.locator("#field-quietUntil-error").innerText())
      .toBe("Write times as HH:MM, e.g. 07:00.");
    // The summary takes focus and links to the field.
    expect(await page.getByRole("alert").getByRole("link").innerText()).toContain("Quiet until");
    expect(await page.getByLabel("Quiet from").inputValue()).toBe("21:00");

    await page.reload();
    expect(await page.getByLabel("Due soon means within").inputValue()).toBe(before);
    await page.close();
  });

  it.each(Object.entries(VIEWPORTS))("has no serious accessibility violations at %s width", async (width, viewport) => {
    const page = await viewer.newPage();
    await page.setViewportSize(viewport);
    await page.goto("/settings/alerts");
    await expectNoSeriousAxeViolations(page);
    // Nothing wider than the screen: the form reflows on a phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    await screenshot(page, `alert-settings-${width}`);
    await page.close();
  });
});
