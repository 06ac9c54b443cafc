import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { editEngagementHref, engagementHref } from "../lib/routes";
import {
  engagementOfMyOwn,
  expectNoSeriousAxeViolations,
  launchBrowser,
  screenshot,
  signedIn,
  tableTitles,
  VIEWPORTS,
} from "./browser";

let browser: Browser;
let editor: BrowserContext;
let viewer: BrowserContext;
beforeAll(async () => {
  browser = await launchBrowser();
  [editor, viewer] = await Promise.all([signedIn(browser, "editor"), signedIn(browser, "viewer")]);
});
afterAll(() => browser?.close());

// The seed makes the demo editor (Jordan Ellis) owner of three engagements and co-owner of a fourth
// (tests make more of their own, which the editor then owns too).
const EDITORS_OWN = [
  "China-U.S. Disaster Management Exchange, Nanjing",
  "Military Maritime Consultative Agreement meeting, Honolulu",
  "Military crisis communication working group (video teleconference)",
  "Joint site survey for missing WWII U.S. personnel, Guangxi Zhuang Autonomous Region",
];
const SOMEONE_ELSES = "POW/MIA archival research working group, Beijing";

describe("owners", () => {
  it('"Mine" lists what I own or co-own, kept in the address; the Owner filter lists one person\'s', async () => {
    const page = await editor.newPage();
    await page.goto("/engagements?show=all");
    await page.getByLabel("Mine", { exact: true }).check();
    await page.waitForURL(/mine=1/);
    await page.locator("table tbody tr").first().waitFor();
    const titles = await tableTitles(page);
    expect(titles).toEqual(expect.arrayContaining(EDITORS_OWN));
    expect(titles).not.toContain(SOMEONE_ELSES);
    const owners = await page.locator('table tbody td[data-label="Owner"]').allInnerTexts();
    expect(owners).toContain("Jordan Ellis");

    await page.goto("/engagements?show=all");
    await page.getByText("More filters").click();
    await page.getByRole("group", { name: "Owner" }).getByLabel("Maj. Lauren Pierce").check();
    await page.waitForURL(/owner=/);
    const pierces = await page.locator('table tbody td[data-label="Owner"]').allInnerTexts();
    expect(pierces.length).toBeGreaterThan(0);
    expect(new Set(pierces)).toEqual(new Set(["Maj. Lauren Pierce"]));
    expect(await tableTitles(page)).toContain(SOMEONE_ELSES);
    await page.close();
  });

  it("an editor gives an engagement an owner and a co-owner, shown on its page and in its activity, and a milestone an owner", async () => {
    const { id } = await engagementOfMyOwn();
    const page = await editor.newPage();
    await page.goto(editEngagementHref(id));
    await page.getByLabel("Owner", { exact: true }).selectOption({ label: "Maj. Lauren Pierce" });
    await page.getByRole("group", { name: "Co-owners" }).getByLabel("Cmdr. Ryan Castillo").check();
    await expectNoSeriousAxeViolations(page);
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.waitForURL((url) => url.pathname === engagementHref(id));

    const facts = page.getByRole("region", { name: "Facts" });
    await expect.poll(() => facts.innerText()).toContain("Maj. Lauren Pierce");
    expect(await facts.innerText()).toContain("Cmdr. Ryan Castillo");
    const activity = await page.getByRole("region", { name: "Activity" }).innerText();
    // "→" is read out as "to".
    expect(activity).toMatch(/Owner: Jordan Ellis →\s+to\s+Maj\. Lauren Pierce/);
    expect(activity).toMatch(/Co-owners: \(none\) →\s+to\s+Cmdr\. Ryan Castillo/);

    const milestones = page.getByRole("region", { name: "Milestones" });
    await milestones.getByLabel("Title").last().fill("Talking points cleared");
    await milestones
      .getByLabel("Due date")
      .last()
      .fill(new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10));
    await milestones.getByLabel("Owner (optional)").last().selectOption({ label: "Cmdr. Ryan Castillo" });
    await milestones.getByRole("button", { name: "Add milestone" }).click();
    await milestones.getByRole("status").getByText('Added "Talking points cleared".').waitFor();
    await milestones.getByText("Owner: Cmdr. Ryan Castillo").waitFor();

    await page.setViewportSize(VIEWPORTS.phone);
    await expectNoSeriousAxeViolations(page);
    await screenshot(page, "engagement-owners-phone");
    await page.close();
  });

  it("the overview opens with my attention list: my overdue and at-risk engagements and my milestones due", async () => {
    const page = await editor.newPage();
    await page.goto("/");
    const mine = page.getByRole("region", { name: "My attention list" });
    await mine.waitFor();
    const text = await mine.innerText();
    expect(text).toContain("My milestones due in the next 7 days");
    // The crisis communication working group, the editor's own, has "Interpreters booked" due within the week.
    expect(text).toContain("Interpreters booked");
    await expectNoSeriousAxeViolations(page);
    await screenshot(page, "overview-my-attention");
    await page.close();
  });
});

