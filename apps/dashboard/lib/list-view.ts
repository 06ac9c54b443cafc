import { isCountryCode } from "@engagement-tracker/schema/countries";
import type {
  EngagementFilter,
  EngagementKind,
  EngagementOrder,
  EngagementOrderField,
  EngagementStatus,
  Health,
  OrderDirection,
} from "@engagement-tracker/schema";
import { HEALTHS, KINDS, STATUSES } from "./labels";

/**
 * What the engagements table shows: its filters, order and page. It lives in the URL so a
 * view can be bookmarked and shared, and maps one-to-one onto the `engagements` query.
 */
export interface ListView {
  /** Which engagements at all: those still ahead or under way (the default), every one, or the archived ones. */
  show: ListScope;
  search: string;
  statuses: EngagementStatus[];
  kinds: EngagementKind[];
  seriesIds: string[];
  countries: string[];
  region: string;
  health: Health[];
  /** User IDs of owners. */
  ownerIds: string[];
  /** Only what the signed-in user owns or co-owns. */
  mine: boolean;
  /** Calendar dates, `YYYY-MM-DD`, or "". */
  from: string;
  to: string;
  sort: EngagementOrderField;
  direction: OrderDirection;
  pageSize: number;
  /** At most one of the two cursors is set. */
  after: string;
  before: string;
}

export const LIST_SCOPES = ["upcoming", "all", "archived"] as const;
export type ListScope = (typeof LIST_SCOPES)[number];

export type SearchParams = Record<string, string | string[] | undefined>;

/**
 * The API accepts pages of up to MAX_PAGE_SIZE, but its per-query cost limit (OPERATION_LIMITS.maxCost, both in
 * @engagement-tracker/schema/limits) refuses this table's fields past ~75.
 */
export const PAGE_SIZES = [10, 25, 50] as const;

/** The table as it first opens: upcoming and in-progress engagements, soonest first, 25 a page. */
export const DEFAULT_LIST_VIEW: ListView = {
  show: "upcoming",
  search: "",
  statuses: [],
  kinds: [],
  seriesIds: [],
  countries: [],
  region: "",
  health: [],
  ownerIds: [],
  mine: false,
  from: "",
  to: "",
  sort: "START_DATE",
  direction: "ASC",
  pageSize: 25,
  after: "",
  before: "",
};

/** URL names of the sort fields. */
export const SORT_PARAMS: Record<EngagementOrderField, string> = {
  START_DATE: "start",
  UPDATED_AT: "updated",
  TITLE: "title",
  STATUS: "status",
  HEALTH: "health",
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day written `YYYY-MM-DD`, as date inputs send it. */
export function isCalendarDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
}

function valuesOf(params: SearchParams, key: string): string[] {
  const raw = params[key];
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  return [...new Set(list.map((value) => value.trim()).filter(Boolean))];
}

function valueOf(params: SearchParams, key: string): string {
  return valuesOf(params, key)[0] ?? "";
}

function oneOf<T extends string>(allowed: readonly T[], values: string[]): T[] {
  return values.filter((value): value is T => (allowed as readonly string[]).includes(value));
}

/**
 * Reads a view from URL search params; anything unknown or malformed is dropped rather than sent to the API.
 * What the URL leaves out is taken from `defaults` (the calendar opens on every engagement, not only upcoming ones).
 */
export function readListView(params: SearchParams, defaults: ListView = DEFAULT_LIST_VIEW): ListView {
  const sort = (Object.keys(SORT_PARAMS) as EngagementOrderField[]).find(
    (field) => SORT_PARAMS[field] === valueOf(params, "sort"),
  );
  const pageSize = Number(valueOf(params, "size"));
  const after = valueOf(params, "after");
  return {
    show: oneOf(LIST_SCOPES, [valueOf(params, "show")])[0] ?? defaults.show,
    search: valueOf(params, "q"),
    statuses: oneOf(STATUSES, valuesOf(params, "status")),
    kinds: oneOf(KINDS, valuesOf(params, "kind")),
    seriesIds: valuesOf(params, "series"),
    // The API refuses a code that is not ISO 3166-1, so a hand-edited URL drops it instead.
    countries: valuesOf(params, "country")
      .map((code) => code.toUpperCase())
      .filter(isCountryCode),
    region: valueOf(params, "region"),
    health: oneOf(HEALTHS, valuesOf(params, "health")),
    ownerIds: valuesOf(params, "owner"),
    mine: valueOf(params, "mine") === "1",
    from: isCalendarDate(valueOf(params, "from")) ? valueOf(params, "from") : "",
    to: isCalendarDate(valueOf(params, "to")) ? valueOf(params, "to") : "",
    sort: sort ?? DEFAULT_LIST_VIEW.sort,
    direction: valueOf(params, "dir") === "desc" ? "DESC" : "ASC",
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_LIST_VIEW.pageSize,
    after,
    before: after ? "" : valueOf(params, "before"),
  };
}

