import {
  EngagementEventKind,
  EngagementStatus,
  type Prisma,
  type PrismaClient,
  type StatusChange as StatusChangeRow,
} from "@engagement-tracker/db";
import {
  OrderDirection,
  badInput,
  decodeCursor,
  encodeCursor,
  readPageArgs,
  slicePage,
  type PageArgs,
  type PageInfo,
} from "../common/connection.ts";
import { globalIdOf, rowIdOf, type NodeTypeName } from "../common/node.ts";
import { RefusedError, UserErrorCode, refuse, userError, type UserError } from "../common/user-error.ts";
import {
  DATE_RANGE,
  DATE_RANGE_MESSAGE,
  MAX_SEARCH_LENGTH,
  boundWithinStoredDates,
  validateInput,
} from "../common/validation.ts";
import { toEngagement, type Engagement, type EngagementRow } from "./engagement.type.ts";
import {
  EngagementOrderField,
  type ArchiveEngagementInput,
  type CreateEngagementInput,
  type EngagementFilter,
  type EngagementOrder,
  type ParticipantInput,
  type UpdateEngagementInput,
  type UpdateEngagementStatusInput,
} from "./engagement.inputs.ts";
import { addDays, healthWhere, todayUtc } from "./health.ts";
import { judgeMove } from "./lifecycle.ts";
import type { PublicUserRow } from "../users/user.type.ts";

type Tx = Prisma.TransactionClient;

// ---------------------------------------------------------------- reading

/**
 * The earliest start of any engagement whose window reaches `day` (ends on it or later): `day`
 * less the longest window (read from an index on the window's length). The condition
 * "ends on or after" alone cannot narrow a walk in start-date order, so such a walk began at the
 * oldest engagement; with this bound it begins near `day`, however many engagements lie before.
 */
export async function earliestStartReaching(prisma: PrismaClient, day: Date): Promise<Date> {
  const [longest] = await prisma.$queryRaw<{ days: number | null }[]>`
    SELECT max("endsOn" - "startsOn") AS days FROM "Engagement"`;
  return addDays(boundWithinStoredDates(day), -(longest?.days ?? 0));
}

/** Relations a read can bring along in its own statement (Prisma `include`, joined). */
export interface IncludedRelations {
  series?: Prisma.SeriesGetPayload<object> | null;
  participations?: Prisma.ParticipationGetPayload<{ include: { organization: true } }>[];
  milestones?: Prisma.MilestoneGetPayload<object>[];
  statusChanges?: (StatusChangeRow & { actor?: PublicUserRow | null })[];
}

type RowWithIncluded = EngagementRow & IncludedRelations;

/** Separates a row's own columns (the engagement) from the relations fetched with it. */
function splitIncluded({ series, participations, milestones, statusChanges, ...columns }: RowWithIncluded) {
  return { engagement: toEngagement(columns), included: { series, participations, milestones, statusChanges } };
}

/** One engagement, with the relations `include` names fetched in the same statement. */
export async function findEngagement(
  prisma: PrismaClient,
  rowId: string,
  include: Prisma.EngagementInclude,
): Promise<{ engagement: Engagement; included: IncludedRelations } | null> {
  // Which relations come back depends on `include`, decided at run time: Prisma types them loosely.
  const row = (await prisma.engagement.findUnique({ where: { id: rowId }, include })) as RowWithIncluded | null;
  return row && splitIncluded(row);
}

const ORDER_COLUMNS = {
  [EngagementOrderField.START_DATE]: "startsOn",
  [EngagementOrderField.UPDATED_AT]: "updatedAt",
  [EngagementOrderField.TITLE]: "title",
} as const satisfies Record<EngagementOrderField, keyof EngagementRow>;

type OrderColumn = (typeof ORDER_COLUMNS)[EngagementOrderField];

const DEFAULT_ORDER: EngagementOrder = { field: EngagementOrderField.START_DATE, direction: OrderDirection.ASC };

function sortValueOf(row: EngagementRow, column: OrderColumn): string {
  const value = row[column];
  return value instanceof Date ? value.toISOString() : value;
}

