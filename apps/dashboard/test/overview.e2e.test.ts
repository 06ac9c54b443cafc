import {
  DashboardAddMilestoneDocument,
  DashboardArchiveEngagementDocument,
  OverviewPageDocument,
} from "@engagement-tracker/schema";
import { describe, expect, it } from "vitest";
import { MILESTONE_DAYS } from "../components/overview/MilestonesDue";
import { CHART_MONTHS } from "../components/overview/StatusByMonthChart";
import { TIMELINE_DAYS } from "../components/overview/UpcomingTimeline";
import { HEALTH_LABELS, OPEN_HEALTHS, STATUS_LABELS, STATUSES } from "../lib/labels";
import { apiAs, browserSession, countOn, engagementOfMyOwn, RAW_ENUM_OR_ISO_DATE, sameSession } from "./browser";

const session = browserSession("viewer");

describe("the overview", () => {
  // Where each shows does not depend on what other tests did before: the recent-changes feed would.
  it("shows the seeded MMCA meeting as at risk and the site surveys on the timeline", async () => {
    await session.page.goto("/");
    await expect.poll(() => session.page.getByRole("heading", { level: 1 }).innerText()).toBe("Overview");
    const atRisk = session.page.getByRole("region", { name: "At risk", exact: true });
    expect(await atRisk.innerText()).toContain("Military Maritime Consultative Agreement meeting, Honolulu");
    const timeline = session.page.getByRole("region", { name: `Next ${TIMELINE_DAYS} days` });
    expect(await timeline.innerText()).toContain("Joint site survey for missing WWII U.S. personnel, Hunan Province");
  });

  it("counts engagements by status and by health as the API does", async () => {
    const api = await apiAs("viewer");
    const { dashboard } = await api(OverviewPageDocument, {
      timelineDays: TIMELINE_DAYS,
      chartMonths: CHART_MONTHS,
      milestoneDays: MILESTONE_DAYS,
    });
    await session.page.goto("/");
    for (const { status, count } of dashboard.statusCounts) {
      expect(await countOn(session.page, "By status", STATUS_LABELS[status])).toBe(count);
    }
    for (const { health, count } of dashboard.healthCounts) {
      expect(await countOn(session.page, "By health", HEALTH_LABELS[health])).toBe(count);
    }
  });

  it("counts open engagements only by health: closed ones are in no health card", async () => {
    const api = await apiAs("viewer");
    const { dashboard } = await api(OverviewPageDocument, {
      timelineDays: TIMELINE_DAYS,
      chartMonths: CHART_MONTHS,
      milestoneDays: MILESTONE_DAYS,
    });
    await session.page.goto("/");
    const healthCards = session.page.getByRole("region", { name: "By health" }).getByRole("listitem");
    expect(await healthCards.count()).toBe(3);
    expect(await healthCards.allInnerTexts()).not.toContainEqual(expect.stringMatching(/Closed/));
    let open = 0;
    for (const status of STATUSES.filter((status) => status !== "COMPLETED" && status !== "CANCELLED")) {
      open += await countOn(session.page, "By status", STATUS_LABELS[status]);
    }
    let byHealth = 0;
    for (const health of OPEN_HEALTHS) byHealth += await countOn(session.page, "By health", HEALTH_LABELS[health]);
    expect(byHealth).toBe(open);
    expect(dashboard.healthCounts.map(({ health }) => health)).not.toContain("CLOSED");
  });

  it("lists the milestones due this week across engagements, the overdue first", async () => {
    const api = await apiAs("editor");
    const mine = await engagementOfMyOwn();
    const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    for (const [title, dueOn] of [
      ["Delegation list exchanged", inDays(3)],
      ["Host nation papers received", inDays(-40)],
    ] as const) {
      const { addMilestone } = await api(DashboardAddMilestoneDocument, {
        input: { engagementId: mine.id, title, dueOn },
      });
      expect(addMilestone.errors).toEqual([]);
    }
    try {
      await session.page.goto("/");
      const due = session.page.getByRole("region", { name: `Milestones due in the next ${MILESTONE_DAYS} days` });
      const items = (await due.getByRole("listitem").allInnerTexts()).filter((text) => text.includes(mine.title));
      expect(items).toHaveLength(2);
      expect(items[0]).toMatch(/^Host nation papers received\s+Overdue\s+Was due /);
      expect(items[1]).toMatch(/^Delegation list exchanged\s+Due /);
      for (const item of items) expect(item).not.toMatch(RAW_ENUM_OR_ISO_DATE);
    } finally {
      await api(DashboardArchiveEngagementDocument, { input: { id: mine.id } });
    }
  });

  it("opens the table filtered to what a card counts", async () => {
    await session.page.goto("/");
    const atRisk = await countOn(session.page, "By health", "At risk");
    await session.page
      .getByRole("region", { name: "By health" })
      .getByRole("link", { name: /^At risk/ })
      .click();
    await session.page.waitForURL(/\/engagements\?show=all&health=AT_RISK$/);
    await expect
      .poll(() => session.page.getByRole("heading", { name: /engagements? match/ }).innerText())
      .toBe(`${atRisk} engagement${atRisk === 1 ? "" : "s"} match`);
  });

  it("puts what is coming on a timeline with today marked, and says why engagements are flagged", async () => {
    await session.page.goto("/");
    const timeline = session.page.getByRole("region", { name: `Next ${TIMELINE_DAYS} days` });
    await expect.poll(() => timeline.getByText("Today").isVisible()).toBe(true);
    expect(await timeline.getByRole("listitem").count()).toBeGreaterThan(0);
    const flagged = session.page.getByRole("region", { name: "At risk", exact: true });
    const reasons = await flagged.getByRole("list", { name: "Why it is flagged" }).allInnerTexts();
    expect(reasons.join("")).not.toBe("");
    // In words and the reader's dates, not the API's enum names and ISO dates.
    for (const reason of reasons) expect(reason).not.toMatch(RAW_ENUM_OR_ISO_DATE);
  });

  it("charts the coming months by status, with the figures as a table", async () => {
    await session.page.goto("/");
    const chart = session.page.getByRole("region", { name: "Coming months by status" });
    await chart.getByText("Show the figures").click();
    expect(await chart.getByRole("table").getByRole("row").count()).toBe(CHART_MONTHS + 1);
  });

  it("lists recent status changes with who made them and why", async () => {
    await session.page.goto("/");
    const feed = session.page.getByRole("region", { name: "Recent status changes" });
    const changes = await feed.getByRole("listitem").allInnerTexts();
    expect(changes.length).toBeGreaterThan(0);
    // Every change says who and when; the seeded ones also say why.
    for (const change of changes) expect(change.split("\n").pop()).toMatch(/^\S.* · \S.*$/);
    expect(changes.some((change) => /“.+”/.test(change))).toBe(true);
  });

  it("shows dates in the reader's locale", async () => {
    const german = await sameSession(session.browser, session.context, { locale: "de-DE" });
    const germanPage = await german.newPage();
    await germanPage.goto("/");
    const today = new Date();
    const expected = new Intl.DateTimeFormat("de-DE", { dateStyle: "medium", timeZone: "UTC" }).format(today);
    expect(await germanPage.getByText(/^Figures as of/).innerText()).toBe(`Figures as of ${expected}.`);
    await german.close();
  });
});