/** The URL search string of a view (with "?", or "" for the default view); defaults are left out. */
export function listViewSearch(view: ListView, defaults: ListView = DEFAULT_LIST_VIEW): string {
  const params = new URLSearchParams();
  const add = (key: string, values: string | string[]) => {
    for (const value of Array.isArray(values) ? values : [values]) if (value) params.append(key, value);
  };
  if (view.show !== defaults.show) add("show", view.show);
  add("q", view.search);
  add("status", view.statuses);
  add("kind", view.kinds);
  add("series", view.seriesIds);
  add("country", view.countries);
  add("region", view.region);
  add("health", view.health);
  add("owner", view.ownerIds);
  if (view.mine) add("mine", "1");
  add("from", view.from);
  add("to", view.to);
  if (view.sort !== DEFAULT_LIST_VIEW.sort) add("sort", SORT_PARAMS[view.sort]);
  if (view.direction !== DEFAULT_LIST_VIEW.direction) add("dir", "desc");
  if (view.pageSize !== DEFAULT_LIST_VIEW.pageSize) add("size", String(view.pageSize));
  add("after", view.after);
  add("before", view.before);
  const search = params.toString();
  return search ? `?${search}` : "";
}

/** The view with some fields changed; any change other than paging starts again from the first page. */
export function withChanges(view: ListView, changes: Partial<ListView>): ListView {
  const paging = "after" in changes || "before" in changes;
  return { ...view, ...(paging ? {} : { after: "", before: "" }), ...changes };
}

/** No filters and the first page, keeping the order and page size: where "Clear filters" leads. */
export function withoutFilters(view: ListView, defaults: ListView = DEFAULT_LIST_VIEW): ListView {
  return { ...defaults, sort: view.sort, direction: view.direction, pageSize: view.pageSize };
}

export function hasFilters(view: ListView, defaults: ListView = DEFAULT_LIST_VIEW): boolean {
  return (
    view.show !== defaults.show ||
    Boolean(view.search || view.region || view.from || view.to || view.mine) ||
    [view.statuses, view.kinds, view.seriesIds, view.countries, view.health, view.ownerIds].some(
      (list) => list.length > 0,
    )
  );
}

export function filterOf(view: ListView): EngagementFilter {
  const filter: EngagementFilter = {};
  if (view.show === "upcoming") filter.upcoming = true;
  if (view.show === "archived") filter.archived = true;
  if (view.search) filter.search = view.search;
  if (view.statuses.length) filter.statuses = view.statuses;
  if (view.kinds.length) filter.kinds = view.kinds;
  if (view.seriesIds.length) filter.seriesIds = view.seriesIds;
  if (view.countries.length) filter.countries = view.countries;
  if (view.region) filter.region = view.region;
  if (view.health.length) filter.health = view.health;
  if (view.ownerIds.length) filter.ownerIds = view.ownerIds;
  if (view.mine) filter.mine = true;
  if (view.from) filter.from = view.from;
  if (view.to) filter.to = view.to;
  return filter;
}

/** A filter as the API gives it back (a saved view's): lists and texts may be null. */
export type StoredFilter = { [Key in keyof EngagementFilter]?: EngagementFilter[Key] | null };

/** The list a saved filter and order describe, from its first page: `filterOf` and `orderOf` undone. */
export function listViewOf(filter: StoredFilter, order: EngagementOrder | null): ListView {
  return {
    ...DEFAULT_LIST_VIEW,
    show: filter.archived ? "archived" : filter.upcoming ? "upcoming" : "all",
    search: filter.search ?? "",
    statuses: [...(filter.statuses ?? [])],
    kinds: [...(filter.kinds ?? [])],
    seriesIds: (filter.seriesIds ?? []).map(String),
    countries: [...(filter.countries ?? [])],
    region: filter.region ?? "",
    health: [...(filter.health ?? [])],
    ownerIds: (filter.ownerIds ?? []).map(String),
    mine: Boolean(filter.mine),
    from: filter.from ?? "",
    to: filter.to ?? "",
    sort: order?.field ?? DEFAULT_LIST_VIEW.sort,
    direction: order?.direction ?? DEFAULT_LIST_VIEW.direction,
  };
}

export function orderOf(view: ListView): EngagementOrder {
  return { field: view.sort, direction: view.direction };
}

/** Connection arguments: forward from `after`, backward from `before`, else the first page. */
export function pageOf(view: ListView): { first?: number; after?: string; last?: number; before?: string } {
  if (view.before) return { last: view.pageSize, before: view.before };
  return view.after ? { first: view.pageSize, after: view.after } : { first: view.pageSize };
}

/** A URL's query as the record a page receives, repeated keys as lists. */
export function searchParamsOf(query: URLSearchParams): SearchParams {
  const params: Record<string, string[]> = {};
  for (const [key, value] of query) (params[key] ??= []).push(value);
  return params;
}
