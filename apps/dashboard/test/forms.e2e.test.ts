import { DashboardUpdateEngagementDocument } from "@engagement-tracker/schema";
import { describe, expect, it } from "vitest";
import { addDays } from "../lib/format";
import { editEngagementHref } from "../lib/routes";
import { apiAs, browserSession, engagementOfMyOwn } from "./browser";

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
    await session.page.getByLabel("Country", { exact: true }).fill("CN");
    await session.page.getByLabel("Host country").fill("CN");
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
  });

  it("edits the facts and names an invalid country code", async () => {
    const { title } = await engagementOfMyOwn();
    await session.page.goto(`/engagements?q=${encodeURIComponent(title)}`);
    await session.page.getByRole("link", { name: title, exact: true }).click();
    await session.page.getByRole("link", { name: "Edit details" }).click();
    await session.page.getByRole("heading", { name: `Edit ${title}` }).waitFor();
    await session.page.getByLabel("Country", { exact: true }).fill("ZZ");
    await session.page.getByRole("button", { name: "Save changes" }).click();
    await expect.poll(() => session.page.locator("#field-country-error").innerText()).toContain("ISO 3166-1 alpha-2");

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
});
