import { DashboardAddMilestoneDocument } from "@engagement-tracker/schema";
import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  apiAs,
  browserSession,
  engagementOfMyOwn,
  expectNoSeriousAxeViolations,
  sameSession,
  screenshot,
  VIEWPORTS,
} from "./browser";

const session = browserSession("viewer");

// Seeded at their real dates (prisma/src/seed/demo-engagements.ts, `fixedDates`), so they stay where they are.
const TALKS = "17th China-U.S. Defense Policy Coordination Talks"; // January 8–9, 2024
const TALKS_MILESTONES = {
  "2024-01-05": "Talking points cleared",
  "2024-01-10": "Read-out agreed with the Chinese side",
};

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const grid = (page: Page) => page.getByRole("table");
const dayCell = (page: Page, day: string) => grid(page).locator(`td:has(> time[datetime="${day}"])`);
const agendaDay = (page: Page, name: string) =>
  page
    .getByRole("region", { name: "Agenda" })
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { name }) });

/** The horizontal stretch an element covers on screen. */
async function columnsOf(part: Locator): Promise<{ left: number; right: number }> {
  const box = await part.boundingBox();
  if (!box) throw new Error("not on screen");
  return { left: box.x, right: box.x + box.width };
}

/** Whether `part` lies within the columns of days `first` to `last` (a pixel's slack for borders). */
async function expectWithinDays(page: Page, part: Locator, first: string, last: string): Promise<void> {
  const [bar, start, end] = await Promise.all([
    columnsOf(part),
    columnsOf(dayCell(page, first)),
    columnsOf(dayCell(page, last)),
  ]);
  expect(bar.left).toBeGreaterThanOrEqual(start.left - 1);
  expect(bar.right).toBeLessThanOrEqual(end.right + 1);
  // And it reaches across them: a bar from its first day's column to its last's.
  expect(bar.left).toBeLessThan(start.right);
  expect(bar.right).toBeGreaterThan(end.left);
}

async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

