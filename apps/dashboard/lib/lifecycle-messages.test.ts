import { describe, expect, it } from "vitest";
import { readableMoveErrors } from "./lifecycle-messages";

describe("a refused move, in words", () => {
  it("names the statuses by their labels and the moves open instead", () => {
    const [error] = readableMoveErrors(
      [
        {
          code: "INVALID_TRANSITION",
          message: "Cannot move an engagement from PLANNED to IN_PROGRESS.",
          field: ["status"],
        },
      ],
      { from: "PLANNED", to: "IN_PROGRESS", allowed: ["CONFIRMED", "POSTPONED", "CANCELLED"], reason: "" },
    );
    expect(error!.message).toBe(
      "A planned engagement cannot move to In progress. From Planned it can move to Confirmed, Postponed, or Cancelled.",
    );
    expect(error!.message).not.toMatch(/[A-Z]{2,}_?[A-Z]*/);
  });

  it("says a final status allows no move", () => {
    const [error] = readableMoveErrors(
      [{ code: "INVALID_TRANSITION", message: "COMPLETED is final", field: ["status"] }],
      {
        from: "COMPLETED",
        to: "PLANNED",
        allowed: [],
        reason: "",
      },
    );
    expect(error!.message).toBe(
      "A completed engagement cannot move to Planned. Completed is final: its status can no longer change.",
    );
  });

  it("asks for the missing reason by the status's label", () => {
    const [error] = readableMoveErrors(
      [{ code: "VALIDATION", message: "A reason is required to move an engagement to POSTPONED.", field: ["reason"] }],
      { from: "PLANNED", to: "POSTPONED", allowed: ["POSTPONED"], reason: "" },
    );
    expect(error!.message).toBe("Give a reason for moving it to Postponed.");
  });

  it("passes other errors through", () => {
    const other = { code: "VALIDATION", message: "Reason is at most 2000 characters.", field: ["reason"] };
    expect(readableMoveErrors([other], { from: "PLANNED", to: "POSTPONED", allowed: [], reason: "x" })).toEqual([
      other,
    ]);
  });
});
