import {
  DashboardChangeStatusDocument,
  EngagementDetailDocument,
  EngagementResultsDocument,
  type EngagementStatus,
} from "@engagement-tracker/schema";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { STATUS_LABELS } from "../lib/labels";
import { apiAs, browserSession, countOn, dashboardUrl, launchBrowser, signedIn } from "./browser";

// No other test moves this engagement, so its status is this file's to change.
const TITLE = "POW/MIA archival research working group, Beijing";
const TERMINAL: readonly EngagementStatus[] = ["COMPLETED", "CANCELLED"];

const session = browserSession("editor");
let api: Awaited<ReturnType<typeof apiAs>>;
let engagementId: string;

beforeAll(async () => {
  api = await apiAs("editor");
  const { engagements } = await api(EngagementResultsDocument, { filter: { search: TITLE }, first: 1 });
  engagementId = engagements.nodes[0]!.id;
});

/** Moves the engagement as a colleague would, straight through the API; returns the move and when it was answered. */
async function moveElsewhere(reason: string): Promise<{ from: EngagementStatus; to: EngagementStatus; at: number }> {
  const { engagement } = await api(EngagementDetailDocument, { id: engagementId });
  const { status: from, allowedTransitions } = engagement!;
  // Stay off the end states, so every test has a move left.
  const to = allowedTransitions.find((status) => !TERMINAL.includes(status)) ?? allowedTransitions[0]!;
  const { updateEngagementStatus } = await api(DashboardChangeStatusDocument, {
    input: { id: engagementId, status: to, reason },
  });
  expect(updateEngagementStatus.errors).toEqual([]);
  return { from, to, at: Date.now() };
}

const indicator = (page: Page) => page.getByRole("banner").getByRole("status");
const statusBadge = (page: Page, status: EngagementStatus) =>
  page.locator("main header").getByText(STATUS_LABELS[status], { exact: true });

/** A variable on the window survives re-rendering but not a reload or a navigation. */
async function markWindow(page: Page): Promise<void> {
  await page.evaluate(() => Object.assign(window, { liveTestMarker: "still here" }));
}
const windowMarker = (page: Page) =>
  page.evaluate(() => (window as unknown as { liveTestMarker?: string }).liveTestMarker);

async function openLive(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await expect.poll(() => indicator(page).innerText()).toMatch(/^Live updates:\s*Live$/);
  await markWindow(page);
}

describe("live updates", () => {
  it("refuses the stream without a session", async () => {
    const response = await fetch(`${dashboardUrl}/live`, { redirect: "manual" });
    expect(response.status).toBe(401);
  });

  it("shows a status change made elsewhere on the open overview, without a reload", async () => {
    const page = session.page;
    await openLive(page, "/");
    const { engagement } = await api(EngagementDetailDocument, { id: engagementId });
    const from = engagement!.status;
    const countsBefore = await Promise.all(
      engagement!.allowedTransitions.map((status) => countOn(page, "By status", STATUS_LABELS[status])),
    );
    const fromBefore = await countOn(page, "By status", STATUS_LABELS[from]);

    const move = await moveElsewhere("Archive visit moved by the partner side.");
    const toBefore = countsBefore[engagement!.allowedTransitions.indexOf(move.to)]!;
    await expect
      .poll(() => countOn(page, "By status", STATUS_LABELS[move.to]), { timeout: 5_000, interval: 25 })
      .toBe(toBefore + 1);
    console.info(`live update visible on the overview ${Date.now() - move.at} ms after the API answered`);
    expect(await countOn(page, "By status", STATUS_LABELS[from])).toBe(fromBefore - 1);
    const recentChanges = page.getByRole("region", { name: /status changes/i });
    expect(await recentChanges.innerText()).toContain("Archive visit moved by the partner side.");
    expect(await windowMarker(page)).toBe("still here");
  });

  it("shows a status change made elsewhere on the open engagement page, without a reload", async () => {
    const page = session.page;
    await openLive(page, `/engagements/${engagementId}`);

    const move = await moveElsewhere("Research requests answered early.");
    await statusBadge(page, move.to).waitFor({ timeout: 5_000 });
    console.info(`live update visible on the engagement page ${Date.now() - move.at} ms after the API answered`);
    const latest = page.getByRole("region", { name: "Activity" }).getByRole("listitem").first();
    expect(await latest.innerText()).toContain("Research requests answered early.");
    expect(await windowMarker(page)).toBe("still here");
  });

  it("says the reader is signed out, and stops retrying, when their session ends elsewhere", async () => {
    const browser = await launchBrowser();
    try {
      const context = await signedIn(browser, "viewer");
      const page = await context.newPage();
      await page.goto("/");
      await expect.poll(() => indicator(page).innerText()).toMatch(/^Live updates:\s*Live$/);
      const [cookie] = await context.cookies().then((cookies) => cookies.filter(({ name }) => name === "et_session"));

      // The same session signed out from another window: the API closes its subscription at once.
      const response = await fetch(inject("apiUrl"), {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${cookie!.value}` },
        body: JSON.stringify({ query: "mutation { signOut { errors { code } } }" }),
      });
      expect(response.status).toBe(200);
      await expect.poll(() => indicator(page).innerText()).toMatch(/^Live updates:\s*Signed out/);
      await expect.poll(() => page.getByRole("link", { name: "Sign in again" }).count()).toBe(1);
      expect(await indicator(page).innerText()).not.toMatch(/Reconnecting|Offline/);
    } finally {
      await browser.close();
    }
  });

  it("holds the refresh back while the reader is typing, and offers it", async () => {
    const page = session.page;
    await openLive(page, `/engagements/${engagementId}`);
    const reason = page.getByRole("region", { name: "Change status" }).getByLabel("Reason");
    await reason.fill("Half-written reason");

    const move = await moveElsewhere("Changed while someone was typing.");
    const offer = page.getByRole("button", { name: "Updated elsewhere — refresh" });
    await offer.waitFor({ timeout: 5_000 });
    // Held back: the badge still shows the status the reader's page was rendered with.
    await statusBadge(page, move.from).waitFor();
    expect(await reason.inputValue()).toBe("Half-written reason");

    await offer.click();
    await statusBadge(page, move.to).waitFor({ timeout: 5_000 });
    expect(await windowMarker(page)).toBe("still here");
  });
});
