// The write protocol every change to an engagement follows (row lock, version check, audit event in
// commit order), and the audit trail it appends to and that the ChangeHub reads back.
import {
  EngagementEventKind,
  type EngagementEvent as EngagementEventRow,
  type Prisma,
  type PrismaClient,
} from "@engagement-tracker/db";
import { globalIdOf } from "../common/node.ts";
import { jobQueueOf, type JobQueue } from "../jobs/job-queue.ts";
import { RefusedError, UserErrorCode, refuse, userError } from "../common/user-error.ts";
import { toEngagement, type Engagement, type EngagementRow } from "./engagement.type.ts";
import { isoDay } from "./health.ts";
import { notifyWatchers } from "./watching.ts";

export type Tx = Prisma.TransactionClient;

export interface WriteResult<Extra = undefined> {
  engagement: Engagement;
  extra: Extra;
  /** The audit-trail position of this write; null when nothing needed writing. */
  sequence: bigint | null;
}

/**
 * Makes event sequences follow commit order, so a reader that has seen sequence N has
 * seen everything before it: a writer takes this lock just before appending its event
 * and holds it until its transaction ends.
 */
const EVENT_ORDER_LOCK = 72_707_001;

/**
 * Appends a change to the audit trail and, in the same transaction, tells whoever watches the
 * engagement (see notifyWatchers) and publishes it to the job queue (`engagement.changed`: alerts
 * evaluate it): a change that rolls back leaves none of them.
 */
