import {
  EngagementEventKind,
  type Milestone as MilestoneRow,
  type Prisma,
  type PrismaClient,
} from "@engagement-tracker/db";
import { groupLoader, rowLoader } from "../common/loaders.ts";
import { fromRow, rowIdOf } from "../common/node.ts";
import { RefusedError, UserErrorCode, refuse } from "../common/user-error.ts";
import { validateInput } from "../common/validation.ts";
import {
  refuseUnlessWritable,
  requireEngagementRowId,
  toEngagement,
  writeEngagement,
  type WriteResult,
} from "../engagements/engagement.service.ts";
import type { AddMilestoneInput, MilestoneStateInput } from "./milestone.inputs.ts";
import { Milestone } from "./milestone.type.ts";

export const toMilestone = (row: MilestoneRow): Milestone => fromRow(Milestone, row);

/** An engagement's milestones as every reader shows them: by due date. */
export const MILESTONES_IN_ORDER = {
  orderBy: [{ dueOn: "asc" }, { id: "asc" }] as Prisma.MilestoneOrderByWithRelationInput[],
};

export function createMilestoneLoaders(prisma: PrismaClient) {
  return {
    milestoneById: rowLoader(
      async (ids) => (await prisma.milestone.findMany({ where: { id: { in: ids } } })).map(toMilestone),
      (milestone) => milestone.rowId,
    ),
    milestonesByEngagement: groupLoader(
      async (engagementIds) =>
        (
          await prisma.milestone.findMany({ where: { engagementId: { in: engagementIds } }, ...MILESTONES_IN_ORDER })
        ).map(toMilestone),
      (milestone) => milestone.engagementId,
    ),
  };
}

/** A milestone belongs to its engagement: adding or changing one is a write to the engagement (its version moves). */
export async function addMilestone(
  prisma: PrismaClient,
  input: AddMilestoneInput,
  actorId: string | null,
): Promise<WriteResult<Milestone>> {
  const engagementRowId = requireEngagementRowId(input.engagementId, "engagementId");
  const errors = await validateInput(input);
  if (errors.length) throw new RefusedError(errors);
  if (!(await prisma.engagement.findUnique({ where: { id: engagementRowId }, select: { id: true } }))) {
    refuse(UserErrorCode.NOT_FOUND, `No engagement has the ID "${input.engagementId}".`, ["engagementId"]);
  }
  const target = { rowId: engagementRowId, expectedVersion: input.expectedVersion, actorId };
  return writeEngagement(prisma, target, async () => ({
    changes: {},
    event: EngagementEventKind.MILESTONE_ADDED,
    details: { milestone: { title: input.title, dueOn: input.dueOn.toISOString().slice(0, 10) } },
    alsoWrite: async (tx) =>
      toMilestone(
        await tx.milestone.create({ data: { engagementId: engagementRowId, title: input.title, dueOn: input.dueOn } }),
      ),
  }));
}

/** Completes (`done`) or reopens a milestone; asking for the state it is already in changes nothing. */
export async function setMilestoneDone(
  prisma: PrismaClient,
  input: MilestoneStateInput,
  done: boolean,
  actorId: string | null,
): Promise<WriteResult<Milestone>> {
  const rowId = rowIdOf("Milestone", input.id);
  const milestone = rowId && (await prisma.milestone.findUnique({ where: { id: rowId } }));
  if (!milestone) refuse(UserErrorCode.NOT_FOUND, `No milestone has the ID "${input.id}".`, ["id"]);
  if (Boolean(milestone.completedAt) === done) {
    const engagement = await prisma.engagement.findUniqueOrThrow({ where: { id: milestone.engagementId } });
    refuseUnlessWritable(engagement, input.expectedVersion);
    return { engagement: toEngagement(engagement), extra: toMilestone(milestone), sequence: null };
  }
  const target = { rowId: milestone.engagementId, expectedVersion: input.expectedVersion, actorId };
  return writeEngagement(prisma, target, async () => ({
    changes: {},
    event: done ? EngagementEventKind.MILESTONE_COMPLETED : EngagementEventKind.MILESTONE_REOPENED,
    details: { milestone: { title: milestone.title } },
    alsoWrite: async (tx) =>
      toMilestone(
        await tx.milestone.update({ where: { id: milestone.id }, data: { completedAt: done ? new Date() : null } }),
      ),
  }));
}