function parseSortValue(column: OrderColumn, value: string): string | Date {
  if (column === "title") return value;
  const date = new Date(value);
  // Only an instant as this API writes it, in a year PostgreSQL can compare with (not before year 1).
  const issued = !Number.isNaN(date.getTime()) && date.toISOString() === value && date.getUTCFullYear() >= 1;
  if (!issued) throw badInput("That cursor is not one this API issued.");
  return date;
}

/** Rows strictly after `position` when travelling in `direction`. */
function keysetAfter(
  column: OrderColumn,
  direction: "asc" | "desc",
  value: string | Date,
  rowId: string,
): Prisma.EngagementWhereInput {
  const beyond = direction === "asc" ? "gt" : "lt";
  return {
    OR: [{ [column]: { [beyond]: value } }, { [column]: value, id: { [beyond]: rowId } }],
  };
}

export function filterWhere(
  filter: EngagementFilter | null | undefined,
  today = todayUtc(),
): Prisma.EngagementWhereInput {
  // PostgreSQL text cannot hold U+0000: refuse it as bad input rather than fail in the database.
  if (filter && JSON.stringify(filter).includes("\\u0000"))
    throw badInput("Filters cannot contain NUL characters.", "filter");
  if ((filter?.search?.length ?? 0) > MAX_SEARCH_LENGTH) {
    throw badInput(`Search text is at most ${MAX_SEARCH_LENGTH} characters.`, "filter");
  }
  const conditions: Prisma.EngagementWhereInput[] = [];
  if (!filter?.includeArchived) conditions.push({ archivedAt: null });
  if (filter?.statuses?.length) conditions.push({ status: { in: filter.statuses } });
  if (filter?.kinds?.length) conditions.push({ kind: { in: filter.kinds } });
  if (filter?.seriesIds?.length) {
    conditions.push({ seriesId: { in: filter.seriesIds.map((id) => requireRowId("Series", id, "seriesIds")) } });
  }
  if (filter?.countries?.length)
    conditions.push({ country: { in: filter.countries.map((code) => code.toUpperCase()) } });
  if (filter?.region?.trim()) conditions.push({ region: { equals: filter.region.trim(), mode: "insensitive" } });
  if (filter?.health?.length) conditions.push({ OR: filter.health.map((health) => healthWhere(health, today)) });
  for (const word of filter?.search?.trim().split(/\s+/).filter(Boolean) ?? []) {
    conditions.push({
      OR: (["title", "summary", "locationName"] as const).map((column) => ({
        [column]: { contains: literally(word), mode: "insensitive" },
      })),
    });
  }
  if (filter?.from) conditions.push({ endsOn: { gte: boundWithinStoredDates(filter.from) } });
  if (filter?.to) conditions.push({ startsOn: { lte: boundWithinStoredDates(filter.to) } });
  return { AND: conditions };
}

/** Prisma's `contains` is a LIKE pattern: escaped, `%`, `_` and `\` in search text match only themselves. */
const literally = (text: string) => text.replace(/[\\%_]/g, "\\$&");

function requireRowId(type: NodeTypeName, globalId: string, argumentName: string): string {
  const rowId = rowIdOf(type, globalId);
  if (!rowId) throw badInput(`"${globalId}" is not a ${type} ID.`, argumentName);
  return rowId;
}

export interface EngagementPage {
  rows: Engagement[];
  /** For each row, the relations `include` asked for. */
  included: IncludedRelations[];
  cursors: string[];
  pageInfo: PageInfo;
  countTotal: () => Promise<number>;
}

