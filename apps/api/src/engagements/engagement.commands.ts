// The engagement commands: create, update, change status, archive.
import {
  EngagementEventKind,
  EngagementStatus,
  type Prisma,
  type PrismaClient,
  type StatusChange as StatusChangeRow,
} from "@engagement-tracker/db";
import { globalIdOf, rowIdOf } from "../common/node.ts";
import { RefusedError, UserErrorCode, refuse, userError } from "../common/user-error.ts";
import { jobQueueOf } from "../jobs/job-queue.ts";
import { toEngagement } from "./engagement.type.ts";
import type {
  ArchiveEngagementInput,
  CreateEngagementInput,
  ParticipantInput,
  UpdateEngagementInput,
  UpdateEngagementStatusInput,
} from "./engagement.inputs.ts";
import { judgeMove } from "./lifecycle.ts";

import {
  appendEvent,
  columnChanges,
  nothingToWrite,
  writeEngagement,
  writeNothingElse,
  type Tx,
  type WriteResult,
} from "./versioned-write.ts";
import {
  requireValid,
  resolveOwnership,
  resolveParticipants,
  resolveSeries,
  windowErrors,
} from "./engagement.validation.ts";

const INITIAL_STATUSES: readonly EngagementStatus[] = [EngagementStatus.PROPOSED, EngagementStatus.PLANNED];

export async function createEngagement(
  prisma: PrismaClient,
  input: CreateEngagementInput,
  actorId: string | null,
): Promise<WriteResult> {
  await requireValid(input);
  return prisma.$transaction(async (tx) => {
    const errors = windowErrors(input.startsOn, input.endsOn);
    if (!INITIAL_STATUSES.includes(input.status)) {
      errors.push(userError(UserErrorCode.VALIDATION, "A new engagement starts as PROPOSED or PLANNED.", ["status"]));
    }
    let seriesRowId: string | null = null;
    if (input.seriesId) {
      const series = await resolveSeries(tx, input.seriesId);
      if ("error" in series) errors.push(series.error);
      else seriesRowId = series.rowId;
    }
    const participants = await resolveParticipants(tx, input.participants ?? []);
    errors.push(...participants.errors);
    // No owner named (omitted or null): whoever creates it owns it.
    const ownership = await resolveOwnership(tx, { ...input, ownerId: input.ownerId || undefined }, actorId);
    errors.push(...ownership.errors);
    if (errors.length) throw new RefusedError(errors);

    const row = await tx.engagement.create({
      data: {
        title: input.title,
        kind: input.kind,
        seriesId: seriesRowId,
        round: input.round ?? null,
        status: input.status,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        locationName: input.locationName,
        region: input.region || null,
        country: input.country.toUpperCase(),
        hostCountry: input.hostCountry.toUpperCase(),
        summary: input.summary || null,
        objectives: input.objectives ?? [],
        ownerId: ownership.ownerId === undefined ? actorId : ownership.ownerId,
        coOwners: { create: (ownership.coOwnerIds ?? []).map((userId) => ({ userId })) },
        participations: { create: participants.rows },
        statusChanges: { create: { fromStatus: null, toStatus: input.status, reason: "Created", actorId } },
      },
    });
    const sequence = await appendEvent(
      tx,
      { engagementId: row.id, kind: EngagementEventKind.CREATED, version: 1, actorId },
      { jobs: jobQueueOf(prisma) },
    );
    return { engagement: toEngagement(row), extra: undefined, sequence };
  });
}

/** Fields that must never be cleared: `null` for them is a mistake, not "remove". */
const REQUIRED_ON_UPDATE = ["title", "kind", "startsOn", "endsOn", "locationName", "country", "hostCountry"] as const;

