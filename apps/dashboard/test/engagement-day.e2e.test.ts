import { DashboardViewerDocument } from "@engagement-tracker/schema";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import {
  apiAs,
  browserSession,
  engagementOfMyOwn,
  expectNoSeriousAxeViolations,
  sameSession,
  screenshot,
  VIEWPORTS,
} from "./browser";

// A desk officer's day on one engagement's page: milestones, archiving, postponing.
const session = browserSession("editor");
let editorName: string;
beforeAll(async () => {
  const { viewer } = await (await apiAs("editor"))(DashboardViewerDocument, {});
  editorName = viewer!.name;
});

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const milestones = (page: Page) => page.getByRole("region", { name: "Milestones" });
const activity = (page: Page) => page.getByRole("region", { name: "Activity" });
const changeStatus = (page: Page) => page.getByRole("region", { name: "Change status" });
const header = (page: Page) => page.locator("main header");

async function openOwn(page: Page, id: string, title: string, query = "") {
  await page.goto(`/engagements/${encodeURIComponent(id)}${query}`);
  await page.getByRole("heading", { level: 1, name: title }).waitFor();
}

async function activitySummaries(page: Page, filter: string): Promise<string[]> {
  await activity(page).getByLabel("Show").selectOption({ label: filter });
  await activity(page).getByRole("button", { name: "Show" }).click();
  await page.waitForURL(/activity=/);
  return (await activity(page).locator("ol > li > p:first-child").allInnerTexts()).map((text) => text.trim());
}

describe("milestones on the engagement page", () => {
  it("adds, edits, completes and removes a milestone, each seen in the activity", async () => {
    const page = session.page;
    const { id, title } = await engagementOfMyOwn({ status: "PLANNED" });
    await openOwn(page, id, title);
    const list = milestones(page);

    // A due date the API refuses: its message shows beside the field, and what was typed stays.
    await list.getByLabel("Title").last().fill("Delegation list exchanged");
    await list.getByLabel("Due date").last().fill("2201-01-01");
    await list.getByLabel("Note (optional)").last().fill("Via the defense attaché");
    await list.getByRole("button", { name: "Add milestone" }).click();
    await list.getByText("Dates must fall between 1900 and 2200.").waitFor();
    expect(await list.getByLabel("Title").last().inputValue()).toBe("Delegation list exchanged");
    expect(await list.getByLabel("Note (optional)").last().inputValue()).toBe("Via the defense attaché");

    await list.getByLabel("Due date").last().fill(inDays(10));
    await list.getByRole("button", { name: "Add milestone" }).click();
    await list.getByRole("status").getByText('Added "Delegation list exchanged".').waitFor();
    await list.getByText("Via the defense attaché", { exact: true }).first().waitFor();

    await list.getByText("Edit: Delegation list exchanged").click();
    const editTitle = list.locator("details[open]").getByLabel("Title");
    await editTitle.fill("Delegation lists exchanged");
    await list.locator("details[open]").getByLabel("Due date").fill(inDays(12));
    await list.getByRole("button", { name: "Save milestone" }).click();
    await list.getByRole("listitem").filter({ hasText: "Delegation lists exchanged" }).first().waitFor();

    await list.getByRole("button", { name: /^Mark done\W+Delegation lists exchanged$/ }).click();
    await list.getByText(`Done by ${editorName} on`).waitFor();

    await list.getByText("Remove: Delegation lists exchanged").click();
    await list.getByRole("button", { name: /^Remove milestone\W+Delegation lists exchanged$/ }).click();
    await list.getByText("No milestones yet.").waitFor();

    expect(await activitySummaries(page, "Milestones")).toEqual([
      "Milestone “Delegation lists exchanged” removed",
      "Milestone “Delegation lists exchanged” marked done",
      "Milestone “Delegation list exchanged” edited",
      "Milestone “Delegation list exchanged” added",
    ]);
    const edit = activity(page).getByRole("listitem").filter({ hasText: "edited" });
    expect(await edit.innerText()).toContain("Title: Delegation list exchanged");
    expect(await edit.innerText()).toContain(editorName);
  });

  it("adds a milestone with JavaScript off, and keeps the typed title after a refusal", async () => {
    const { id, title } = await engagementOfMyOwn({ status: "PLANNED" });
    const context = await sameSession(session.browser, session.context, { javaScriptEnabled: false });
    const page = await context.newPage();
    await openOwn(page, id, title);
    const list = milestones(page);
    await list.getByLabel("Title").last().fill("Venue confirmed");
    await list.getByLabel("Due date").last().fill("1899-12-31");
    await list.getByRole("button", { name: "Add milestone" }).click();
    await list.getByText("Dates must fall between 1900 and 2200.").waitFor();
    expect(await list.getByLabel("Title").last().inputValue()).toBe("Venue confirmed");
    await list.getByLabel("Due date").last().fill(inDays(7));
    await list.getByRole("button", { name: "Add milestone" }).click();
    await list.getByRole("listitem").filter({ hasText: "Venue confirmed" }).first().waitFor();
    await context.close();
  });
});