/** One keyset page: its cost does not grow with how deep the page is. */
export async function listEngagements(
  prisma: PrismaClient,
  args: {
    page: PageArgs;
    filter?: EngagementFilter | null;
    orderBy?: EngagementOrder | null;
    /** Relations to fetch with the rows, joined in the same statement. */
    include?: Prisma.EngagementInclude;
  },
): Promise<EngagementPage> {
  const request = readPageArgs(args.page);
  const order = args.orderBy ?? DEFAULT_ORDER;
  const column = ORDER_COLUMNS[order.field];
  const ordering = `${order.field}:${order.direction}`;
  const displayDirection = order.direction === OrderDirection.ASC ? "asc" : "desc";
  const travelDirection = request.backward ? (displayDirection === "asc" ? "desc" : "asc") : displayDirection;

  const where = filterWhere(args.filter);
  const conditions: Prisma.EngagementWhereInput[] = [where];
  if (args.filter?.from) conditions.push({ startsOn: { gte: await earliestStartReaching(prisma, args.filter.from) } });
  if (request.cursor) {
    const position = decodeCursor(request.cursor, ordering);
    conditions.push(keysetAfter(column, travelDirection, parseSortValue(column, position.value), position.rowId));
  }
  const fetched = (await prisma.engagement.findMany({
    where: { AND: conditions },
    orderBy: [{ [column]: travelDirection }, { id: travelDirection }],
    take: request.size + 1,
    include: args.include,
  })) as RowWithIncluded[];
  const cursorOf = (row: EngagementRow) => encodeCursor({ ordering, value: sortValueOf(row, column), rowId: row.id });
  const page = slicePage(fetched, request, cursorOf);
  const split = page.rows.map(splitIncluded);
  return {
    rows: split.map((row) => row.engagement),
    included: split.map((row) => row.included),
    cursors: page.rows.map(cursorOf),
    pageInfo: page.pageInfo,
    countTotal: () => prisma.engagement.count({ where }),
  };
}

// ---------------------------------------------------------------- writing

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

async function appendEvent(tx: Tx, data: Prisma.EngagementEventUncheckedCreateInput): Promise<bigint> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(${EVENT_ORDER_LOCK})::text`;
  const { sequence } = await tx.engagementEvent.create({ data, select: { sequence: true } });
  return sequence;
}

/** Who is writing, to which engagement, expecting which version. */
export interface WriteTarget {
  rowId: string;
  expectedVersion?: number | null;
  actorId: string | null;
}

export interface WritePlan<Extra> {
  changes: Prisma.EngagementUncheckedUpdateManyInput;
  /** What the audit trail calls this change. */
  event: EngagementEventKind;
  /** Facts for the audit trail beyond the changed columns (a reason, a milestone, participants). */
  details?: Record<string, unknown>;
  alsoWrite?: (tx: Tx) => Promise<Extra>;
}

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
  { rowId, expectedVersion, actorId }: WriteTarget,
  plan: (current: EngagementRow, tx: Tx) => Promise<WritePlan<Extra> | NothingToWrite<Extra>>,
): Promise<WriteResult<Extra>> {
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "Engagement" WHERE id = ${rowId}::uuid FOR UPDATE`;
    const current = await tx.engagement.findUnique({ where: { id: rowId } });
    if (!current) refuse(UserErrorCode.NOT_FOUND, "No engagement has that ID.", ["id"]);
    if (expectedVersion != null && current.version !== expectedVersion) throw versionConflict(current, expectedVersion);
    if (current.archivedAt) {
      refuse(
        UserErrorCode.ARCHIVED,
        "This engagement is archived and can no longer be changed.",
        ["id"],
        toEngagement(current),
      );
    }
    const planned = await plan(current, tx);
    if ("nothingToWrite" in planned) return { engagement: toEngagement(current), extra: planned.extra, sequence: null };
    const { changes, event, details, alsoWrite } = planned;
    const updated = await tx.engagement.update({
      where: { id: rowId },
      data: { ...changes, version: { increment: 1 } },
    });
    const extra = (await alsoWrite?.(tx)) as Extra;
    const sequence = await appendEvent(tx, {
      engagementId: rowId,
      kind: event,
      version: updated.version,
      actorId,
      changes: { ...columnChanges(current, changes), ...details } as Prisma.InputJsonObject,
    });
    return { engagement: toEngagement(updated), extra, sequence };
  });
}

/** Columns holding calendar dates: the audit trail writes them as the API does, `2027-01-05`. */
const DATE_COLUMNS = new Set<string>(["startsOn", "endsOn"]);

/** A column's value as the audit trail records it: what an API client would read. */
function auditValue(column: string, value: unknown): unknown {
  if (value == null) return null;
  if (column === "seriesId") return globalIdOf("Series", value as string);
  if (value instanceof Date) return DATE_COLUMNS.has(column) ? value.toISOString().slice(0, 10) : value.toISOString();
  return value;
}