export async function updateEngagement(
  prisma: PrismaClient,
  input: UpdateEngagementInput,
  actorId: string | null,
): Promise<WriteResult<void>> {
  const rowId = requireEngagementRowId(input.id);
  return writeEngagement(prisma, { rowId, expectedVersion: input.expectedVersion, actorId }, async (current, tx) => {
    await requireValid(input, current);
    const errors = REQUIRED_ON_UPDATE.filter((field) => input[field] === null).map((field) =>
      userError(UserErrorCode.VALIDATION, `${field} cannot be removed.`, [field]),
    );
    errors.push(...windowErrors(input.startsOn ?? current.startsOn, input.endsOn ?? current.endsOn));
    const changes: Prisma.EngagementUncheckedUpdateManyInput = {
      title: input.title ?? undefined,
      kind: input.kind ?? undefined,
      startsOn: input.startsOn ?? undefined,
      endsOn: input.endsOn ?? undefined,
      locationName: input.locationName ?? undefined,
      country: input.country?.toUpperCase(),
      hostCountry: input.hostCountry?.toUpperCase(),
      round: input.round,
      region: input.region === undefined ? undefined : input.region || null,
      summary: input.summary === undefined ? undefined : input.summary || null,
      outcome: input.outcome === undefined ? undefined : input.outcome || null,
      objectives: input.objectives === undefined ? undefined : (input.objectives ?? []),
    };
    const ownership = await resolveOwnership(tx, input, current.ownerId);
    errors.push(...ownership.errors);
    changes.ownerId = ownership.ownerId;
    if (input.seriesId !== undefined) {
      if (input.seriesId === null || input.seriesId === "") changes.seriesId = null;
      else {
        const series = await resolveSeries(tx, input.seriesId);
        if ("error" in series) errors.push(series.error);
        else changes.seriesId = series.rowId;
      }
    }
    // Like `objectives`, `participants: null` means none; omitted means unchanged.
    const participants =
      input.participants === undefined ? null : await resolveParticipants(tx, input.participants ?? []);
    errors.push(...(participants?.errors ?? []));
    if (errors.length) throw new RefusedError(errors, toEngagement(current));
    const participantChange = participants && (await participantsChange(tx, rowId, participants.rows));
    const coOwnerIds = ownership.coOwnerIds ?? (await coOwnersWithout(tx, rowId, ownership.ownerId));
    const coOwnerChange = coOwnerIds && (await coOwnersChange(tx, rowId, coOwnerIds));
    const columns = columnChanges(current, changes);
    if (!Object.keys(columns).length && !participantChange && !coOwnerChange) return nothingToWrite(undefined);
    return {
      changes: Object.fromEntries(
        Object.keys(columns).map((column) => [column, changes[column as keyof typeof changes]]),
      ),
      event: EngagementEventKind.EDITED,
      details: {
        ...(participantChange && { participants: participantChange }),
        ...(coOwnerChange && { coOwners: coOwnerChange }),
      },
      alsoWrite: async (tx: Tx) => {
        if (participantChange) {
          await tx.participation.deleteMany({ where: { engagementId: rowId } });
          await tx.participation.createMany({
            data: participants.rows.map((row) => ({ ...row, engagementId: rowId })),
          });
        }
        if (coOwnerChange) {
          await tx.engagementCoOwner.deleteMany({ where: { engagementId: rowId } });
          await tx.engagementCoOwner.createMany({
            data: coOwnerIds.map((userId) => ({ userId, engagementId: rowId })),
          });
        }
      },
    };
  });
}

type ParticipantRow = { organizationId: string; role: ParticipantInput["role"] };

/** The participants before and after, as the audit trail records them, or null when they stay the same. */
async function participantsChange(tx: Tx, engagementId: string, wanted: ParticipantRow[]) {
  const existing = await tx.participation.findMany({
    where: { engagementId },
    select: { organizationId: true, role: true },
  });
  const asAudit = (rows: ParticipantRow[]) =>
    rows
      .map((row) => ({ organizationId: globalIdOf("Organization", row.organizationId), role: row.role }))
      .sort((a, b) => a.organizationId.localeCompare(b.organizationId));
  const [from, to] = [asAudit(existing), asAudit(wanted)];
  return JSON.stringify(from) === JSON.stringify(to) ? null : { from, to };
}

