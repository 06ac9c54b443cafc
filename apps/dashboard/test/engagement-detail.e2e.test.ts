import {
  DashboardChangeStatusDocument,
  DashboardViewerDocument,
  EngagementDetailDocument,
  EngagementResultsDocument,
} from "@engagement-tracker/schema";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { apiAs, browserSession, countOn, sameSession, signedIn } from "./browser";

const session = browserSession("editor");

/** Opens an engagement the way a user does: search the table, follow the title. */
async function openEngagement(target: Page, title: string): Promise<void> {
  await target.goto(`/engagements?show=all&q=${encodeURIComponent(title)}`);
  await target.getByRole("link", { name: title, exact: true }).click();
  await target.getByRole("heading", { level: 1, name: title }).waitFor();
}

const header = (target: Page) => target.locator("main header");
const changeStatus = (target: Page) => target.getByRole("region", { name: "Change status" });
const history = (target: Page) => target.getByRole("region", { name: "Activity" });
const offeredMoves = (target: Page) =>
  changeStatus(target)
    .getByRole("radio")
    .evaluateAll((radios) => radios.map((radio) => (radio as HTMLInputElement).value));

async function engagementByTitle(title: string) {
  const api = await apiAs("editor");
  // The search also matches other engagements whose summary names this one.
  const { engagements } = await api(EngagementResultsDocument, { filter: { search: title }, first: 50 });
  const [match] = engagements.nodes.filter((node) => node.title === title);
  const { engagement } = await api(EngagementDetailDocument, { id: match!.id });
  return { api, engagement: engagement! };
}

