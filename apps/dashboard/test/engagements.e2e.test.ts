import { EngagementResultsDocument, type EngagementFilter, type EngagementOrder } from "@engagement-tracker/schema";
import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  apiAs,
  browserSession,
  dashboardUrl,
  engagementOfMyOwn,
  RAW_ENUM_OR_ISO_DATE,
  sameSession,
  tableTitles,
} from "./browser";

const session = browserSession("viewer");

const resultsHeading = (target: Page) => target.getByRole("heading", { name: /^\d+ engagements?( match)?$/ });

/** What the API says a filter matches, to compare the table with. */
async function titlesFromApi(
  filter: EngagementFilter,
  orderBy: EngagementOrder = { field: "START_DATE", direction: "ASC" },
): Promise<string[]> {
  const api = await apiAs("viewer");
  const { engagements } = await api(EngagementResultsDocument, { filter, orderBy, first: 50 });
  expect(engagements.pageInfo.hasNextPage).toBe(false);
  return engagements.nodes.map((engagement) => engagement.title);
}

describe("the engagements table", () => {
  it("filters by status as soon as it is ticked: the URL and the rows change together", async () => {
    await session.page.goto("/engagements?show=all");
    await session.page.getByText("More filters").click();
    await session.page.getByRole("group", { name: "Status" }).getByLabel("Planned").check();
    await session.page.waitForURL(/status=PLANNED/);
    const expected = await titlesFromApi({ statuses: ["PLANNED"] });
    await expect.poll(() => tableTitles(session.page)).toEqual(expected);
    expect(await resultsHeading(session.page).innerText()).toBe(
      `${expected.length} ${expected.length === 1 ? "engagement" : "engagements"} match`,
    );
    expect(await session.page.locator("tbody").getByText("Planned", { exact: true }).count()).toBe(expected.length);
  });

  it("keeps a view in the URL, so a bookmarked link opens the same rows", async () => {
    const view = "/engagements?show=all&q=survey&country=CN&sort=title&dir=desc";
    await session.page.goto(view);
    const titles = await tableTitles(session.page);
    expect(titles.length).toBeGreaterThan(0);
    expect(titles).toEqual(
      await titlesFromApi({ search: "survey", countries: ["CN"] }, { field: "TITLE", direction: "DESC" }),
    );
    expect(await session.page.getByLabel("Search").inputValue()).toBe("survey");
    const fresh = await session.context.newPage();
    await fresh.goto(view);
    expect(await tableTitles(fresh)).toEqual(titles);
    await fresh.close();
  });

  it("pages with cursors: next and previous pages change the URL and the rows", async () => {
    await session.page.goto("/engagements?show=all&size=10");
    const first = await tableTitles(session.page);
    expect(first).toHaveLength(10);
    await session.page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "Next →" }).click();
    await session.page.waitForURL(/after=/);
    await expect.poll(async () => (await tableTitles(session.page))[0]).not.toBe(first[0]);
    const second = await tableTitles(session.page);
    expect(second.some((title) => first.includes(title))).toBe(false);
    await session.page.getByRole("navigation", { name: "Pages" }).getByRole("link", { name: "← Previous" }).click();
    await session.page.waitForURL(/before=/);
    await expect.poll(() => tableTitles(session.page)).toEqual(first);
    // The largest page size stays within the API's per-query cost limit.
    await session.page.goto("/engagements?show=all&size=50");
    await resultsHeading(session.page).waitFor();
  });

  it("sorts by a column when its header is clicked", async () => {
    await session.page.goto("/engagements");
    await session.page
      .getByRole("columnheader", { name: /Engagement/ })
      .getByRole("link")
      .click();
    await session.page.waitForURL(/sort=title/);
    const byTitle = await titlesFromApi({ upcoming: true }, { field: "TITLE", direction: "ASC" });
    await expect.poll(() => tableTitles(session.page)).toEqual(byTitle.slice(0, 25));
    expect(await session.page.getByRole("columnheader", { name: /Engagement/ }).getAttribute("aria-sort")).toBe(
      "ascending",
    );
  });

  it("says so when nothing matches, and offers to clear the filters", async () => {
    await session.page.goto("/engagements?q=nothing-is-called-this");
    await session.page.getByRole("heading", { name: "No engagements match this view" }).waitFor();
    await session.page.getByRole("main").getByRole("link", { name: "Clear filters" }).last().click();
    await session.page.waitForURL(`${dashboardUrl}/engagements`);
    expect(await resultsHeading(session.page).innerText()).toMatch(/^\d+ engagements$/);
  });

  it("filters without JavaScript too", async () => {
    const noScript = await sameSession(session.browser, session.context, { javaScriptEnabled: false });
    const plain = await noScript.newPage();
    await plain.goto(`${dashboardUrl}/engagements`);
    await plain.getByLabel("Search").fill("Honolulu");
    await plain.getByRole("button", { name: "Apply filters" }).click();
    await plain.waitForURL(/q=Honolulu/);
    const titles = await tableTitles(plain);
    expect(titles.length).toBeGreaterThan(0);
    expect(titles).toEqual(await titlesFromApi({ upcoming: true, search: "Honolulu" }));
    await noScript.close();
  });
});

