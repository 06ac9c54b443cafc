import {
  DashboardChangeStatusDocument,
  EngagementResultsDocument,
  type EngagementFilter,
  type EngagementOrder,
} from "@engagement-tracker/schema";
import type { TypedDocumentNode } from "@apollo/client";
import { parse } from "graphql";
import { describe, expect, it } from "vitest";
import {
  apiAs,
  browserSession,
  engagementOfMyOwn,
  RAW_ENUM_OR_ISO_DATE,
  screenshot,
  screenshotOf,
  tableTitles,
  VIEWPORTS,
} from "./browser";

const session = browserSession("editor");

// The dashboard has no archive button of its own here, so the test archives through the API as a colleague would.
const ArchiveDocument = parse(`
  mutation TestArchive($input: ArchiveEngagementInput!) {
    archiveEngagement(input: $input) { errors { code } }
  }
`) as TypedDocumentNode<{ archiveEngagement: { errors: { code: string }[] } }, { input: { id: string } }>;

/** What the API lists for a filter and order (the first 25, as the table's first page). */
async function titlesFromApi(
  filter: EngagementFilter,
  orderBy: EngagementOrder = { field: "START_DATE", direction: "ASC" },
): Promise<string[]> {
  const api = await apiAs("viewer");
  const { engagements } = await api(EngagementResultsDocument, { filter, orderBy, first: 25 });
  return engagements.nodes.map((engagement) => engagement.title);
}

const rowOf = (title: string) => session.page.locator("tbody tr", { hasText: title });

