// Reading engagements: filters, keyset pages and their cursors, one engagement with its relations.
import type { Prisma, PrismaClient, StatusChange as StatusChangeRow } from "@engagement-tracker/db";
import { isCountryCode } from "@engagement-tracker/schema/countries";
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
import { rowIdOf, type NodeTypeName } from "../common/node.ts";
import { MAX_SEARCH_LENGTH, boundWithinStoredDates } from "../common/validation.ts";
import { toEngagement, type Engagement, type EngagementRow } from "./engagement.type.ts";
import { EngagementOrderField, type EngagementFilter, type EngagementOrder } from "./engagement.inputs.ts";
import { addDays, healthWhere, todayUtc } from "./health.ts";
import type { PublicUserRow } from "../users/user.type.ts";

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
  if (filter?.countries?.length) {
    const unknown = filter.countries.find((code) => !isCountryCode(code));
    if (unknown !== undefined) {
      throw badInput(`"${unknown}" is not an ISO 3166-1 alpha-2 country code such as "US" or "CN".`, "countries");
    }
    conditions.push({ country: { in: filter.countries.map((code) => code.toUpperCase()) } });
  }
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
