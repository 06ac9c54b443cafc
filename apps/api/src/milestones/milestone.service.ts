import { EngagementEventKind, type Prisma, type PrismaClient } from "@engagement-tracker/db";
import { groupLoader, rowLoader } from "../common/loaders.ts";
import { rowIdOf } from "../common/node.ts";
import { RefusedError, UserErrorCode, refuse } from "../common/user-error.ts";
import { validateInput } from "../common/validation.ts";
import { requireEngagementRowId } from "../engagements/engagement.commands.ts";
import { nothingToWrite, writeEngagement, type WriteResult } from "../engagements/versioned-write.ts";
import type { AddMilestoneInput, MilestoneStateInput } from "./milestone.inputs.ts";
import { toMilestone, type Milestone } from "./milestone.type.ts";

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

/**
 * Completes (`done`) or reopens a milestone; asking for the state it is already in changes
 * nothing and succeeds. The state is read under the engagement's write lock, so of concurrent
 * completions exactly one writes (and records one event); the others find it done.
 */
export async function setMilestoneDone(
  prisma: PrismaClient,
  input: MilestoneStateInput,
  done: boolean,
  actorId: string | null,
): Promise<WriteResult<Milestone>> {
  const rowId = rowIdOf("Milestone", input.id);
  const found =
    rowId && (await prisma.milestone.findUnique({ where: { id: rowId }, select: { id: true, engagementId: true } }));
  if (!found) refuse(UserErrorCode.NOT_FOUND, `No milestone has the ID "${input.id}".`, ["id"]);
  const target = { rowId: found.engagementId, expectedVersion: input.expectedVersion, actorId };
  return writeEngagement(prisma, target, async (_engagement, tx) => {
    const milestone = await tx.milestone.findUniqueOrThrow({ where: { id: found.id } });
    if (Boolean(milestone.completedAt) === done) return nothingToWrite(toMilestone(milestone));
    return {
      changes: {},
      event: done ? EngagementEventKind.MILESTONE_COMPLETED : EngagementEventKind.MILESTONE_REOPENED,
      details: { milestone: { title: milestone.title } },
      alsoWrite: async (tx) =>
        toMilestone(
          await tx.milestone.update({ where: { id: milestone.id }, data: { completedAt: done ? new Date() : null } }),
        ),
    };
  });
}
