import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DashboardArchiveEngagementDocument, DashboardCreateEngagementDocument } from "@engagement-tracker/schema";
import { apiAs, engagementOfMyOwn, launchBrowser, signedIn } from "./browser";

// Two people watching the overview: a change is read from the API once for both, a burst of
// changes refreshes each page once, and what they see is never older than the change.

const apiOrigin = new URL(inject("apiUrl")).origin;

/** GraphQL operations the API has answered so far, by operation name (its /metrics). */
async function operationCounts(): Promise<Map<string, number>> {
  const text = await (await fetch(`${apiOrigin}/metrics`)).text();
  const counts = new Map<string, number>();
  for (const [, operation, value] of text.matchAll(
    /^graphql_operations_total\{[^}]*operation="([^"]+)"[^}]*\} (\S+)$/gm,
  )) {
    counts.set(operation!, (counts.get(operation!) ?? 0) + Number(value));
  }
  return counts;
}

/** How many more times each operation was answered than in `before`, leaving out those that were not. */
function grownSince(before: Map<string, number>, after: Map<string, number>): Record<string, number> {
  const grown: Record<string, number> = {};
  for (const [operation, count] of after) {
    const more = count - (before.get(operation) ?? 0);
    if (more) grown[operation] = more;
  }
  return grown;
}

/** Counts the page's re-renders: each router.refresh() is one RSC request for the page's path. */
function countRefreshes(page: Page): { readonly count: number } {
  const counter = { count: 0 };
  page.on("request", (request) => {
    if (
      request.headers()["rsc"] === "1" &&
      new URL(request.url()).pathname === "/" &&
      !request.headers()["next-router-prefetch"]
    ) {
      counter.count += 1;
    }
  });
  return counter;
}

const indicator = (page: Page) => page.getByRole("banner").getByRole("status");
const timeline = (page: Page) => page.getByRole("region", { name: /Next \d+ days/ });
const mineSection = (page: Page) => page.getByRole("region", { name: "My attention list" });
// Three weeks out: on the timeline but in no at-risk list (that is two weeks); archived at the
// end, so the overview the other files read is as they expect it.
const LEAD_DAYS = 21;
const burstInput = { kind: "DIALOGUE", locationName: "Beijing", country: "CN", hostCountry: "CN" } as const;
const created: string[] = [];
async function soonEngagement(days: number): Promise<string> {
  const { id, title } = await engagementOfMyOwn({
    startsOn: inDays(LEAD_DAYS + days),
    endsOn: inDays(LEAD_DAYS + days + 1),
  });
  created.push(id);
  return title;
}
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe("an overview many people watch", () => {
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  const contexts: BrowserContext[] = [];
  const pages: Page[] = [];
  const refreshes: { readonly count: number }[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    // Two viewers and an editor: three sessions, three live streams, two roles.
    for (const role of ["viewer", "viewer", "editor"] as const) {
      const context = await signedIn(browser, role);
      const page = await context.newPage();
      await page.goto("/");
      // expect.poll belongs to tests; here Playwright waits for the indicator to say so.
      await indicator(page).filter({ hasText: /Live$/ }).waitFor();
      contexts.push(context);
      pages.push(page);
      refreshes.push(countRefreshes(page));
    }
  });
  afterAll(async () => {
    await browser?.close();
    const api = await apiAs("editor");
    for (const id of created) await api(DashboardArchiveEngagementDocument, { input: { id } });
  });

  it("shows one change on every overview, reading the overview from the API once per role", async () => {
    // The first change after the streams opened: the one the shared answers start from.
    const first = await soonEngagement(3);
    for (const page of pages) await expect.poll(() => timeline(page).innerText()).toContain(first);

    const before = await operationCounts();
    const title = await soonEngagement(2);
    for (const page of pages) await expect.poll(() => timeline(page).innerText()).toContain(title);
    // Late work (prefetches of the links the new page shows) counts too.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const { DashboardSignIn, DashboardCreateEngagement, ...caused } = grownSince(before, await operationCounts());
    expect([DashboardSignIn, DashboardCreateEngagement]).toEqual([1, 1]);
    // The overview once for each of the two roles; nobody is asked who they are again, and no
    // engagement page is rendered for a link nobody followed. What is each reader's own (the bell's
    // unread count, "My attention list") is read again only for the reader the change concerns:
    // the editor, whose new engagement it is; the two viewers keep theirs.
    const { OverviewPage, UnreadNotificationCount, MyAttention, ...rest } = caused;
    expect({ OverviewPage, UnreadNotificationCount, MyAttention }).toEqual({
      OverviewPage: 2,
      UnreadNotificationCount: 1,
      MyAttention: 1,
    });
    expect(rest).toEqual({});
  });

  it("shows a reader's own new item on their page, and reads nobody else's again", async () => {
    const before = await operationCounts();
    // Starting in five days and still planned: at risk, and the editor's own.
    const { id, title } = await engagementOfMyOwn({ startsOn: inDays(5), endsOn: inDays(6) });
    created.push(id);
    const [, , editorPage] = pages;
    await expect.poll(() => mineSection(editorPage!).innerText()).toContain(title);
    for (const page of pages.slice(0, 2)) {
      await expect.poll(() => timeline(page).innerText()).toContain(title);
      expect(await mineSection(page).innerText()).not.toContain(title);
    }
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const { MyAttention, UnreadNotificationCount } = grownSince(before, await operationCounts());
    expect({ MyAttention, UnreadNotificationCount }).toEqual({ MyAttention: 1, UnreadNotificationCount: 1 });
  });

  it("refreshes each overview once for a burst of ten changes, and shows them all", async () => {
    const api = await apiAs("editor");
    const before = refreshes.map((counter) => counter.count);
    // Ten colleagues saving at the same moment.
    const titles = Array.from({ length: 10 }, (_, index) => `Burst ${Date.now()} #${index + 1}`);
    const burst = await Promise.all(
      titles.map((title) =>
        api(DashboardCreateEngagementDocument, {
          input: { ...burstInput, title, startsOn: inDays(LEAD_DAYS), endsOn: inDays(LEAD_DAYS + 1) },
        }),
      ),
    );
    created.push(...burst.map(({ createEngagement }) => createEngagement.engagement!.id));
    for (const page of pages) {
      for (const title of titles) await expect.poll(() => timeline(page).innerText()).toContain(title);
    }
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(refreshes.map((counter, index) => counter.count - before[index]!)).toEqual([1, 1, 1]);
  });

  it("never shows an overview older than the change that woke it", async () => {
    for (let change = 0; change < 3; change++) {
      const title = await soonEngagement(1);
      for (const page of pages) await expect.poll(() => timeline(page).innerText()).toContain(title);
      // A reader who opens the page now sees it too, from the shared answer or afresh.
      const late = await contexts[0]!.newPage();
      await late.goto("/");
      expect(await timeline(late).innerText()).toContain(title);
      await late.close();
    }
  });
});
