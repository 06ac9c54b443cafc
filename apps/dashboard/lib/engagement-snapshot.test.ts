import { describe, expect, it } from "vitest";
import { changesBetween, parseSnapshot } from "./engagement-snapshot";

describe("what changed between two snapshots", () => {
  it("lists the facts that differ, before and after", () => {
    expect(
      changesBetween(
        { Status: "Proposed", Title: "Talks", "Milestone “Agenda agreed”": "open" },
        { Status: "Planned", Title: "Talks", "Milestone “Agenda agreed”": "done" },
      ),
    ).toEqual([
      { label: "Status", before: "Proposed", after: "Planned" },
      { label: "Milestone “Agenda agreed”", before: "open", after: "done" },
    ]);
  });

  it("reads a snapshot back from a form field, ignoring anything malformed", () => {
    expect(parseSnapshot('{"Status":"Planned","Version":3}')).toEqual({ Status: "Planned" });
    expect(parseSnapshot("not json")).toEqual({});
    expect(parseSnapshot(null)).toEqual({});
  });
});