describe("archiving from the engagement page", () => {
  it("archives after a confirmation, shows who did it and no controls, then unarchives", async () => {
    const page = session.page;
    const { id, title } = await engagementOfMyOwn({ status: "PLANNED" });
    await openOwn(page, id, title);

    await page.getByText("Archive…").click();
    await page.getByRole("button", { name: "Archive engagement" }).click();
    await page.getByText(new RegExp(`Archived on .* by ${editorName}\\.`)).waitFor();
    expect(await changeStatus(page).count()).toBe(0);
    expect(await page.getByRole("link", { name: "Edit details" }).count()).toBe(0);
    expect(await milestones(page).getByRole("button", { name: "Add milestone" }).count()).toBe(0);
    await page.setViewportSize(VIEWPORTS.desktop);
    await screenshot(page, "engagement-archived-desktop");
    await expectNoSeriousAxeViolations(page);

    await page.getByText("Unarchive…").click();
    await page.getByRole("button", { name: "Unarchive engagement" }).click();
    await changeStatus(page).waitFor();
    expect(await page.getByText(/Archived on/).count()).toBe(0);
    expect(await activitySummaries(page, "Archiving")).toEqual(["Unarchived", "Archived"]);
  });
});

describe("postponing with new dates", () => {
  it("moves the engagement's bar on the overview timeline, and health follows the new window", async () => {
    const page = session.page;
    const { id, title } = await engagementOfMyOwn({ status: "PLANNED", startsOn: inDays(5), endsOn: inDays(6) });
    const bar = () =>
      page
        .getByRole("listitem")
        .filter({ has: page.getByRole("link", { name: title, exact: true }) })
        .locator("span[title]");
    const barLeft = async () => parseFloat((await bar().getAttribute("style"))!.match(/left:\s*([\d.]+)%/)![1]!);
    await page.goto("/");
    const leftBefore = await barLeft();

    await openOwn(page, id, title);
    await header(page).getByText("At risk").waitFor();
    await changeStatus(page).getByLabel("Postponed").check();
    // Pre-filled with the current window.
    expect(await changeStatus(page).getByLabel("New start").inputValue()).toBe(inDays(5));
    await changeStatus(page).getByLabel("New start").fill(inDays(40));
    await changeStatus(page).getByLabel("New end").fill(inDays(41));
    await changeStatus(page).getByLabel("Reason").fill("The host asked for a later date.");
    await changeStatus(page).getByRole("button", { name: "Change status" }).click();
    await expect.poll(() => changeStatus(page).getByRole("status").innerText()).toBe("Moved to Postponed.");
    // Focus goes to the result, not back to the top of the page.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Moved to Postponed.");
    await header(page).getByText("On track").waitFor();
    const move = activity(page).getByRole("listitem").first();
    expect(await move.innerText()).toMatch(/Status: Planned\s*→?\s*(to\s*)?Postponed/);
    expect(await move.innerText()).toContain("Start:");

    await page.goto("/");
    expect(await barLeft()).toBeGreaterThan(leftBefore + 20);
    expect(await bar().getAttribute("title")).toMatch(/^Postponed:/);
  });
});

describe("the engagement page's layout", () => {
  it("on a phone puts Change status near the top; no serious accessibility violations at either width", async () => {
    const page = session.page;
    const { id, title } = await engagementOfMyOwn({ status: "PLANNED" });
    await openOwn(page, id, title);
    await milestones(page).getByLabel("Title").last().fill("Agenda agreed");
    await milestones(page).getByLabel("Due date").last().fill(inDays(3));
    await milestones(page).getByLabel("Note (optional)").last().fill("Draft sent to the partner side.");
    await milestones(page).getByRole("button", { name: "Add milestone" }).click();
    await milestones(page).getByRole("status").waitFor();
    for (const [name, viewport] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(viewport);
      await openOwn(page, id, title);
      await milestones(page).getByText("Edit: Agenda agreed").click();
      await screenshot(page, `engagement-day-${name}`);
      await expectNoSeriousAxeViolations(page);
      if (name === "phone") {
        const top = await changeStatus(page).evaluate(
          (element) => element.getBoundingClientRect().top + window.scrollY,
        );
        expect(top).toBeLessThan(900);
      }
    }
    await page.setViewportSize(VIEWPORTS.desktop);
  });
});
