// Orders of the engagements list and the keyset positions (cursors) within them.
import { EngagementStatus } from "@engagement-tracker/db";
import { sql } from "kysely";
import { OrderDirection, badInput, decodeCursor, encodeCursor } from "../common/connection.ts";
import { EngagementOrderField, type EngagementOrder } from "./engagement.inputs.ts";
import { HEALTH_URGENCY } from "./health.ts";
import { healthCondition, type Condition, type EngagementScope } from "./read/conditions.ts";
import { dayValue, instantValue, uuidValue } from "./read/sql.ts";

export type TravelDirection = "asc" | "desc";

/** Orders by one column, ties broken by ID. */
const ORDER_COLUMNS = {
  [EngagementOrderField.START_DATE]: "startsOn",
  [EngagementOrderField.UPDATED_AT]: "updatedAt",
  [EngagementOrderField.TITLE]: "title",
} as const satisfies Partial<Record<EngagementOrderField, string>>;

export type OrderColumn = (typeof ORDER_COLUMNS)[keyof typeof ORDER_COLUMNS];

/** What a row must carry for its cursor to be written. */
export interface PositionedRow {
  id: string;
  startsOn: Date;
  updatedAt: Date;
  title: string;
}

/** A value of a grouped order: the rows it covers, in rank order. */
interface Group {
  name: string;
  where: (eb: EngagementScope) => Condition;
}

/**
 * Orders by a rank that is not a column's own order — status in lifecycle order, or health, which
 * is derived and never stored — then by start date and ID. Such a page is read group by group:
 * each group is a condition (for health, `healthCondition`, so the groups follow the same rules as
 * the health filter) walked in start order, and the cursor carries its group's name.
 */
function groupsOf(field: EngagementOrderField, today: Date): readonly Group[] | null {
  switch (field) {
    case EngagementOrderField.STATUS:
      return Object.values(EngagementStatus).map((status) => ({
        name: status,
        where: (eb) => eb("e.status", "=", sql<EngagementStatus>`${status}::"EngagementStatus"`),
      }));
    case EngagementOrderField.HEALTH:
      return HEALTH_URGENCY.map((health) => ({ name: health, where: (eb) => healthCondition(eb, health, today) }));
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

function sqlValueOf(column: OrderColumn, value: string) {
  switch (column) {
    case "title":
      return sql<string>`${value}::text`;
    case "startsOn":
      return dayValue(parseInstant(value));
    case "updatedAt":
      return instantValue(parseInstant(value));
  }
}

/** Rows strictly after (`value`, `rowId`) when travelling in `direction` by `column`, then ID. */
function keysetAfter(column: OrderColumn, direction: TravelDirection, value: string, rowId: string) {
  return (eb: EngagementScope): Condition =>
    eb(
      eb.refTuple(`e.${column}`, "e.id"),
      direction === "asc" ? ">" : "<",
      eb.tuple(sqlValueOf(column, value), uuidValue(rowId)),
    );
}

/** One part of a page, read in travel order: a group of a grouped order, or the whole list. */
export interface PagePart {
  where: (eb: EngagementScope) => Condition;
  column: OrderColumn;
  /** The cursor of a row this part returns. */
  cursorOf: (row: PositionedRow) => string;
}

/**
 * The parts that make a page from `cursor` on, to read in turn until the page is full: one for a
 * column order, one per group from the cursor's on for a grouped order.
 */
export function pageParts(
  order: EngagementOrder,
  travel: TravelDirection,
  cursor: string | null,
  today: Date,
): PagePart[] {
  const ordering = `${order.field}:${order.direction}`;
  const position = cursor ? decodeCursor(cursor, ordering) : null;
  const groups = groupsOf(order.field, today);
  if (!groups) {
    const column = ORDER_COLUMNS[order.field as keyof typeof ORDER_COLUMNS];
    const valueOf = (row: PositionedRow) => {
      const value = row[column];
      return value instanceof Date ? value.toISOString() : value;
    };
    const everything = (eb: EngagementScope) => eb.and([]);
    return [
      {
        where: position ? keysetAfter(column, travel, position.value, position.rowId) : everything,
        column,
        cursorOf: (row) => encodeCursor({ ordering, value: valueOf(row), rowId: row.id }),
      },
    ];
  }
  const inTravelOrder = travel === "asc" ? groups : [...groups].reverse();
  const [groupName, startsOn] = position?.value.split("|") ?? [];
  const first = position ? inTravelOrder.findIndex((group) => group.name === groupName) : 0;
  if (first < 0 || (position && !startsOn)) throw badInput("That cursor is not one this API issued.");
  return inTravelOrder.slice(first).map((group, index) => ({
    where:
      position && index === 0
        ? (eb) => eb.and([group.where(eb), keysetAfter("startsOn", travel, startsOn!, position.rowId)(eb)])
        : group.where,
    column: "startsOn",
    cursorOf: (row) => encodeCursor({ ordering, value: `${group.name}|${row.startsOn.toISOString()}`, rowId: row.id }),
  }));
}
