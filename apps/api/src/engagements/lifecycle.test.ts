import { EngagementStatus } from "@engagement-tracker/db";
import { describe, expect, it } from "vitest";
import { allowedMoves, judgeMove } from "./lifecycle.ts";

const { PROPOSED, PLANNED, CONFIRMED, IN_PROGRESS, COMPLETED, POSTPONED, CANCELLED } = EngagementStatus;

describe("the lifecycle", () => {
  it.each([
    [PROPOSED, [PLANNED, POSTPONED, CANCELLED]],
    [PLANNED, [CONFIRMED, POSTPONED, CANCELLED]],
    [CONFIRMED, [IN_PROGRESS, COMPLETED, POSTPONED, CANCELLED]],
    [IN_PROGRESS, [COMPLETED, POSTPONED]],
    [POSTPONED, [PLANNED, CONFIRMED, CANCELLED]],
    [COMPLETED, []],
    [CANCELLED, []],
  ])("from %s allows exactly %j", (from, targets) => {
    expect([...allowedMoves(from)].sort()).toEqual([...targets].sort());
  });

  it.each([POSTPONED, CANCELLED])("requires a reason to move to %s", (to) => {
    expect(judgeMove(PLANNED, to, "  ")).toMatchObject({ allowed: false, problem: "reason" });
    expect(judgeMove(PLANNED, to, "Typhoon")).toEqual({ allowed: true });
  });

  it("closes a confirmed engagement after the fact, with or without a reason", () => {
    expect(judgeMove(CONFIRMED, COMPLETED, null)).toEqual({ allowed: true });
    expect(judgeMove(CONFIRMED, COMPLETED, "Held as planned; recorded afterwards")).toEqual({ allowed: true });
  });

  it("names the allowed targets when it refuses a move", () => {
    expect(judgeMove(PLANNED, COMPLETED, null)).toMatchObject({
      allowed: false,
      problem: "transition",
      message: expect.stringContaining("CONFIRMED, POSTPONED, CANCELLED"),
    });
  });

  it("says a final status allows no move", () => {
    expect(judgeMove(COMPLETED, PLANNED, null)).toMatchObject({
      message: expect.stringContaining("COMPLETED is final"),
    });
  });
});