describe("the calendar", () => {
  it("shows a seeded month's engagement across its days and its milestones on their due days", async () => {
    const page = session.page;
    await page.setViewportSize(VIEWPORTS.desktop);
    await page.goto("/calendar?date=2024-01-15");
    expect(await page.getByRole("heading", { level: 2, name: "January 2024" }).count()).toBe(1);
    // A month's grid starts on the Monday on or before the 1st: January 1, 2024 was a Monday.
    expect(await grid(page).locator("thead th").allInnerTexts()).toEqual([
      "Mon",
      "Tue",
      "Wed",
      "Thu",
      "Fri",
      "Sat",
      "Sun",
    ]);

    const bar = grid(page).getByRole("link", { name: TALKS }).locator("xpath=ancestor::td[1]");
    expect(await bar.count()).toBe(1);
    await expectWithinDays(page, bar, "2024-01-08", "2024-01-09");
    // Completed, so closed: the status and the health read out, not only shown in colour.
    expect(await bar.innerText()).toMatch(/Completed, Closed/);
    for (const [day, title] of Object.entries(TALKS_MILESTONES)) {
      const milestone = grid(page).getByRole("listitem").filter({ hasText: title });
      await expectWithinDays(page, milestone, day, day);
      expect(await milestone.innerText()).toContain(`milestone of ${TALKS}`);
    }

    // The agenda says the same in words, day by day.
    expect(await agendaDay(page, "Monday, January 8, 2024").innerText()).toContain(TALKS);
    expect(await agendaDay(page, "Friday, January 5, 2024").innerText()).toContain("Talking points cleared");

    // Keyboard: from the period's navigation, Tab reaches the bar, and Enter opens the engagement.
    await page.getByRole("link", { name: "Today" }).focus();
    for (let presses = 0; presses < 40; presses++) {
      await page.keyboard.press("Tab");
      if ((await page.evaluate(() => document.activeElement?.textContent)) === TALKS) break;
    }
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(TALKS);
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: TALKS }).waitFor();
  });

  it("shows an engagement over a weekend as one bar per week, and a week on its own", async () => {
    const page = session.page;
    // Saturday March 8 to Wednesday March 12, 2031.
    const { title } = await engagementOfMyOwn({ startsOn: "2031-03-08", endsOn: "2031-03-12", kind: "EXERCISE" });
    await page.goto("/calendar?date=2031-03-20");
    const bars = grid(page).getByRole("link", { name: title });
    expect(await bars.count()).toBe(2);
    await expectWithinDays(page, bars.nth(0).locator("xpath=ancestor::td[1]"), "2031-03-08", "2031-03-09");
    await expectWithinDays(page, bars.nth(1).locator("xpath=ancestor::td[1]"), "2031-03-10", "2031-03-12");
    // Listed once in the agenda, on its first day.
    expect(await page.getByRole("region", { name: "Agenda" }).getByRole("link", { name: title }).count()).toBe(1);

    await page.getByRole("navigation", { name: "Calendar view" }).getByRole("link", { name: "Week" }).click();
    await page.waitForURL(/mode=week/);
    await page.getByRole("heading", { level: 2, name: /^Week of Mar 17\s*–\s*23, 2031$/ }).waitFor();
    expect(await grid(page).getByRole("link", { name: title }).count()).toBe(0);
    await page.getByRole("link", { name: "Previous week" }).click();
    await page.getByRole("heading", { level: 2, name: /^Week of Mar 10\s*–\s*16, 2031$/ }).waitFor();
    expect(await grid(page).locator("tbody tr").first().locator("td").count()).toBe(7);
    await expectWithinDays(
      page,
      grid(page).getByRole("link", { name: title }).locator("xpath=ancestor::td[1]"),
      "2031-03-10",
      "2031-03-12",
    );
  });

  it("shows a milestone due long before its engagement starts on its due day", async () => {
    const page = session.page;
    const engagement = await engagementOfMyOwn({ startsOn: "2032-10-18", endsOn: "2032-10-19" });
    const dueOn = "2032-04-01"; // 200 days before it starts
    const api = await apiAs("editor");
    const { addMilestone } = await api(DashboardAddMilestoneDocument, {
      input: { engagementId: engagement.id, title: "Venue options shortlisted", dueOn },
    });
    expect(addMilestone.errors).toEqual([]);
    await page.goto(`/calendar?date=${dueOn}`);
    const milestone = grid(page).getByRole("listitem").filter({ hasText: "Venue options shortlisted" });
    await expectWithinDays(page, milestone, dueOn, dueOn);
    expect(await milestone.innerText()).toContain(`milestone of ${engagement.title}`);
    // The engagement itself is months away: only its milestone is in April.
    expect(await grid(page).getByRole("link", { name: engagement.title }).count()).toBe(0);
    expect(await agendaDay(page, "Thursday, April 1, 2032").innerText()).toContain("Venue options shortlisted");
  });

  it("marks an overdue milestone in words", async () => {
    const page = session.page;
    // The seeded MMCA meeting's papers were due four days before the seed ran and are still awaited.
    await page.goto(`/calendar?mode=week&date=${inDays(-4)}`);
    const milestone = grid(page).getByRole("listitem").filter({ hasText: "Working-group papers circulated" });
    expect(await milestone.innerText()).toContain("overdue");
    const agenda = page.getByRole("region", { name: "Agenda" }).getByRole("listitem").filter({
      hasText: "Working-group papers circulated",
    });
    expect(await agenda.last().innerText()).toContain("(overdue)");
  });

  it("narrows to the filters, and keeps them in the URL through previous, next and today", async () => {
    const page = session.page;
    const exercise = await engagementOfMyOwn({ startsOn: "2031-05-13", endsOn: "2031-05-14", kind: "EXERCISE" });
    const dialogue = await engagementOfMyOwn({ startsOn: "2031-05-13", endsOn: "2031-05-13", kind: "DIALOGUE" });
    await page.goto("/calendar?date=2031-05-01");
    const shown = (title: string) => grid(page).getByRole("link", { name: title }).count();
    expect(await shown(exercise.title)).toBe(1);
    expect(await shown(dialogue.title)).toBe(1);

    await page.getByText("More filters").click();
    await page.getByRole("group", { name: "Kind" }).getByLabel("Exercise").check();
    await page.waitForURL(/kind=EXERCISE/);
    expect(new URL(page.url()).searchParams.get("date")).toBe("2031-05-01");
    await expect.poll(() => shown(dialogue.title)).toBe(0);
    expect(await shown(exercise.title)).toBe(1);

    await page.getByRole("link", { name: "Next month" }).click();
    await page.getByRole("heading", { level: 2, name: "June 2031" }).waitFor();
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ kind: "EXERCISE", date: "2031-06-01" });
    await page.getByRole("link", { name: "Previous month" }).click();
    await page.getByRole("heading", { level: 2, name: "May 2031" }).waitFor();
    expect(await shown(exercise.title)).toBe(1);
    await page.getByRole("link", { name: "Today" }).click();
    const thisMonth = new Intl.DateTimeFormat("en-US", { month: "long", year: "numeric" }).format(new Date());
    await page.getByRole("heading", { level: 2, name: thisMonth }).waitFor();
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ kind: "EXERCISE" });
    expect(await grid(page).locator('td[aria-current="date"]').count()).toBe(1);
  });

  it("shows an engagement a colleague adds to the month without a reload", async () => {
    const page = session.page;
    await page.goto("/calendar?date=2031-08-01");
    await expect.poll(() => page.getByRole("banner").getByRole("status").innerText()).toMatch(/^Live updates:\s*Live$/);
    await page.evaluate(() => Object.assign(window, { calendarTestMarker: true }));
    const { title } = await engagementOfMyOwn({ startsOn: "2031-08-19", endsOn: "2031-08-20" });
    await expect.poll(() => grid(page).getByRole("link", { name: title }).count()).toBe(1);
    await expectWithinDays(
      page,
      grid(page).getByRole("link", { name: title }).locator("xpath=ancestor::td[1]"),
      "2031-08-19",
      "2031-08-20",
    );
    // Re-rendered in place, not reloaded.
    expect(await page.evaluate(() => "calendarTestMarker" in window)).toBe(true);
  });

  it("works with JavaScript off: periods are links and the filters a form", async () => {
    const context = await sameSession(session.browser, session.context, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/calendar?date=2024-01-15");
    expect(await grid(page).getByRole("link", { name: TALKS }).count()).toBe(1);
    await page.getByRole("link", { name: "Next month" }).click();
    await page.getByRole("heading", { level: 2, name: "February 2024" }).waitFor();
    await page.getByRole("link", { name: "Previous month" }).click();
    await page.getByRole("heading", { level: 2, name: "January 2024" }).waitFor();
    await page.getByLabel("Search").fill("Maritime");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await page.waitForURL(/q=Maritime/);
    expect(new URL(page.url()).searchParams.get("date")).toBe("2024-01-01");
    expect(await grid(page).getByRole("link", { name: TALKS }).count()).toBe(0);
    await context.close();
  });

  describe.each(Object.entries(VIEWPORTS))("at %s width", (viewportName, viewport) => {
    it.each([
      { name: "month", path: "/calendar" },
      { name: "week", path: "/calendar?mode=week" },
      { name: "january-2024", path: "/calendar?date=2024-01-15" },
    ])("the $name view fits the screen and has no serious accessibility violations", async ({ name, path }) => {
      const page = await session.context.newPage();
      await page.setViewportSize(viewport);
      await page.goto(path);
      await page.locator("main h1").waitFor();
      await expectNoHorizontalScroll(page);
      await screenshot(page, `calendar-${name}-${viewportName}`);
      await expectNoSeriousAxeViolations(page);
      await page.close();
    });
  });
});