describe("the engagements list", () => {
  it("opens on what is upcoming or under way, soonest first, with a way to see all", async () => {
    await session.page.goto("/engagements");
    const expected = await titlesFromApi({ upcoming: true });
    expect(expected.length).toBeGreaterThan(0);
    expect(await tableTitles(session.page)).toEqual(expected);
    expect(await session.page.getByLabel("Upcoming and in progress").isChecked()).toBe(true);
    // No row is closed or already over.
    const healths = await session.page.locator('tbody td[data-label="Health"] .badge').allInnerTexts();
    expect(healths).not.toContain("Closed");
    expect(healths).not.toContain("Overdue");

    await session.page.getByLabel("All engagements").check();
    await session.page.waitForURL(/show=all/);
    await expect.poll(() => tableTitles(session.page)).toEqual(await titlesFromApi({}));
  });

  it("applies a search as the user types, without Apply", async () => {
    await session.page.goto("/engagements?show=all");
    await session.page.getByLabel("Search").fill("Honolulu");
    await session.page.waitForURL(/q=Honolulu/);
    await expect.poll(() => tableTitles(session.page)).toEqual(await titlesFromApi({ search: "Honolulu" }));
    // The focus stays in the search box while the results change.
    expect(await session.page.evaluate(() => document.activeElement?.id)).toBe("filter-search");
  });

  it("applies a search typed while the page's scripts were still loading", async () => {
    const page = await session.context.newPage();
    let release = () => {};
    const scriptsHeld = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/_next/static/chunks/**", async (route) => {
      await scriptsHeld;
      await route.continue();
    });
    await page.goto("/engagements?show=all", { waitUntil: "domcontentloaded" });
    await page.getByLabel("Search").fill("Honolulu");
    release();
    await page.waitForURL(/q=Honolulu/);
    await expect.poll(() => tableTitles(page)).toEqual(await titlesFromApi({ search: "Honolulu" }));
    await page.close();
  });

  it.each([
    ["Status", "STATUS", "status"],
    ["Health", "HEALTH", "health"],
  ] as const)("sorts by %s, from its column header and from Sort by", async (header, field, param) => {
    await session.page.goto("/engagements?show=all");
    await session.page
      .getByRole("columnheader", { name: new RegExp(header) })
      .getByRole("link")
      .click();
    await session.page.waitForURL(new RegExp(`sort=${param}`));
    await expect.poll(() => tableTitles(session.page)).toEqual(await titlesFromApi({}, { field, direction: "ASC" }));
    expect(await session.page.getByRole("columnheader", { name: new RegExp(header) }).getAttribute("aria-sort")).toBe(
      "ascending",
    );

    await session.page.goto("/engagements?show=all");
    await session.page.getByLabel("Sort by").selectOption({ label: header });
    await session.page.getByLabel("Order").selectOption({ label: "Descending" });
    await session.page.waitForURL(new RegExp(`sort=${param}.*dir=desc`));
    await expect.poll(() => tableTitles(session.page)).toEqual(await titlesFromApi({}, { field, direction: "DESC" }));
  });

  it("puts the most urgent first when sorted by health", async () => {
    await session.page.goto("/engagements?show=all&sort=health&size=50");
    const healths = await session.page.locator('tbody td[data-label="Health"] .badge').allInnerTexts();
    const rank = ["Overdue", "At risk", "On track", "Closed"];
    expect(healths.map((health) => rank.indexOf(health))).toEqual(
      healths.map((health) => rank.indexOf(health)).sort((a, b) => a - b),
    );
  });

  it("shows archived engagements only under Archived, marked as such", async () => {
    const mine = await engagementOfMyOwn();
    const api = await apiAs("editor");
    const { archiveEngagement } = await api(ArchiveDocument, { input: { id: mine.id } });
    expect(archiveEngagement.errors).toEqual([]);

    await session.page.goto(`/engagements?q=${encodeURIComponent(mine.title)}`);
    await session.page.getByRole("heading", { name: "No engagements match this view" }).waitFor();
    await session.page.getByLabel("Archived", { exact: true }).check();
    await session.page.waitForURL(/show=archived/);
    await expect.poll(() => tableTitles(session.page)).toEqual([mine.title]);
    expect(await rowOf(mine.title).getByText("Archived", { exact: true }).isVisible()).toBe(true);
    for (const [name, viewport] of Object.entries(VIEWPORTS)) {
      await session.page.setViewportSize(viewport);
      await screenshot(session.page, `engagements-archived-rows-${name}`);
    }

    // Every row under Archived is archived, and none elsewhere.
    await session.page.goto("/engagements?show=archived");
    const rows = session.page.locator("tbody tr");
    expect(await rows.count()).toBeGreaterThan(0);
    expect(await rows.locator('td[data-label="Engagement"] .badge').count()).toBe(await rows.count());
    await session.page.goto("/engagements?show=all&size=50");
    expect(await session.page.locator('tbody td[data-label="Engagement"] .badge').count()).toBe(0);
  });

  it("shows a confirmed engagement closed after the fact as Closed, not on track", async () => {
    const mine = await engagementOfMyOwn();
    const api = await apiAs("editor");
    for (const status of ["PLANNED", "CONFIRMED", "COMPLETED"] as const) {
      const { updateEngagementStatus } = await api(DashboardChangeStatusDocument, { input: { id: mine.id, status } });
      expect(updateEngagementStatus.errors).toEqual([]);
    }
    await session.page.goto(`/engagements?q=${encodeURIComponent(mine.title)}`);
    await session.page.getByRole("heading", { name: "No engagements match this view" }).waitFor();
    await session.page.goto(`/engagements?show=all&q=${encodeURIComponent(mine.title)}`);
    expect(await rowOf(mine.title).locator('td[data-label="Health"]').innerText()).toBe("Closed");
  });

  it("says why an engagement is flagged in words and the reader's dates", async () => {
    await session.page.goto("/engagements?health=AT_RISK&health=OVERDUE&show=all");
    const reasons = await session.page.locator('tbody td[data-label="Health"] span:not(.badge)').allInnerTexts();
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons) expect(reason).not.toMatch(RAW_ENUM_OR_ISO_DATE);
    expect(reasons.join(" ")).toMatch(/still (proposed|planned|postponed|confirmed|in progress)/);

    await session.page.locator("tbody tr td:first-child a").first().click();
    // In the page, not the pinned view of that name in the navigation.
    const notice = session.page.getByRole("main").getByText("Needs attention").locator("..");
    await notice.waitFor();
    expect(await notice.innerText()).not.toMatch(RAW_ENUM_OR_ISO_DATE);
  });

  it.each(Object.entries(VIEWPORTS))(
    "lays out the Between … and date boxes without overlap at %s width",
    async (name, viewport) => {
      await session.page.setViewportSize(viewport);
      await session.page.goto("/engagements?show=all&from=2026-01-01&to=2027-12-31");
      const form = session.page.getByRole("form", { name: "Filter engagements" });
      await screenshotOf(form, `engagement-filters-${name}`);
      const [from, to, box] = await Promise.all([
        session.page.getByLabel("Between").boundingBox(),
        session.page.getByLabel("and", { exact: true }).boundingBox(),
        form.boundingBox(),
      ]);
      const overlap =
        from!.x < to!.x + to!.width &&
        to!.x < from!.x + from!.width &&
        from!.y < to!.y + to!.height &&
        to!.y < from!.y + from!.height;
      expect(overlap).toBe(false);
      for (const input of [from!, to!]) expect(input.x + input.width).toBeLessThanOrEqual(box!.x + box!.width);
      // Wide enough to show a whole date.
      expect(Math.min(from!.width, to!.width)).toBeGreaterThanOrEqual(140);
    },
  );
});