/** `{ column: { from, to } }` for every column `changes` sets to a value other than the current one. */
function columnChanges(
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

/** Validates an input object and refuses with every problem at once. */
async function requireValid(input: object, current: EngagementRow | null = null): Promise<void> {
  const errors = await validateInput(input);
  if (errors.length) throw new RefusedError(errors, current && toEngagement(current));
}

const { earliest: MIN_DATE, latest: MAX_DATE } = DATE_RANGE;

function windowErrors(startsOn: Date, endsOn: Date): UserError[] {
  const errors: UserError[] = [];
  for (const [field, day] of [
    ["startsOn", startsOn],
    ["endsOn", endsOn],
  ] as const) {
    if (day < MIN_DATE || day > MAX_DATE) {
      errors.push(userError(UserErrorCode.VALIDATION, DATE_RANGE_MESSAGE, [field]));
    }
  }
  if (endsOn < startsOn) {
    errors.push(
      userError(UserErrorCode.VALIDATION, "The planned window must end on or after the day it starts.", ["endsOn"]),
    );
  }
  return errors;
}

/** Turns a global ID from input into a row ID of an existing row, or a NOT_FOUND naming the field. */
async function resolveReference(
  type: "Series" | "Organization",
  globalId: string,
  field: string[],
  exists: (rowId: string) => Promise<boolean>,
): Promise<{ rowId: string } | { error: UserError }> {
  const rowId = rowIdOf(type, globalId);
  if (rowId && (await exists(rowId))) return { rowId };
  return { error: userError(UserErrorCode.NOT_FOUND, `No ${type.toLowerCase()} has the ID "${globalId}".`, field) };
}

async function resolveSeries(tx: Tx, seriesId: string): Promise<{ rowId: string } | { error: UserError }> {
  return resolveReference(
    "Series",
    seriesId,
    ["seriesId"],
    async (id) => (await tx.series.count({ where: { id } })) > 0,
  );
}

async function resolveParticipants(
  tx: Tx,
  participants: ParticipantInput[],
): Promise<{ rows: { organizationId: string; role: ParticipantInput["role"] }[]; errors: UserError[] }> {
  const wanted = participants.map((participant) => rowIdOf("Organization", participant.organizationId));
  const known = new Set(
    (
      await tx.organization.findMany({
        where: { id: { in: wanted.filter((id) => id !== null) } },
        select: { id: true },
      })
    ).map((row) => row.id),
  );
  const errors: UserError[] = [];
  const seen = new Set<string>();
  const rows = participants.flatMap((participant, index) => {
    const rowId = wanted[index];
    const field = ["participants", String(index), "organizationId"];
    if (!rowId || !known.has(rowId)) {
      errors.push(
        userError(UserErrorCode.NOT_FOUND, `No organization has the ID "${participant.organizationId}".`, field),
      );
      return [];
    }
    if (seen.has(rowId)) {
      errors.push(userError(UserErrorCode.VALIDATION, "An organization can take part only once.", field));
      return [];
    }
    seen.add(rowId);
    return [{ organizationId: rowId, role: participant.role }];
  });
  return { rows, errors };
}

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
        participations: { create: participants.rows },
        statusChanges: { create: { fromStatus: null, toStatus: input.status, reason: "Created", actorId } },
      },
    });
    const sequence = await appendEvent(tx, {
      engagementId: row.id,
      kind: EngagementEventKind.CREATED,
      version: 1,
      actorId,
    });
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
    const columns = columnChanges(current, changes);
    if (!Object.keys(columns).length && !participantChange) return nothingToWrite(undefined);
    return {
      changes: Object.fromEntries(
        Object.keys(columns).map((column) => [column, changes[column as keyof typeof changes]]),
      ),
      event: EngagementEventKind.EDITED,
      details: participantChange ? { participants: participantChange } : undefined,
      alsoWrite: participantChange
        ? async (tx: Tx) => {
            await tx.participation.deleteMany({ where: { engagementId: rowId } });
            await tx.participation.createMany({
              data: participants.rows.map((row) => ({ ...row, engagementId: rowId })),
            });
          }
        : undefined,
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
    return {
      changes: { status: input.status },
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
  }));
}

/** The row ID of an engagement global ID, or a NOT_FOUND refusal. */
export function requireEngagementRowId(globalId: string, field = "id"): string {
  return (
    rowIdOf("Engagement", globalId) ??
    refuse(UserErrorCode.NOT_FOUND, `No engagement has the ID "${globalId}".`, [field])
  );
}
