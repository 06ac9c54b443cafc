import { DashboardUpdateEngagementDocument } from "@engagement-tracker/schema";
import { describe, expect, it } from "vitest";
import { addDays } from "../lib/format";
import { editEngagementHref, engagementHref } from "../lib/routes";
import {
  apiAs,
  browserSession,
  dashboardUrl,
  engagementOfMyOwn,
  expectNoSeriousAxeViolations,
  screenshot,
  tableTitles,
  VIEWPORTS,
} from "./browser";

const session = browserSession("editor");

const title = "Maritime safety working group, Qingdao";
const today = new Date().toISOString().slice(0, 10);
const [firstDay, dayBefore, lastDay] = [addDays(today, 70), addDays(today, 69), addDays(today, 72)];

describe("creating and editing an engagement", () => {
  it("shows the API's refusal beside the field it names, keeps what was typed, then creates", async () => {
    await session.page.goto("/engagements");
    await session.page.getByRole("link", { name: "New engagement" }).click();
    await session.page.getByRole("heading", { name: "New engagement" }).waitFor();
    await session.page.getByLabel("Title").fill(title);
    await session.page.getByLabel("Kind").selectOption({ label: "Working group" });
    await session.page.getByLabel("First day").fill(firstDay);
    await session.page.getByLabel("Last day").fill(dayBefore);
    await session.page.getByLabel("Place").fill("Qingdao");
    await session.page.getByLabel("Country", { exact: true }).fill("China");
    await session.page.getByLabel("Host country").fill("cn");
    await session.page
      .getByLabel("Participant 1 organization")
      .selectOption({ label: "People's Liberation Army Navy" });
    await session.page.getByLabel("Participant 1 role").selectOption({ label: "Host" });
    await session.page.getByRole("button", { name: "Create engagement" }).click();

    const summary = session.page.getByRole("alert").filter({ hasText: "There is a problem" });
    await expect.poll(() => summary.innerText()).toContain("Last day: The planned window must end on or after");
    const lastDayField = session.page.getByLabel("Last day");
    expect(await lastDayField.getAttribute("aria-invalid")).toBe("true");
    expect(await session.page.locator("#field-endsOn-error").innerText()).toBe(
      "The planned window must end on or after the day it starts.",
    );
    expect(await session.page.getByLabel("Title").inputValue()).toBe(title);

    await lastDayField.fill(lastDay);
    await session.page.getByRole("button", { name: "Create engagement" }).click();
    await session.page.getByRole("heading", { level: 1, name: title }).waitFor();
    expect(await session.page.getByRole("region", { name: "Participants" }).innerText()).toContain(
      "People's Liberation Army Navy",
    );
    await session.page.locator("main header").getByText("Proposed", { exact: true }).waitFor();
    expect(await session.page.getByRole("region", { name: "Facts" }).innerText()).toContain("China");

    // "China" was stored as CN, not cut down to CH (Switzerland): the CN filter finds it.
    await session.page.goto(`/engagements?country=CN&q=${encodeURIComponent(title)}`);
    expect(await tableTitles(session.page)).toEqual([title]);
    await session.page.goto(`/engagements?country=CH&q=${encodeURIComponent(title)}`);
    expect(await tableTitles(session.page)).toEqual([]);
  });

  it("offers countries by name in an accessible combobox, and keeps an unrecognised one as typed", async () => {
    await session.page.goto("/engagements/new");
    const country = session.page.getByRole("combobox", { name: "Country", exact: true });
    expect(await country.getAttribute("list")).toBe("country-names");
    const suggestions = await session.page
      .locator("#country-names option")
      .evaluateAll((options) => options.map((option) => (option as HTMLOptionElement).value));
    expect(suggestions).toEqual(expect.arrayContaining(["China", "Switzerland", "United States"]));
    await session.page.getByLabel("Title").fill("Talks with a misspelt country");
    await session.page.getByLabel("Kind").selectOption({ label: "Dialogue" });
    await session.page.getByLabel("First day").fill(firstDay);
    await session.page.getByLabel("Last day").fill(lastDay);
    await session.page.getByLabel("Place").fill("Beijing");
    await country.fill("Chna");
    await session.page.getByLabel("Host country").fill("China");
    await session.page.getByRole("button", { name: "Create engagement" }).click();
    await expect
      .poll(() => session.page.locator("#field-country-error").innerText())
      .toBe("Choose a country from the list.");
    expect(await country.inputValue()).toBe("Chna");
    expect(await country.getAttribute("aria-invalid")).toBe("true");
  });

  it("edits the facts, showing the country by name, and refuses an unknown country", async () => {
    const { title } = await engagementOfMyOwn();
    await session.page.goto(`/engagements?q=${encodeURIComponent(title)}`);
    await session.page.getByRole("link", { name: title, exact: true }).click();
    await session.page.getByRole("link", { name: "Edit details" }).click();
    await session.page.getByRole("heading", { name: `Edit ${title}` }).waitFor();
    expect(await session.page.getByLabel("Country", { exact: true }).inputValue()).toBe("China");
    await session.page.getByLabel("Country", { exact: true }).fill("ZZ");
    await session.page.getByRole("button", { name: "Save changes" }).click();
    await expect
      .poll(() => session.page.locator("#field-country-error").innerText())
      .toBe("Choose a country from the list.");
    expect(await session.page.getByLabel("Country", { exact: true }).inputValue()).toBe("ZZ");

    await session.page.getByLabel("Country", { exact: true }).fill("CN");
    await session.page.getByLabel("Region").fill("Shandong Province");
    await session.page.getByLabel("Objectives").fill("Review encounters at sea\nAgree a communication drill");
    await session.page.getByRole("button", { name: "Save changes" }).click();
    await session.page.getByRole("heading", { level: 1, name: title }).waitFor();
    expect(await session.page.getByRole("region", { name: "Facts" }).innerText()).toContain("Shandong Province");
    expect(await session.page.getByRole("region", { name: "About" }).innerText()).toContain(
      "Agree a communication drill",
    );
  });

  it("shows what a colleague changed meanwhile, keeps the edits, and saves them over it on a second try", async () => {
    const { id, title, version } = await engagementOfMyOwn({ locationName: "Beijing" });
    await session.page.goto(editEngagementHref(id));
    await session.page.getByRole("heading", { name: `Edit ${title}` }).waitFor();
    await session.page.getByLabel("Place").fill("Shanghai");

    // A colleague moves it to Qingdao from elsewhere while the form is open.
    const { updateEngagement } = await (
      await apiAs("editor")
    )(DashboardUpdateEngagementDocument, {
      input: { id, locationName: "Qingdao", expectedVersion: version },
    });
    expect(updateEngagement.errors).toEqual([]);

    await session.page.getByRole("button", { name: "Save changes" }).click();
    const conflict = session.page.getByRole("alert").filter({ hasText: "Someone else changed this engagement" });
    await expect.poll(() => conflict.innerText()).toContain("Nothing was saved.");
    expect(await conflict.innerText()).toMatch(/Location\s+Beijing[^\n]*\s*→?\s*(now)?\s*Qingdao/);
    expect(await session.page.getByLabel("Place").inputValue()).toBe("Shanghai");

    await session.page.getByRole("button", { name: "Save changes" }).click();
    await session.page.getByRole("heading", { level: 1, name: title }).waitFor();
    await expect.poll(() => session.page.getByRole("region", { name: "Facts" }).innerText()).toContain("Shanghai");
  });

  it("after a conflict keeps the colleague's change to a field the user did not touch", async () => {
    const { id, title, version } = await engagementOfMyOwn({ locationName: "Beijing", summary: "First draft." });
    await session.page.goto(editEngagementHref(id));
    await session.page.getByLabel("Place").fill("Shanghai");

    // A colleague rewrites the summary, which this user leaves alone.
    const colleague = await apiAs("editor");
    const { updateEngagement } = await colleague(DashboardUpdateEngagementDocument, {
      input: { id, summary: "Colleague's summary.", expectedVersion: version },
    });
    expect(updateEngagement.errors).toEqual([]);

    await session.page.getByRole("button", { name: "Save changes" }).click();
    const conflict = session.page.getByRole("alert").filter({ hasText: "Someone else changed this engagement" });
    await conflict.waitFor();
    // Beside Save, where the user is, and focused so it is read out.
    const focused = await session.page.evaluate(() => document.activeElement?.textContent ?? "");
    expect(focused).toContain("Someone else changed this engagement");
    const [noticeBox, saveBox] = await Promise.all([
      conflict.boundingBox(),
      session.page.getByRole("button", { name: "Save changes" }).boundingBox(),
    ]);
    expect(saveBox!.y - (noticeBox!.y + noticeBox!.height)).toBeLessThan(100);
    expect(await session.page.getByLabel("Summary").inputValue()).toBe("Colleague's summary.");
    expect(await session.page.getByLabel("Place").inputValue()).toBe("Shanghai");
    await expectNoSeriousAxeViolations(session.page);
    for (const [width, viewport] of Object.entries(VIEWPORTS)) {
      await session.page.setViewportSize(viewport);
      await screenshot(session.page, `engagement-edit-conflict-${width}`);
    }
    await session.page.setViewportSize(VIEWPORTS.desktop);

    await session.page.getByRole("button", { name: "Save changes" }).click();
    await session.page.getByRole("heading", { level: 1, name: title }).waitFor();
    await expect.poll(() => session.page.getByRole("region", { name: "Facts" }).innerText()).toContain("Shanghai");
    expect(await session.page.getByRole("region", { name: "About" }).innerText()).toContain("Colleague's summary.");
  });

  it("adds and removes participant rows in place", async () => {
    await session.page.goto("/engagements/new");
    const rows = () => session.page.getByLabel(/^Participant \d+ organization$/).count();
    expect(await rows()).toBe(1);
    await session.page.getByRole("button", { name: "Add participant" }).click();
    await session.page.getByRole("button", { name: "Add participant" }).click();
    expect(await rows()).toBe(3);
    const focusedId = await session.page.evaluate(() => document.activeElement?.id);
    expect(focusedId).toBe(await session.page.getByLabel("Participant 3 organization").getAttribute("id"));
    await session.page
      .getByLabel("Participant 1 organization")
      .selectOption({ label: "People's Liberation Army Navy" });
    await session.page.getByLabel("Participant 3 organization").selectOption({ index: 2 });
    const third = await session.page.getByLabel("Participant 3 organization").inputValue();
    await session.page.getByRole("button", { name: "Remove participant 2" }).click();
    expect(await rows()).toBe(2);
    expect(await session.page.getByLabel("Participant 2 organization").inputValue()).toBe(third);
  });

  it("adds a participant row without JavaScript, keeping what was typed", async () => {
    const context = await session.browser.newContext({
      baseURL: dashboardUrl,
      storageState: await session.context.storageState(),
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    await page.goto("/engagements/new");
    await page.getByLabel("Title").fill("Typed before adding a row");
    await page.getByLabel("Country", { exact: true }).fill("China");
    await page.getByRole("button", { name: "Add participant" }).click();
    await page.getByLabel("Participant 2 organization").waitFor();
    expect(await page.getByLabel("Title").inputValue()).toBe("Typed before adding a row");
    expect(await page.getByLabel("Country", { exact: true }).inputValue()).toBe("China");
    await page.getByRole("button", { name: "Remove participant 1" }).click();
    await page.getByLabel("Participant 1 organization").waitFor();
    expect(await page.getByLabel(/^Participant \d+ organization$/).count()).toBe(1);
    await context.close();
  });

  it("asks before leaving an edited form, by a link or by closing the tab", async () => {
    const { id, title } = await engagementOfMyOwn();
    const page = await session.context.newPage();
    await page.goto(editEngagementHref(id));
    await page.getByLabel("Title").fill(`${title} (draft)`);
    const dialogs: string[] = [];
    page.once("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.getByRole("link", { name: "← Back to the engagement" }).click();
    expect(dialogs).toEqual(["Leave this page? Your changes are not saved."]);
    expect(new URL(page.url()).pathname).toBe(editEngagementHref(id));

    const unloadQuestion = new Promise<string>((resolve) =>
      page.once("dialog", (dialog) => {
        resolve(dialog.type());
        void dialog.dismiss();
      }),
    );
    await page.close({ runBeforeUnload: true });
    expect(await unloadQuestion).toBe("beforeunload");
    await page.close();
  });

  it("names the page, the engagement and the app in every title", async () => {
    const { id, title } = await engagementOfMyOwn();
    for (const [path, expected] of [
      ["/", "Overview · Engagement Tracker"],
      ["/engagements", "Engagements · Engagement Tracker"],
      ["/engagements/new", "New engagement · Engagement Tracker"],
      [engagementHref(id), `${title} · Engagement Tracker`],
      [editEngagementHref(id), `Edit ${title} · Engagement Tracker`],
    ]) {
      await session.page.goto(path!);
      expect(await session.page.title()).toBe(expected);
    }
  });
});
