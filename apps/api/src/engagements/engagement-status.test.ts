import { EngagementStatus } from "@engagement-tracker/db";
import { graphql } from "@engagement-tracker/schema";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../test/api.ts";
import { insertEngagement } from "../test/fixtures.ts";
import { allowedMoves } from "./lifecycle.ts";

const MoveStatus = graphql(`
  mutation MoveStatus($input: UpdateEngagementStatusInput!) {
    updateEngagementStatus(input: $input) {
      engagement {
        id
        status
        version
        statusHistory {
          fromStatus
          toStatus
          reason
        }
      }
      statusChange {
        fromStatus
        toStatus
        reason
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api?.close());

const statuses = Object.values(EngagementStatus);
const everyPair = statuses.flatMap((from) => statuses.map((to) => [from, to] as const));

describe("moving an engagement through its lifecycle", () => {
  it.each(everyPair)("%s → %s is allowed exactly when the lifecycle says so", async (from, to) => {
    const engagement = await insertEngagement(api.prisma, { status: from });
    const { updateEngagementStatus: result } = await api.query(MoveStatus, {
      input: { id: engagement.globalId, status: to, reason: "Agreed at the working-level call" },
    });
    const history = await api.prisma.statusChange.findMany({ where: { engagementId: engagement.id } });
    const stored = await api.prisma.engagement.findUniqueOrThrow({ where: { id: engagement.id } });

    if (allowedMoves(from).includes(to)) {
      expect(result.errors).toEqual([]);
      expect(result.engagement).toMatchObject({ status: to, version: engagement.version + 1 });
      expect(result.statusChange).toEqual({
        fromStatus: from,
        toStatus: to,
        reason: "Agreed at the working-level call",
      });
      expect(history).toHaveLength(2);
      expect(stored.status).toBe(to);
    } else {
      expect(result.errors).toEqual([
        { code: "INVALID_TRANSITION", field: ["status"], message: expect.stringContaining(`from ${from} to ${to}`) },
      ]);
      for (const target of allowedMoves(from)) expect(result.errors[0]!.message).toContain(target);
      expect(result.engagement).toMatchObject({ status: from, version: engagement.version });
      expect(result.statusChange).toBeNull();
      expect(history).toHaveLength(1);
      expect({ ...stored, globalId: engagement.globalId }).toEqual(engagement);
    }
  });

  it.each(["POSTPONED", "CANCELLED"] as const)("refuses %s without a reason and changes nothing", async (to) => {
    const engagement = await insertEngagement(api.prisma, { status: "PLANNED" });
    const { updateEngagementStatus: result } = await api.query(MoveStatus, {
      input: { id: engagement.globalId, status: to, reason: "   " },
    });
    expect(result.errors).toEqual([
      { code: "VALIDATION", field: ["reason"], message: expect.stringContaining("reason is required") },
    ]);
    expect(await api.prisma.statusChange.count({ where: { engagementId: engagement.id } })).toBe(1);
  });

  it.each([
    ["without a reason", undefined, null],
    ["with a reason", "Held as planned; recorded afterwards", "Held as planned; recorded afterwards"],
  ])("closes a CONFIRMED engagement straight to COMPLETED %s, after the fact", async (_, reason, stored) => {
    const engagement = await insertEngagement(api.prisma, { status: "CONFIRMED" });
    const { updateEngagementStatus: result } = await api.query(MoveStatus, {
      input: { id: engagement.globalId, status: "COMPLETED", reason, expectedVersion: engagement.version },
    });
    expect(result.errors).toEqual([]);
    expect(result.statusChange).toEqual({ fromStatus: "CONFIRMED", toStatus: "COMPLETED", reason: stored });
    expect(result.engagement).toMatchObject({ status: "COMPLETED", version: engagement.version + 1 });
  });

  it("shows each move in the engagement's history, oldest first", async () => {
    const engagement = await insertEngagement(api.prisma, { status: "PLANNED" });
    await api.query(MoveStatus, { input: { id: engagement.globalId, status: "CONFIRMED" } });
    const { updateEngagementStatus: result } = await api.query(MoveStatus, {
      input: { id: engagement.globalId, status: "POSTPONED", reason: "Typhoon season" },
    });
    expect(result.engagement!.statusHistory).toEqual([
      { fromStatus: null, toStatus: "PLANNED", reason: "Created" },
      { fromStatus: "PLANNED", toStatus: "CONFIRMED", reason: null },
      { fromStatus: "CONFIRMED", toStatus: "POSTPONED", reason: "Typhoon season" },
    ]);
  });

  it("answers NOT_FOUND for an ID that names nothing", async () => {
    const { updateEngagementStatus: result } = await api.query(MoveStatus, {
      input: { id: "RW5nYWdlbWVudDowMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA=", status: "CONFIRMED" },
    });
    expect(result.errors).toEqual([{ code: "NOT_FOUND", field: ["id"], message: "No engagement has that ID." }]);
    expect(result.engagement).toBeNull();
  });
});

describe("optimistic concurrency", () => {
  it("lets exactly one of 20 concurrent moves with the same expectedVersion through", async () => {
    const engagement = await insertEngagement(api.prisma, { status: "PLANNED" });
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        api.query(MoveStatus, {
          input: { id: engagement.globalId, status: "CONFIRMED", expectedVersion: engagement.version },
        }),
      ),
    );
    const outcomes = results.map(({ updateEngagementStatus }) => updateEngagementStatus.errors[0]?.code ?? "OK");
    expect(outcomes.filter((outcome) => outcome === "OK")).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === "VERSION_CONFLICT")).toHaveLength(19);
    expect(await api.prisma.statusChange.count({ where: { engagementId: engagement.id } })).toBe(2);
  });

  it("refuses a stale expectedVersion, writes nothing, and returns the engagement as it stands", async () => {
    const engagement = await insertEngagement(api.prisma, { status: "PLANNED" });
    await api.query(MoveStatus, { input: { id: engagement.globalId, status: "CONFIRMED", expectedVersion: 1 } });
    const { updateEngagementStatus: stale } = await api.query(MoveStatus, {
      input: { id: engagement.globalId, status: "CANCELLED", reason: "Budget", expectedVersion: 1 },
    });
    expect(stale.errors).toEqual([
      { code: "VERSION_CONFLICT", field: ["expectedVersion"], message: expect.stringContaining("it is now 2") },
    ]);
    expect(stale.engagement).toMatchObject({ status: "CONFIRMED", version: 2 });
    expect(await api.prisma.statusChange.count({ where: { engagementId: engagement.id } })).toBe(2);
  });
});