describe("an engagement's page", () => {
  it("moves PLANNED → CONFIRMED: the badge, the history and the overview counts follow", async () => {
    const title = "Joint site survey for missing WWII U.S. personnel, Hunan Province";
    await session.page.goto("/");
    const before = {
      planned: await countOn(session.page, "By status", "Planned"),
      confirmed: await countOn(session.page, "By status", "Confirmed"),
    };

    await openEngagement(session.page, title);
    await header(session.page).getByText("Planned", { exact: true }).waitFor();
    await changeStatus(session.page).getByLabel("Confirmed").check();
    await changeStatus(session.page).getByLabel("Reason").fill("Site access confirmed by the Hunan authorities.");
    await changeStatus(session.page).getByRole("button", { name: "Change status" }).click();

    await expect.poll(() => changeStatus(session.page).getByRole("status").innerText()).toBe("Moved to Confirmed.");
    await header(session.page).getByText("Confirmed", { exact: true }).waitFor();
    const latest = await history(session.page).getByRole("listitem").first().innerText();
    expect(latest).toContain("Site access confirmed by the Hunan authorities.");
    expect(latest).toMatch(/Planned\s*→?\s*(to\s*)?Confirmed/);
    const { viewer } = await (await apiAs("editor"))(DashboardViewerDocument, {});
    expect(latest).toContain(viewer!.name);

    await session.page.goto("/");
    expect(await countOn(session.page, "By status", "Planned")).toBe(before.planned - 1);
    expect(await countOn(session.page, "By status", "Confirmed")).toBe(before.confirmed + 1);
  });

  // The lifecycle table (README, "Lifecycle"): what the form must offer from each status.
  it.each([
    [
      "Military crisis communication working group (video teleconference)",
      "PLANNED",
      ["CONFIRMED", "POSTPONED", "CANCELLED"],
    ],
    [
      "Military Maritime Consultative Agreement meeting, Honolulu",
      "CONFIRMED",
      ["IN_PROGRESS", "COMPLETED", "POSTPONED", "CANCELLED"],
    ],
    ["POW/MIA archival research working group, Beijing", "IN_PROGRESS", ["COMPLETED", "POSTPONED"]],
  ])("offers from %s (%s) exactly the moves the lifecycle table allows", async (title, status, moves) => {
    const { engagement } = await engagementByTitle(title);
    expect(engagement.status).toBe(status);
    await openEngagement(session.page, title);
    await expect.poll(() => offeredMoves(session.page)).toEqual(moves);
  });

  it("detects a change made by someone else in between, shows it, and retries on the fresh state", async () => {
    const title = "18th China-U.S. Defense Policy Coordination Talks";
    await openEngagement(session.page, title);
    expect(await offeredMoves(session.page)).toContain("PLANNED");
    // Chosen before the colleague's move, so the live update holds back rather than re-render under the choice.
    await changeStatus(session.page).getByLabel("Planned").check();

    // A colleague plans it from elsewhere while this page is open.
    const { api, engagement } = await engagementByTitle(title);
    await api(DashboardChangeStatusDocument, {
      input: {
        id: engagement.id,
        status: "PLANNED",
        reason: "Beijing, March 16–17.",
        expectedVersion: engagement.version,
      },
    });

    await changeStatus(session.page).getByRole("button", { name: "Change status" }).click();
    const alert = changeStatus(session.page).getByRole("alert");
    await expect.poll(() => alert.innerText()).toContain("Someone else changed this engagement");
    expect(await alert.innerText()).toMatch(/Status\s+Proposed\s*→?\s*(now)?\s*Planned/);
    expect(await alert.innerText()).toContain("Moving to Planned is no longer possible from Planned");
    expect(await offeredMoves(session.page)).not.toContain("PLANNED");

    await changeStatus(session.page).getByLabel("Confirmed").check();
    await changeStatus(session.page).getByRole("button", { name: "Change status" }).click();
    await expect.poll(() => changeStatus(session.page).getByRole("status").innerText()).toBe("Moved to Confirmed.");
    const moves = await history(session.page).locator("ol > li").allInnerTexts();
    expect(moves[0]).toMatch(/Planned[\s\S]*Confirmed/);
    expect(moves[1]).toContain("Beijing, March 16–17.");
  });

  it("completes and reopens a milestone", async () => {
    await openEngagement(session.page, "Military crisis communication working group (video teleconference)");
    const milestones = session.page.getByRole("region", { name: "Milestones" });
    const counter = milestones.getByText(/\d+ of \d+ done/);
    const doneBefore = Number((await counter.innerText()).split(" ")[0]);
    await milestones.getByRole("button", { name: /^Mark done\W+Agenda agreed$/ }).click();
    await expect.poll(() => counter.innerText()).toMatch(new RegExp(`^${doneBefore + 1} of`));
    await milestones.getByRole("button", { name: /^Reopen\W+Agenda agreed$/ }).click();
    await expect.poll(() => counter.innerText()).toMatch(new RegExp(`^${doneBefore} of`));
  });

  it("works without JavaScript, and asks for the reason a cancellation needs", async () => {
    const noScript = await sameSession(session.browser, session.context, { javaScriptEnabled: false });
    const plain = await noScript.newPage();
    const title = "Visit of the Commander, U.S. Indo-Pacific Command, to the PLA Southern Theater Command";
    await openEngagement(plain, title);
    await changeStatus(plain).getByLabel("Cancelled").check();
    await changeStatus(plain).getByRole("button", { name: "Change status" }).click();
    await plain.waitForLoadState();
    const reason = changeStatus(plain).getByRole("textbox", { name: /Reason/ });
    expect(await reason.getAttribute("aria-invalid")).toBe("true");
    expect(await plain.locator(`#${await reason.getAttribute("id")}-error`).innerText()).toMatch(/reason/i);

    await changeStatus(plain).getByLabel("Cancelled").check();
    await changeStatus(plain)
      .getByLabel(/Reason/)
      .fill("The theater commander's visit was called off.");
    await changeStatus(plain).getByRole("button", { name: "Change status" }).click();
    await plain.waitForLoadState();
    await header(plain).getByText("Cancelled", { exact: true }).waitFor();
    await noScript.close();
  });
});

describe("a viewer", () => {
  it("reads everything but is offered no action the role may not take", async () => {
    const title = "Military Maritime Consultative Agreement meeting, Honolulu";
    const actions = (target: Page) => [
      changeStatus(target),
      target.getByRole("link", { name: "Edit details" }),
      target.getByRole("button", { name: /Mark done|Reopen/ }),
    ];
    // An editor is offered each of them on the same page, so their names here are the real ones.
    await openEngagement(session.page, title);
    for (const action of actions(session.page)) await action.first().waitFor();

    const viewer = await signedIn(session.browser, "viewer");
    const viewerPage = await viewer.newPage();
    await openEngagement(viewerPage, title);
    await viewerPage
      .getByRole("region", { name: "Milestones" })
      .getByText(/\d+ of \d+ done/)
      .waitFor();
    for (const action of actions(viewerPage)) expect(await action.count()).toBe(0);

    await session.page.goto("/engagements");
    await session.page.getByRole("link", { name: "New engagement" }).waitFor();
    await viewerPage.goto("/engagements");
    await viewerPage.getByRole("heading", { name: /^\d+ engagements?$/ }).waitFor();
    expect(await viewerPage.getByRole("link", { name: "New engagement" }).count()).toBe(0);
    await viewer.close();
  });
});
