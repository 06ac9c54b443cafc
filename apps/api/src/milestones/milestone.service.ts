import {
  EngagementEventKind,
  type Prisma,
  type PrismaClient,
  type Milestone as MilestoneRow,
} from "@engagement-tracker/db";
import { groupLoader, rowLoader } from "../common/loaders.ts";
import { globalIdOf, rowIdOf } from "../common/node.ts";
import { RefusedError, UserErrorCode, refuse, userError } from "../common/user-error.ts";
import { validateInput } from "../common/validation.ts";
import { requireEngagementRowId } from "../engagements/engagement.commands.ts";
import { isoDay } from "../engagements/health.ts";
import { resolveActiveUsers } from "../engagements/engagement.validation.ts";
import {
  nothingToWrite,
  writeEngagement,
  type NothingToWrite,
  type Tx,
  type WritePlan,
  type WriteResult,
} from "../engagements/versioned-write.ts";
import type {
  AddMilestoneInput,
  MilestoneStateInput,
  RemoveMilestoneInput,
  UpdateMilestoneInput,
} from "./milestone.inputs.ts";
import { toMilestone, type Milestone } from "./milestone.type.ts";

/** An engagement's milestones as every reader shows them: by due date, the removed ones left out. */
export const MILESTONES_IN_ORDER = {
  where: { removedAt: null },
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
          await prisma.milestone.findMany({
            ...MILESTONES_IN_ORDER,
            where: { ...MILESTONES_IN_ORDER.where, engagementId: { in: engagementIds } },
          })
        ).map(toMilestone),
      (milestone) => milestone.engagementId,
    ),
  };
}

/** How the audit trail names a milestone: by ID, and by the title it had. */
const milestoneFacts = (milestone: Pick<MilestoneRow, "id" | "title">) => ({
  id: globalIdOf("Milestone", milestone.id),
  title: milestone.title,
});

/** The owner a milestone input names, checked; undefined when the input leaves it as it is. */
async function milestoneOwner(tx: Tx, ownerId: string | null | undefined): Promise<string | null | undefined> {
  if (ownerId === undefined) return undefined;
  if (ownerId === null || ownerId === "") return null;
  const owner = await resolveActiveUsers(tx, [ownerId], () => ["ownerId"]);
  if (owner.errors.length) throw new RefusedError(owner.errors);
  return owner.rowIds[0];
}

const auditUserId = (rowId: string | null) => rowId && globalIdOf("User", rowId);

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
  return writeEngagement(prisma, target, async (_engagement, tx) => {
    const ownerId = await milestoneOwner(tx, input.ownerId);
    const created = await tx.milestone.create({
      data: {
        engagementId: engagementRowId,
        title: input.title,
        dueOn: input.dueOn,
        note: input.note || null,
        ownerId: ownerId ?? null,
      },
    });
    return {
      changes: {},
      event: EngagementEventKind.MILESTONE_ADDED,
      details: {
        milestone: {
          ...milestoneFacts(created),
          dueOn: isoDay(created.dueOn),
          note: created.note,
          ownerId: auditUserId(created.ownerId),
        },
      },
      alsoWrite: async () => toMilestone(created),
    };
  });
}

/**
 * Plans a change to one milestone of an engagement, under the engagement's write lock: the
 * milestone is read there, so concurrent writers each plan on what the one before left. A
 * removed milestone is as good as unknown.
 */
async function writeMilestone(
  prisma: PrismaClient,
  input: MilestoneStateInput,
  actorId: string | null,
  plan: (milestone: MilestoneRow, tx: Tx) => Promise<WritePlan<Milestone> | NothingToWrite<Milestone>>,
): Promise<WriteResult<Milestone>> {
  const rowId = rowIdOf("Milestone", input.id);
  const found =
    rowId &&
    (await prisma.milestone.findUnique({
      where: { id: rowId, removedAt: null },
      select: { id: true, engagementId: true },
    }));
  if (!found) refuse(UserErrorCode.NOT_FOUND, `No milestone has the ID "${input.id}".`, ["id"]);
  const target = { rowId: found.engagementId, expectedVersion: input.expectedVersion, actorId };
  return writeEngagement(prisma, target, async (_engagement, tx) => {
    const milestone = await tx.milestone.findUniqueOrThrow({ where: { id: found.id } });
    if (milestone.removedAt) refuse(UserErrorCode.NOT_FOUND, `No milestone has the ID "${input.id}".`, ["id"]);
    return plan(milestone, tx);
  });
}

