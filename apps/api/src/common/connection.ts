import { MAX_PAGE_SIZE } from "@engagement-tracker/schema/limits";
import { GraphQLError } from "graphql";
import { ArgsType, Field, Int, ObjectType, registerEnumType, type ClassType } from "type-graphql";
import { isUuid } from "./node.ts";

export const DEFAULT_PAGE_SIZE = 25;

export enum OrderDirection {
  ASC = "ASC",
  DESC = "DESC",
}
registerEnumType(OrderDirection, { name: "OrderDirection" });

@ObjectType({ description: "Where a page sits in the whole list." })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage: boolean;

  @Field(() => Boolean)
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true })
  startCursor: string | null;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Page size from the start, 1–${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "Return items after this cursor." })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: `Page size from the end, 1–${MAX_PAGE_SIZE}.` })
  last?: number | null;

  @Field(() => String, { nullable: true, description: "Return items before this cursor." })
  before?: string | null;
}

/** A Relay connection type for `Item`; `totalCount` is only counted when asked for. */
export function Connection<Item extends object>(ItemClass: ClassType<Item>) {
  @ObjectType(`${ItemClass.name}Edge`)
  class Edge {
    @Field(() => String)
    cursor: string;

    @Field(() => ItemClass)
    node: Item;
  }

  @ObjectType()
  abstract class ConnectionBase {
    @Field(() => [Edge])
    edges: Edge[];

    @Field(() => [ItemClass], { description: "The items of this page, without cursors." })
    get nodes(): Item[] {
      return this.edges.map((edge) => edge.node);
    }

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    countTotal: () => Promise<number>;

    @Field(() => Int, { description: "How many items match, across all pages." })
    get totalCount(): Promise<number> {
      return this.countTotal();
    }
  }
  return ConnectionBase;
}

export function badInput(message: string, argumentName?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT", argumentName } });
}

export interface PageRequest {
  /** Rows wanted. */
  size: number;
  /** True when paging back from `before` (or from the end with `last`). */
  backward: boolean;
  cursor: string | null;
}

/** Checks Relay paging arguments; refuses mixed directions and sizes outside 1–100. */
export function readPageArgs(args: PageArgs): PageRequest {
  const { first, after, last, before } = args;
  const forward = first != null || after != null;
  const backward = last != null || before != null;
  if (forward && backward) {
    throw badInput("Page with `first`/`after` or with `last`/`before`, not both.");
  }
  for (const [name, value] of [
    ["first", first],
    ["last", last],
  ] as const) {
    if (value != null && (value < 1 || value > MAX_PAGE_SIZE)) {
      throw badInput(`\`${name}\` must be between 1 and ${MAX_PAGE_SIZE}; got ${value}.`, name);
    }
  }
  return backward
    ? { size: last ?? DEFAULT_PAGE_SIZE, backward: true, cursor: before ?? null }
    : { size: first ?? DEFAULT_PAGE_SIZE, backward: false, cursor: after ?? null };
}

/** A position in one ordering: the sort value and the row id that breaks ties. */
export interface CursorPosition {
  ordering: string;
  value: string;
  rowId: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.ordering, position.value, position.rowId])).toString("base64url");
}

export function decodeCursor(cursor: string, ordering: string): CursorPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    parsed = null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || !parsed.every((part) => typeof part === "string")) {
    throw badInput("That cursor is not one this API issued.");
  }
  const [cursorOrdering, value, rowId] = parsed as [string, string, string];
  if (!isUuid(rowId)) throw badInput("That cursor is not one this API issued.");
  if (cursorOrdering !== ordering) {
    throw badInput("That cursor belongs to a different ordering; start again from the first page.");
  }
  return { ordering, value, rowId };
}

export interface Page<Row> {
  rows: Row[];
  pageInfo: PageInfo;
}

/**
 * Turns the rows fetched for a page (one more than asked, in travel order)
 * into the page in display order with its PageInfo.
 */
export function slicePage<Row>(fetched: Row[], request: PageRequest, cursorOf: (row: Row) => string): Page<Row> {
  const hasMore = fetched.length > request.size;
  const rows = fetched.slice(0, request.size);
  if (request.backward) rows.reverse();
  const pageInfo = Object.assign(new PageInfo(), {
    hasNextPage: request.backward ? request.cursor !== null : hasMore,
    hasPreviousPage: request.backward ? hasMore : request.cursor !== null,
    startCursor: rows.length ? cursorOf(rows[0]!) : null,
    endCursor: rows.length ? cursorOf(rows[rows.length - 1]!) : null,
  });
  return { rows, pageInfo };
}
