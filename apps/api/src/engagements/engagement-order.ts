// Orders of the engagements list and the keyset positions (cursors) within them.
import { EngagementStatus, type Prisma } from "@engagement-tracker/db";
import { OrderDirection, badInput, decodeCursor, encodeCursor } from "../common/connection.ts";
import type { EngagementRow } from "./engagement.type.ts";
import { EngagementOrderField, type EngagementOrder } from "./engagement.inputs.ts";
import { HEALTH_URGENCY, healthWhere } from "./health.ts";

export type TravelDirection = "asc" | "desc";

/** Orders by one column, ties broken by ID. */
const ORDER_COLUMNS = {
  [EngagementOrderField.START_DATE]: "startsOn",
  [EngagementOrderField.UPDATED_AT]: "updatedAt",
  [EngagementOrderField.TITLE]: "title",
} as const satisfies Partial<Record<EngagementOrderField, keyof EngagementRow>>;

type OrderColumn = (typeof ORDER_COLUMNS)[keyof typeof ORDER_COLUMNS];

/** A value of a grouped order: the rows it covers, in rank order. */
interface Group {
  name: string;
  where: Prisma.EngagementWhereInput;
}

/**
 * Orders by a rank that is not a column's own order — status in lifecycle order, or health, which
 * is derived and never stored — then by start date and ID. Such a page is read group by group:
 * each group is a filter (for health, `healthWhere`, so the groups follow the same rules as
 * `health` itself) walked in start order, and the cursor carries its group's name. A page
 * costs at most one statement per group, however deep it is.
 */
function groupsOf(field: EngagementOrderField, today: Date): readonly Group[] | null {
  switch (field) {
    case EngagementOrderField.STATUS:
      return Object.values(EngagementStatus).map((status) => ({ name: status, where: { status } }));
    case EngagementOrderField.HEALTH:
      return HEALTH_URGENCY.map((health) => ({ name: health, where: healthWhere(health, today) }));
    default:
      return null;
  }
}

export const DEFAULT_ORDER: EngagementOrder = { field: EngagementOrderField.START_DATE, direction: OrderDirection.ASC };

/** Only an instant as this API writes it, in a year PostgreSQL can compare with (not before year 1). */
function parseInstant(value: string): Date {
  const date = new Date(value);
  const issued = !Number.isNaN(date.getTime()) && date.toISOString() === value && date.getUTCFullYear() >= 1;
  if (!issued) throw badInput("That cursor is not one this API issued.");
  return date;
}

/** Rows strictly after (`value`, `rowId`) when travelling in `direction` by `column`, then ID. */
function keysetAfter(
  column: OrderColumn,
  direction: TravelDirection,
  value: string | Date,
  rowId: string,
): Prisma.EngagementWhereInput {
  const beyond = direction === "asc" ? "gt" : "lt";
  return {
    OR: [{ [column]: { [beyond]: value } }, { [column]: value, id: { [beyond]: rowId } }],
  };
}

/** One statement of a page: its conditions, in travel order. */
export interface PageQuery {
  where: Prisma.EngagementWhereInput;
  orderBy: Prisma.EngagementOrderByWithRelationInput[];
  /** The cursor of a row this statement returns. */
  cursorOf: (row: EngagementRow) => string;
}

/**
 * The statements that read a page from `cursor` on, to run in turn until the page is full: one
 * for a column order, one per group from the cursor's on for a grouped order.
 */
export function pageQueries(
  order: EngagementOrder,
  travel: TravelDirection,
  cursor: string | null,
  today: Date,
): PageQuery[] {
  const ordering = `${order.field}:${order.direction}`;
  const position = cursor ? decodeCursor(cursor, ordering) : null;
  const groups = groupsOf(order.field, today);
  if (!groups) {
    const column = ORDER_COLUMNS[order.field as keyof typeof ORDER_COLUMNS];
    const valueOf = (row: EngagementRow) => {
      const value = row[column];
      return value instanceof Date ? value.toISOString() : value;
    };
    return [
      {
        where: position
          ? keysetAfter(
              column,
              travel,
              column === "title" ? position.value : parseInstant(position.value),
              position.rowId,
            )
          : {},
        orderBy: [{ [column]: travel }, { id: travel }],
        cursorOf: (row) => encodeCursor({ ordering, value: valueOf(row), rowId: row.id }),
      },
    ];
  }
  const inTravelOrder = travel === "asc" ? groups : [...groups].reverse();
  const [groupName, startsOn] = position?.value.split("|") ?? [];
  const first = position ? inTravelOrder.findIndex((group) => group.name === groupName) : 0;
  if (first < 0 || (position && !startsOn)) throw badInput("That cursor is not one this API issued.");
  return inTravelOrder.slice(first).map((group, index) => ({
    where: {
      AND: [
        group.where,
        position && index === 0 ? keysetAfter("startsOn", travel, parseInstant(startsOn!), position.rowId) : {},
      ],
    },
    orderBy: [{ startsOn: travel }, { id: travel }],
    cursorOf: (row) => encodeCursor({ ordering, value: `${group.name}|${row.startsOn.toISOString()}`, rowId: row.id }),
  }));
}