/** A co-owner made owner (the co-owners left as they are) stops being a co-owner: the rest, or undefined when none is. */
async function coOwnersWithout(tx: Tx, engagementId: string, ownerId: string | null | undefined) {
  if (!ownerId) return undefined;
  const current = (await tx.engagementCoOwner.findMany({ where: { engagementId }, select: { userId: true } })).map(
    (row) => row.userId,
  );
  return current.includes(ownerId) ? current.filter((userId) => userId !== ownerId) : undefined;
}

/** The co-owners before and after, as user global IDs, or null when they stay the same. */
async function coOwnersChange(tx: Tx, engagementId: string, wanted: string[]) {
  const existing = await tx.engagementCoOwner.findMany({ where: { engagementId }, select: { userId: true } });
  const asAudit = (rowIds: string[]) => rowIds.map((rowId) => globalIdOf("User", rowId)).sort();
  const [from, to] = [asAudit(existing.map((row) => row.userId)), asAudit(wanted)];
  return JSON.stringify(from) === JSON.stringify(to) ? null : { from, to };
}

export async function changeStatus(
  prisma: PrismaClient,
  input: UpdateEngagementStatusInput,
  actorId: string | null,
): Promise<WriteResult<StatusChangeRow>> {
  const rowId = requireEngagementRowId(input.id);
  return writeEngagement(prisma, { rowId, expectedVersion: input.expectedVersion, actorId }, async (current) => {
    await requireValid(input, current);
    const verdict = judgeMove(current.status, input.status, input.reason);
    if (!verdict.allowed) {
      const [code, field] =
        verdict.problem === "transition"
          ? [UserErrorCode.INVALID_TRANSITION, "status"]
          : [UserErrorCode.VALIDATION, "reason"];
      refuse(code, verdict.message, [field], toEngagement(current));
    }
    const window = { startsOn: input.startsOn ?? current.startsOn, endsOn: input.endsOn ?? current.endsOn };
    const errors = windowErrors(window.startsOn, window.endsOn);
    if (errors.length) throw new RefusedError(errors, toEngagement(current));
    return {
      // The new window, when one is given, is part of the move: one version, one event with both.
      changes: { status: input.status, ...window },
      event: EngagementEventKind.STATUS_CHANGED,
      details: input.reason ? { reason: input.reason } : undefined,
      alsoWrite: (tx: Tx) =>
        tx.statusChange.create({
          data: {
            engagementId: rowId,
            fromStatus: current.status,
            toStatus: input.status,
            reason: input.reason || null,
            actorId,
          },
        }),
    };
  });
}

export async function archiveEngagement(
  prisma: PrismaClient,
  input: ArchiveEngagementInput,
  actorId: string | null,
): Promise<WriteResult> {
  const target = { rowId: requireEngagementRowId(input.id), expectedVersion: input.expectedVersion, actorId };
  return writeEngagement(prisma, target, async () => ({
    changes: { archivedAt: new Date() },
    event: EngagementEventKind.ARCHIVED,
    alsoWrite: writeNothingElse,
  }));
}

/** Brings an archived engagement back into lists, writable again; unarchiving one that is not archived changes nothing. */
export async function unarchiveEngagement(
  prisma: PrismaClient,
  input: ArchiveEngagementInput,
  actorId: string | null,
): Promise<WriteResult> {
  const rowId = requireEngagementRowId(input.id);
  const target = { rowId, expectedVersion: input.expectedVersion, actorId, evenIfArchived: true };
  return writeEngagement(prisma, target, async (current) =>
    current.archivedAt
      ? { changes: { archivedAt: null }, event: EngagementEventKind.UNARCHIVED, alsoWrite: writeNothingElse }
      : nothingToWrite(undefined),
  );
}

/** The row ID of an engagement global ID, or a NOT_FOUND refusal. */
export function requireEngagementRowId(globalId: string, field = "id"): string {
  return (
    rowIdOf("Engagement", globalId) ??
    refuse(UserErrorCode.NOT_FOUND, `No engagement has the ID "${globalId}".`, [field])
  );
}
