// Reading engagements: filters, keyset pages and their cursors, one engagement with its relations.
import type { Prisma, PrismaClient, StatusChange as StatusChangeRow } from "@engagement-tracker/db";
import { isCountryCode } from "@engagement-tracker/schema/countries";
import {
  OrderDirection,
  badInput,
  readPageArgs,
  slicePage,
  type PageArgs,
  type PageInfo,
} from "../common/connection.ts";
import { rowIdOf, type NodeTypeName } from "../common/node.ts";
import { MAX_SEARCH_LENGTH, boundWithinStoredDates } from "../common/validation.ts";
import { toEngagement, type Engagement, type EngagementRow } from "./engagement.type.ts";
import type { EngagementFilter, EngagementOrder } from "./engagement.inputs.ts";
import { DEFAULT_ORDER, pageQueries } from "./engagement-order.ts";
import { addDays, healthWhere, todayUtc } from "./health.ts";
import { TERMINAL_STATUSES } from "./lifecycle.ts";
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
  if (filter?.archived != null) conditions.push({ archivedAt: filter.archived ? { not: null } : null });
  else if (!filter?.includeArchived) conditions.push({ archivedAt: null });
  if (filter?.upcoming) conditions.push({ status: { notIn: [...TERMINAL_STATUSES] }, endsOn: { gte: today } });
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

function latestOf(...days: (Date | null | undefined)[]): Date | null {
  return days.reduce<Date | null>((latest, day) => (day && (!latest || day > latest) ? day : latest), null);
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
  const displayDirection = order.direction === OrderDirection.ASC ? "asc" : "desc";
  const travelDirection = request.backward ? (displayDirection === "asc" ? "desc" : "asc") : displayDirection;
  const today = todayUtc();

  const where = filterWhere(args.filter, today);
  const conditions: Prisma.EngagementWhereInput[] = [where];
  const reaching = latestOf(args.filter?.from, args.filter?.upcoming ? today : null);
  if (reaching) conditions.push({ startsOn: { gte: await earliestStartReaching(prisma, reaching) } });
  // Read in travel order until one more row than the page holds is found (a grouped order may take a statement per group).
  const fetched: RowWithIncluded[] = [];
  const cursors = new Map<EngagementRow, string>();
  for (const query of pageQueries(order, travelDirection, request.cursor, today)) {
    const rows = (await prisma.engagement.findMany({
      where: { AND: [...conditions, query.where] },
      orderBy: query.orderBy,
      take: request.size + 1 - fetched.length,
      include: args.include,
    })) as RowWithIncluded[];
    for (const row of rows) cursors.set(row, query.cursorOf(row));
    fetched.push(...rows);
    if (fetched.length > request.size) break;
  }
  const cursorOf = (row: EngagementRow) => cursors.get(row)!;
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