describe("exports of the current view", () => {
  it("downloads the filtered rows as CSV", async () => {
    await session.page.goto("/engagements?show=all&status=PLANNED&status=CONFIRMED");
    const expected = await titlesFromApi({ statuses: ["PLANNED", "CONFIRMED"] });
    await expect.poll(() => tableTitles(session.page)).toEqual(expected);
    const { fileName, text: csv } = await download("Export CSV");
    expect(fileName).toMatch(/^engagements-\d{4}-\d{2}-\d{2}\.csv$/);
    const [header, ...rows] = parseCsv(csv.replace(/^\uFEFF/, ""));
    expect(header?.slice(0, 5)).toEqual(["Title", "Kind", "Series", "Round", "Status"]);
    expect(rows.map((row) => row[0])).toEqual(expected);
    expect(new Set(rows.map((row) => row[4]))).toEqual(new Set(["Planned", "Confirmed"]));
    // Why each is flagged, in words and the reader's dates, as on the page (the seeded MMCA meeting is at risk).
    const reasons = rows.map((row) => row[6]!).filter(Boolean);
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons) expect(reason).not.toMatch(RAW_ENUM_OR_ISO_DATE);
  });

  it("exports every row of a view that spans several table pages and export requests", async () => {
    // The table shows 10 a page and the export asks the API for 20 at a time: 35 rows need both to page.
    const marker = `Export span ${Date.now()}`;
    for (let index = 0; index < 35; index++) {
      await engagementOfMyOwn({ title: `${marker} ${String(index).padStart(2, "0")}` });
    }
    await session.page.goto(`/engagements?show=all&q=${encodeURIComponent(marker)}&sort=title&size=10`);
    await expect.poll(() => tableTitles(session.page)).toHaveLength(10);
    const { text: csv } = await download("Export CSV");
    const [, ...rows] = parseCsv(csv.replace(/^\uFEFF/, ""));
    const expected = await titlesFromApi({ search: marker }, { field: "TITLE", direction: "ASC" });
    expect(expected).toHaveLength(35);
    expect(rows.map((row) => row[0])).toEqual(expected);
  });

  it("downloads the filtered rows as an iCalendar feed calendar programs import", async () => {
    await session.page.goto("/engagements?show=all&q=survey");
    const expected = await titlesFromApi({ search: "survey" });
    await expect.poll(() => tableTitles(session.page)).toEqual(expected);
    const { text: ics } = await download("Export calendar (.ics)");
    expect(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
    expect(ics.trimEnd().endsWith("END:VCALENDAR")).toBe(true);
    const unfolded = ics.replace(/\r\n /g, "");
    const summaries = [...unfolded.matchAll(/^SUMMARY:(.*)$/gm)].map((match) => match[1]!.replaceAll("\\,", ","));
    expect(summaries).toEqual(expected);
    expect(unfolded).toMatch(/^DTSTART;VALUE=DATE:\d{8}\r$/m);
    const descriptions = [...unfolded.matchAll(/^DESCRIPTION:(.*)$/gm)].map((match) => match[1]!);
    for (const description of descriptions)
      expect(description.split("\\n\\n")[1] ?? "").not.toMatch(RAW_ENUM_OR_ISO_DATE);
  });
});

/** Follows an export link and returns what it downloaded. */
async function download(linkName: string): Promise<{ fileName: string; text: string }> {
  const [file] = await Promise.all([
    session.page.waitForEvent("download"),
    session.page.getByRole("link", { name: linkName }).click(),
  ]);
  return { fileName: file.suggestedFilename(), text: await readFile(await file.path(), "utf8") };
}

/** RFC 4180 fields: quoted, with doubled quotes inside. */
function parseCsv(text: string): string[][] {
  return text
    .trimEnd()
    .split("\r\n")
    .map((line) => [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((match) => match[1]!.replaceAll('""', '"')));
}
