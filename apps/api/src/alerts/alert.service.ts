// Raising alerts: an engagement's conditions are compared with those recorded for it, and each one
// that has just begun becomes an alert, published to every channel (alert.recorded) in the same
// transaction that records it.
import {
  EngagementEventKind,
  EngagementStatus,
  type AlertPreference,
  type Prisma,
  type PrismaClient,
} from "@engagement-tracker/db";
import { AT_RISK_LEAD_DAYS, addDays } from "../engagements/health.ts";
import { TERMINAL_STATUSES } from "../engagements/lifecycle.ts";
import type { JobQueue } from "../jobs/job-queue.ts";
import { AlertKind, DEFAULT_PREFERENCES, MAX_DUE_SOON_DAYS, conditionsOf } from "./alert-rules.ts";

type Db = PrismaClient | Prisma.TransactionClient;

export type Preferences = Omit<AlertPreference, "userId" | "updatedAt">;

/** Evaluations of one engagement take turns (see evaluateEngagement); the second key is the engagement's. */
const ALERT_LOCK = 72_707_017;

/** Status moves that alert whoever follows the engagement. */
const ALERTING_MOVES: Partial<Record<EngagementStatus, AlertKind>> = {
  [EngagementStatus.POSTPONED]: AlertKind.POSTPONED,
  [EngagementStatus.CANCELLED]: AlertKind.CANCELLED,
};

/** Active users an alert about the engagement reaches: its owner, co-owners and watchers. */
export async function followersOf(db: Db, engagementId: string): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT u.id::text FROM "User" u
    WHERE u."disabledAt" IS NULL AND u.id IN (
      SELECT "ownerId" FROM "Engagement" WHERE id = ${engagementId}::uuid
      UNION SELECT "userId" FROM "EngagementCoOwner" WHERE "engagementId" = ${engagementId}::uuid
      UNION SELECT "userId" FROM "Watch" WHERE "engagementId" = ${engagementId}::uuid AND watching
    )
    ORDER BY u.id`;
  return rows.map((row) => row.id);
}

/** Each user's preferences, the defaults where none are saved. */
export async function preferencesOf(db: Db, userIds: readonly string[]): Promise<Map<string, Preferences>> {
  const saved = await db.alertPreference.findMany({ where: { userId: { in: [...userIds] } } });
  const byUser = new Map(saved.map((row) => [row.userId, row]));
  return new Map(userIds.map((userId) => [userId, byUser.get(userId) ?? DEFAULT_PREFERENCES]));
}

/**
 * Compares the conditions holding for the engagement on `today` with those recorded: a new one
 * raises an alert, one that no longer holds is forgotten (so entering it again alerts again). A
 * POSTPONED or CANCELLED move (`changeSequence`) raises one alert, however often it is evaluated.
 * Evaluations of one engagement take turns, so a condition enters once whatever runs at once.
 * Returns the alerts raised.
 */
export async function evaluateEngagement(
  prisma: PrismaClient,
  jobs: JobQueue,
  { engagementId, today, changeSequence }: { engagementId: string; today: Date; changeSequence?: bigint },
): Promise<string[]> {
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT pg_advisory_xact_lock(${ALERT_LOCK}::int, hashtext(${engagementId}))::text`;
    const engagement = await tx.engagement.findUnique({
      where: { id: engagementId },
      select: {
        status: true,
        startsOn: true,
        endsOn: true,
        archivedAt: true,
        milestones: { where: { removedAt: null }, select: { id: true, title: true, dueOn: true, completedAt: true } },
      },
    });
    if (!engagement) return [];
    const followers = await followersOf(tx, engagementId);
    const preferences = await preferencesOf(tx, followers);
    const dueSoonDays = new Map(
      [...preferences]
        .filter(([, preference]) => preference.kinds.includes(AlertKind.MILESTONE_DUE_SOON))
        .map(([userId, preference]) => [userId, preference.dueSoonDays]),
    );
    const holding = conditionsOf(engagement, today, dueSoonDays);
    const recorded = new Set(
      (await tx.alertCondition.findMany({ where: { engagementId }, select: { key: true } })).map((row) => row.key),
    );
    const ended = [...recorded].filter((key) => !holding.some((condition) => condition.key === key));
    if (ended.length) await tx.alertCondition.deleteMany({ where: { engagementId, key: { in: ended } } });
    const entered = holding.filter((condition) => !recorded.has(condition.key));
    if (entered.length) {
      await tx.alertCondition.createMany({ data: entered.map(({ key }) => ({ engagementId, key })) });
    }
    const raised = await tx.alert.createManyAndReturn({
      data: entered.map(({ kind, milestoneId, userId }) => ({ engagementId, kind, milestoneId, userId, day: today })),
      select: { id: true },
    });
    const move = changeSequence === undefined ? null : await alertingMove(tx, changeSequence);
    if (move) {
      raised.push(
        ...(await tx.alert.createManyAndReturn({
          data: [{ engagementId, kind: move, eventSequence: changeSequence, day: today }],
          skipDuplicates: true,
          select: { id: true },
        })),
      );
    }
    for (const { id } of raised) await jobs.publish("alert.recorded", { alertId: id }, { tx });
    return raised.map(({ id }) => id);
  });
}

/** The alert a change raises by itself: a move to POSTPONED or CANCELLED. */
async function alertingMove(tx: Prisma.TransactionClient, sequence: bigint): Promise<AlertKind | null> {
  const event = await tx.engagementEvent.findUnique({ where: { sequence }, select: { kind: true, changes: true } });
  if (event?.kind !== EngagementEventKind.STATUS_CHANGED) return null;
  const moved = (event.changes as { status?: { to?: EngagementStatus } } | null)?.status?.to;
  return (moved && ALERTING_MOVES[moved]) || null;
}

/**
 * Engagements whose conditions may have changed with the day: open ones that start within the
 * at-risk lead, have ended or have a milestone due within the longest due-soon window, and those
 * with conditions recorded (which may have ended). A superset: evaluation decides.
 */
export async function engagementsToSweep(prisma: PrismaClient, today: Date): Promise<string[]> {
  const rows = await prisma.engagement.findMany({
    where: {
      OR: [
        {
          archivedAt: null,
          status: { notIn: [...TERMINAL_STATUSES] },
          OR: [
            { startsOn: { lte: addDays(today, AT_RISK_LEAD_DAYS) } },
            { endsOn: { lt: today } },
            {
              milestones: {
                some: { completedAt: null, removedAt: null, dueOn: { lte: addDays(today, MAX_DUE_SOON_DAYS) } },
              },
            },
          ],
        },
        { alertConditions: { some: {} } },
      ],
    },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  return rows.map((row) => row.id);
}