describe("comments", () => {
  it("a viewer comments with a mention; script-like text shows as text, links link; edit and removal show in the activity", async () => {
    const { id } = await engagementOfMyOwn();
    const page = await viewer.newPage();
    await page.goto(engagementHref(id));
    const thread = page.getByRole("region", { name: "Comments" });
    await thread
      .getByLabel("Comment", { exact: true })
      .fill("Who leads?\n<script>alert(1)</script> https://example.org/brief");
    await thread.getByText("Mention someone").click();
    await thread.getByRole("group", { name: "Mention" }).getByLabel("@Jordan Ellis").check();
    await thread.getByRole("button", { name: "Post comment" }).click();
    await thread.getByRole("status").getByText("Comment added.").waitFor();
    // A commenter watches from then on, and may stop.
    await page.getByRole("button", { name: /^Stop watching/ }).click();
    await page.getByRole("button", { name: /^Watch/ }).waitFor();

    const comment = thread.getByRole("listitem").first();
    // Shown as the words typed (the hidden edit form holds them too).
    await comment.locator("p", { hasText: "<script>alert(1)</script>" }).waitFor();
    expect(await comment.getByRole("link", { name: "https://example.org/brief" }).getAttribute("href")).toBe(
      "https://example.org/brief",
    );
    expect(await comment.innerText()).toContain("Mentions: @Jordan Ellis");
    expect(await page.locator("script:text('alert(1)')").count()).toBe(0);
    await expectNoSeriousAxeViolations(page);
    await screenshot(page, "engagement-comments");

    await comment.getByText("Edit your comment").click();
    await comment.getByLabel("Comment", { exact: true }).fill("Who leads the delegation?");
    await comment.getByRole("button", { name: "Save comment" }).click();
    await comment.getByText("edited", { exact: true }).waitFor();
    expect(await comment.innerText()).toContain("Who leads the delegation?");

    await comment.getByText("Remove your comment").click();
    await comment.getByRole("button", { name: "Remove comment" }).click();
    await thread.getByText("No comments yet.").waitFor();
    const activity = await page.getByRole("region", { name: "Activity" }).innerText();
    expect(activity).toContain("Commented");
    expect(activity).toContain("Comment edited");
    expect(activity).toContain("Comment removed");
    await page.close();
  });
});

describe("notification inbox", () => {
  const bell = (page: import("playwright-core").Page) =>
    page.getByRole("link", { name: /^Notifications: \d+ unread$/ });
  const unread = async (page: import("playwright-core").Page) =>
    Number((await bell(page).innerText()).match(/\d+/)![0]);

  it("the bell counts up live when a colleague comments in another browser; the inbox links there and marks all read", async () => {
    const { id, title } = await engagementOfMyOwn();
    const page = await editor.newPage();
    await page.goto("/engagements");
    // Once the page's live stream is open, nothing committed after is missed.
    await expect.poll(() => page.getByRole("banner").getByRole("status").innerText()).toMatch(/^Live updates:\s*Live$/);
    const before = await unread(page);

    // The viewer, in another browser, comments on the editor's engagement.
    const colleague = await viewer.newPage();
    await colleague.goto(engagementHref(id));
    const thread = colleague.getByRole("region", { name: "Comments" });
    await thread.getByLabel("Comment", { exact: true }).fill("Is the venue confirmed?");
    await thread.getByRole("button", { name: "Post comment" }).click();
    await thread.getByRole("status").getByText("Comment added.").waitFor();
    await colleague.close();
    await expect.poll(() => unread(page), { timeout: 10_000 }).toBe(before + 1);

    await bell(page).click();
    await page.waitForURL(/\/notifications$/);
    const item = page.getByRole("listitem").filter({ hasText: title });
    expect(await item.innerText()).toContain("Avery Collins commented on");
    expect(await item.getByRole("link", { name: title }).getAttribute("href")).toBe(`${engagementHref(id)}#comments`);
    await expectNoSeriousAxeViolations(page);
    await screenshot(page, "notifications");

    await page.getByRole("button", { name: "Mark all read notifications" }).click();
    await expect.poll(() => unread(page)).toBe(0);
    expect(await page.getByRole("button", { name: /^Mark read/ }).count()).toBe(0);
    await page.setViewportSize(VIEWPORTS.phone);
    await expectNoSeriousAxeViolations(page);
    await page.close();
  });
});