export async function appendEvent(
  tx: Tx,
  data: Prisma.EngagementEventUncheckedCreateInput,
  { mentions = [], jobs }: { mentions?: readonly string[]; jobs: JobQueue | undefined },
): Promise<bigint> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(${EVENT_ORDER_LOCK})::text`;
  const { sequence } = await tx.engagementEvent.create({ data, select: { sequence: true } });
  await notifyWatchers(tx, { ...data, sequence, mentions });
  await jobs?.publish(
    "engagement.changed",
    { engagementId: data.engagementId, sequence: String(sequence), kind: data.kind, actorId: data.actorId ?? null },
    { tx },
  );
  return sequence;
}

/** The sequence of the latest committed change (0 before the first). */
export async function latestSequence(prisma: PrismaClient): Promise<bigint> {
  const latest = await prisma.engagementEvent.aggregate({ _max: { sequence: true } });
  return latest._max.sequence ?? 0n;
}

/**
 * Committed changes after sequence `after` (and up to `upTo`), oldest first. Sequences follow
 * commit order (see EVENT_ORDER_LOCK), so a reader that resumes after the last one it saw misses none.
 */
export function readEvents(
  prisma: PrismaClient,
  { after, upTo, limit }: { after: bigint; upTo?: bigint; limit: number },
): Promise<EngagementEventRow[]> {
  return prisma.engagementEvent.findMany({
    where: { sequence: { gt: after, lte: upTo } },
    orderBy: { sequence: "asc" },
    take: limit,
  });
}

/** Who is writing, to which engagement, expecting which version. */
export interface WriteTarget {
  rowId: string;
  expectedVersion?: number | null;
  actorId: string | null;
  /** Only unarchiving writes to an archived engagement; every other write is refused there. */
  evenIfArchived?: boolean;
}

export interface WritePlan<Extra> {
  changes: Prisma.EngagementUncheckedUpdateManyInput;
  /** What the audit trail calls this change. */
  event: EngagementEventKind;
  /** Facts for the audit trail beyond the changed columns (a reason, a milestone, participants). */
  details?: Record<string, unknown>;
  /** What is written beside the engagement's row, in the same transaction; it returns the result's `extra`. */
  alsoWrite: (tx: Tx) => Promise<Extra>;
}

/** `alsoWrite` of a change that is the engagement's columns alone. */
export const writeNothingElse = async (): Promise<undefined> => undefined;

/** A plan that finds nothing to change: nothing is written, and `extra` is what the caller returns. */
export interface NothingToWrite<Extra> {
  nothingToWrite: true;
  extra: Extra;
}

export const nothingToWrite = <Extra>(extra: Extra): NothingToWrite<Extra> => ({ nothingToWrite: true, extra });

/**
 * The one way an existing engagement is changed. Inside a transaction it locks the
 * engagement's row, so writers of one engagement take turns and each plans on the state the
 * one before it left; lets `plan` decide the change, refuse, or find nothing to change; and
 * writes it, bumping `version` and appending to the audit trail. A stale `expectedVersion`
 * is a VERSION_CONFLICT naming the version sent; without one, the write applies to whatever
 * the engagement now is.
 */
export async function writeEngagement<Extra = undefined>(
  prisma: PrismaClient,
  { rowId, expectedVersion, actorId, evenIfArchived = false }: WriteTarget,
  plan: (current: EngagementRow, tx: Tx) => Promise<WritePlan<Extra> | NothingToWrite<Extra>>,
): Promise<WriteResult<Extra>> {
  return prisma.$transaction(async (tx) => {
    const current = await lockEngagement(tx, { rowId, expectedVersion, evenIfArchived });
    const planned = await plan(current, tx);
    if ("nothingToWrite" in planned) return { engagement: toEngagement(current), extra: planned.extra, sequence: null };
    const { changes, event, details, alsoWrite } = planned;
    const updated = await tx.engagement.update({
      where: { id: rowId },
      data: { ...changes, version: { increment: 1 } },
    });
    const extra = await alsoWrite(tx);
    const sequence = await appendEvent(
      tx,
      {
        engagementId: rowId,
        kind: event,
        version: updated.version,
        actorId,
        changes: { ...columnChanges(current, changes), ...details } as Prisma.InputJsonObject,
      },
      { jobs: jobQueueOf(prisma) },
    );
    return { engagement: toEngagement(updated), extra, sequence };
  });
}

/** Locks the engagement's row for the transaction and checks it may be written to. */
async function lockEngagement(
  tx: Tx,
  { rowId, expectedVersion, evenIfArchived = false }: Omit<WriteTarget, "actorId">,
): Promise<EngagementRow> {
  await tx.$queryRaw`SELECT 1 FROM "Engagement" WHERE id = ${rowId}::uuid FOR UPDATE`;
  const current = await tx.engagement.findUnique({ where: { id: rowId } });
  if (!current) refuse(UserErrorCode.NOT_FOUND, "No engagement has that ID.", ["id"]);
  if (expectedVersion != null && current.version !== expectedVersion) throw versionConflict(current, expectedVersion);
  if (current.archivedAt && !evenIfArchived) {
    refuse(
      UserErrorCode.ARCHIVED,
      "This engagement is archived and can no longer be changed.",
      ["id"],
      toEngagement(current),
    );
  }
  return current;
}

/** A write beside an engagement: what the audit trail calls it, and the write, which says what the trail records of it. */
export interface BesidePlan<Extra> {
  event: EngagementEventKind;
  /** `mentions`: users (row IDs) the write calls on, who hear of it even when not watching. */
  write: (tx: Tx) => Promise<{ extra: Extra; details: Record<string, unknown>; mentions?: string[] }>;
}

/**
 * A write that belongs to an engagement but leaves its facts and version alone (a comment: a
 * colleague's remark must not turn an editor's open form into a version conflict). It takes the
 * engagement's lock and appends to the audit trail like `writeEngagement`, so the activity, the
 * live updates and everything fed by the trail see it in commit order.
 */
export async function writeBesideEngagement<Extra>(
  prisma: PrismaClient,
  { rowId, actorId }: WriteTarget,
  plan: (current: EngagementRow, tx: Tx) => Promise<BesidePlan<Extra>>,
): Promise<WriteResult<Extra>> {
  return prisma.$transaction(async (tx) => {
    const current = await lockEngagement(tx, { rowId });
    const { event, write } = await plan(current, tx);
    const { extra, details, mentions } = await write(tx);
    const sequence = await appendEvent(
      tx,
      {
        engagementId: rowId,
        kind: event,
        version: current.version,
        actorId,
        changes: details as Prisma.InputJsonObject,
      },
      { mentions, jobs: jobQueueOf(prisma) },
    );
    return { engagement: toEngagement(current), extra, sequence };
  });
}

/** Columns holding calendar dates: the audit trail writes them as the API does, `2027-01-05`. */
const DATE_COLUMNS = new Set<string>(["startsOn", "endsOn"]);

/** A column's value as the audit trail records it: what an API client would read. */
function auditValue(column: string, value: unknown): unknown {
  if (value == null) return null;
  if (column === "seriesId") return globalIdOf("Series", value as string);
  if (column === "ownerId") return globalIdOf("User", value as string);
  if (value instanceof Date) return DATE_COLUMNS.has(column) ? isoDay(value) : value.toISOString();
  return value;
}

/** `{ column: { from, to } }` for every column `changes` sets to a value other than the current one. */
export function columnChanges(
  current: EngagementRow,
  changes: Prisma.EngagementUncheckedUpdateManyInput,
): Record<string, { from: unknown; to: unknown }> {
  const changed: Record<string, { from: unknown; to: unknown }> = {};
  for (const [column, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    const from = auditValue(column, current[column as keyof EngagementRow]);
    const to = auditValue(column, value);
    if (JSON.stringify(from) !== JSON.stringify(to)) changed[column] = { from, to };
  }
  return changed;
}

function versionConflict(current: EngagementRow, expectedVersion: number): RefusedError {
  return new RefusedError(
    [
      userError(
        UserErrorCode.VERSION_CONFLICT,
        `Someone else changed this engagement (you had version ${expectedVersion}, it is now ${current.version}). Review the current state and try again.`,
        ["expectedVersion"],
      ),
    ],
    toEngagement(current),
  );
}
