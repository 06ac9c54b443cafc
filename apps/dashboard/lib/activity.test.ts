import { describe, expect, it } from "vitest";
import { activityFilterOf, describeEvent } from "./activity";
import { Formatter } from "./format";

const format = new Formatter("en-US", "UTC");

describe("the activity timeline's words for an event", () => {
  it("tells a postponement with its new window in labels and formatted days", () => {
    expect(
      describeEvent(
        {
          kind: "STATUS_CHANGED",
          changes: {
            status: { from: "CONFIRMED", to: "POSTPONED" },
            startsOn: { from: "2026-12-08", to: "2027-03-02" },
            reason: "Host asked for March",
          },
        },
        format,
      ),
    ).toEqual({
      summary: "Status changed",
      changes: [
        { label: "Status", from: "Confirmed", to: "Postponed" },
        { label: "Start", from: "Dec 8, 2026", to: "Mar 2, 2027" },
      ],
      reason: "Host asked for March",
    });
  });

  it("names countries and says when a value was empty", () => {
    const { changes } = describeEvent(
      { kind: "EDITED", changes: { country: { from: "CH", to: "CN" }, region: { from: null, to: "Hunan" } } },
      format,
    );
    expect(changes).toEqual([
      { label: "Country", from: "Switzerland", to: "China" },
      { label: "Region", from: "(none)", to: "Hunan" },
    ]);
  });

  it("names owners and co-owners, and a user no longer listed as a former user", () => {
    const people = new Map([
      ["U1", "Dana Mercer"],
      ["U2", "Ryan Castillo"],
    ]);
    const { changes } = describeEvent(
      {
        kind: "EDITED",
        changes: { ownerId: { from: "U0", to: "U1" }, coOwners: { from: [], to: ["U2", "U1"] } },
      },
      format,
      people,
    );
    expect(changes).toEqual([
      { label: "Owner", from: "a former user", to: "Dana Mercer" },
      { label: "Co-owners", from: "(none)", to: "Ryan Castillo, Dana Mercer" },
    ]);
  });

  it("tells a milestone edit by the milestone's title, with each change", () => {
    expect(
      describeEvent(
        {
          kind: "MILESTONE_EDITED",
          changes: {
            milestone: {
              id: "x",
              title: "Agenda agreed",
              changes: { dueOn: { from: "2026-12-01", to: "2026-12-10" } },
            },
          },
        },
        format,
      ),
    ).toEqual({
      summary: "Milestone “Agenda agreed” edited",
      changes: [{ label: "Due date", from: "Dec 1, 2026", to: "Dec 10, 2026" }],
      reason: null,
    });
  });

  it("reads an unknown filter in the URL as all activity", () => {
    expect(activityFilterOf("milestones")).toBe("milestones");
    expect(activityFilterOf("constructor")).toBe("all");
    expect(activityFilterOf(undefined)).toBe("all");
  });
});