/**
 * Completes (`done`) or reopens a milestone; asking for the state it is already in changes
 * nothing and succeeds, so of concurrent completions exactly one writes (and records one event).
 */
export function setMilestoneDone(
  prisma: PrismaClient,
  input: MilestoneStateInput,
  done: boolean,
  actorId: string | null,
): Promise<WriteResult<Milestone>> {
  return writeMilestone(prisma, input, actorId, async (milestone) => {
    if (Boolean(milestone.completedAt) === done) return nothingToWrite(toMilestone(milestone));
    return {
      changes: {},
      event: done ? EngagementEventKind.MILESTONE_COMPLETED : EngagementEventKind.MILESTONE_REOPENED,
      details: { milestone: milestoneFacts(milestone) },
      alsoWrite: async (tx) =>
        toMilestone(
          await tx.milestone.update({
            where: { id: milestone.id },
            data: done
              ? { completedAt: new Date(), completedById: actorId }
              : { completedAt: null, completedById: null },
          }),
        ),
    };
  });
}

/** Fields a milestone must keep: `null` for them is a mistake, not "remove". */
const REQUIRED_ON_UPDATE = ["title", "dueOn"] as const;

/** Changes a milestone's title, due date or note; the event records each change from → to. */
export function updateMilestone(
  prisma: PrismaClient,
  input: UpdateMilestoneInput,
  actorId: string | null,
): Promise<WriteResult<Milestone>> {
  return writeMilestone(prisma, input, actorId, async (milestone, tx) => {
    const errors = [
      ...REQUIRED_ON_UPDATE.filter((field) => input[field] === null).map((field) =>
        userError(UserErrorCode.VALIDATION, `${field === "dueOn" ? "Due date" : "Title"} cannot be removed.`, [field]),
      ),
      ...(await validateInput(input)),
    ];
    if (errors.length) throw new RefusedError(errors);
    const ownerId = await milestoneOwner(tx, input.ownerId);
    const wanted = {
      title: input.title ?? milestone.title,
      dueOn: input.dueOn ?? milestone.dueOn,
      note: input.note === undefined ? milestone.note : input.note || null,
      ownerId: ownerId === undefined ? milestone.ownerId : ownerId,
    };
    const audit = (values: typeof wanted) => ({
      ...values,
      dueOn: isoDay(values.dueOn),
      ownerId: auditUserId(values.ownerId),
    });
    const [before, after] = [audit(milestone), audit(wanted)];
    const changes = Object.fromEntries(
      (Object.keys(after) as (keyof typeof after)[])
        .filter((field) => before[field] !== after[field])
        .map((field) => [field, { from: before[field], to: after[field] }]),
    );
    if (!Object.keys(changes).length) return nothingToWrite(toMilestone(milestone));
    return {
      changes: {},
      event: EngagementEventKind.MILESTONE_EDITED,
      details: { milestone: { ...milestoneFacts(milestone), changes } },
      alsoWrite: async (tx) => toMilestone(await tx.milestone.update({ where: { id: milestone.id }, data: wanted })),
    };
  });
}

/**
 * Removes a milestone from its engagement. The row stays, marked removed, so the audit trail
 * can still say what was removed and by whom.
 */
export function removeMilestone(
  prisma: PrismaClient,
  input: RemoveMilestoneInput,
  actorId: string | null,
): Promise<WriteResult<Milestone>> {
  return writeMilestone(prisma, input, actorId, async (milestone) => ({
    changes: {},
    event: EngagementEventKind.MILESTONE_REMOVED,
    details: { milestone: { ...milestoneFacts(milestone), dueOn: isoDay(milestone.dueOn) } },
    alsoWrite: async (tx) =>
      toMilestone(
        await tx.milestone.update({
          where: { id: milestone.id },
          data: { removedAt: new Date(), removedById: actorId },
        }),
      ),
  }));
}
