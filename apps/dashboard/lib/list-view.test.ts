import { describe, expect, it } from "vitest";
import {
  DEFAULT_LIST_VIEW,
  filterOf,
  orderOf,
  hasFilters,
  listViewOf,
  listViewSearch,
  pageOf,
  readListView,
  searchParamsOf,
  withChanges,
} from "./list-view";

const fromUrl = (search: string) => readListView(searchParamsOf(new URLSearchParams(search)));

describe("the table's view in the URL", () => {
  it("round-trips every filter, the order and the page", () => {
    const search =
      "?show=all&q=site+survey&status=PLANNED&status=CONFIRMED&kind=SITE_SURVEY&series=U2VyaWVz&country=CN&region=Hunan" +
      "&health=AT_RISK&from=2027-01-01&to=2027-01-31&sort=title&dir=desc&size=10&after=abc";
    expect(listViewSearch(fromUrl(search))).toBe(search);
  });

  it.each([
    "show=all",
    "show=archived",
    "",
    "q=site+survey&status=PLANNED&kind=SITE_SURVEY&series=U2VyaWVz&country=CN",
  ])("comes back from a saved view's filter and order as it was saved, from the first page (%s)", (filters) => {
    const view = fromUrl(`?${filters}&region=Hunan&health=AT_RISK&from=2027-01-01&to=2027-01-31&sort=title&dir=desc`);
    // As the API gives a filter back: every field present, null where unset.
    const stored = { statuses: null, kinds: null, search: null, upcoming: null, archived: null, ...filterOf(view) };
    expect(listViewOf(stored, orderOf(view))).toEqual({ ...view, pageSize: DEFAULT_LIST_VIEW.pageSize });
  });

  it("leaves defaults out, so the plain table has a plain URL", () => {
    expect(listViewSearch(DEFAULT_LIST_VIEW)).toBe("");
    expect(fromUrl("")).toEqual(DEFAULT_LIST_VIEW);
  });

  it.each([
    ["an unknown status", "?status=DONE", { statuses: [] }],
    ["a malformed date", "?from=2027-02-30", { from: "" }],
    ["a page size the API would refuse", "?size=1000", { pageSize: 25 }],
    ["a country that is not a code", "?country=China&country=cn", { countries: ["CN"] }],
    ["a code ISO 3166-1 does not assign", "?country=ZZ&country=xk&country=us", { countries: ["US"] }],
    ["both cursors", "?after=a&before=b", { after: "a", before: "" }],
    ["an unknown sort", "?sort=price", { sort: "START_DATE" }],
    ["an unknown scope", "?show=everything", { show: "upcoming" }],
  ])("drops %s rather than send it to the API", (_, search, expected) => {
    expect(fromUrl(search)).toMatchObject(expected);
  });

  it("starts from the first page when anything but the page changes", () => {
    const paged = fromUrl("?after=abc&status=PLANNED");
    expect(withChanges(paged, { sort: "TITLE" })).toMatchObject({ after: "", before: "", sort: "TITLE" });
    expect(withChanges(paged, { before: "xyz", after: "" })).toMatchObject({ after: "", before: "xyz" });
  });

  it("opens on upcoming and in-progress engagements, soonest first", () => {
    expect(DEFAULT_LIST_VIEW).toMatchObject({ show: "upcoming", sort: "START_DATE", direction: "ASC" });
    expect(filterOf(DEFAULT_LIST_VIEW)).toEqual({ upcoming: true });
    expect(filterOf(fromUrl("?show=all"))).toEqual({});
    expect(filterOf(fromUrl("?show=archived"))).toEqual({ archived: true });
    expect(hasFilters(fromUrl("?show=archived"))).toBe(true);
  });

  it.each([
    ["status", "STATUS"],
    ["health", "HEALTH"],
  ] as const)("sorts by %s", (param, field) => {
    expect(orderOf(fromUrl(`?sort=${param}&dir=desc`))).toEqual({ field, direction: "DESC" });
    expect(listViewSearch(fromUrl(`?sort=${param}`))).toBe(`?sort=${param}`);
  });

  it("maps onto the engagements query's filter and paging arguments", () => {
    const view = fromUrl("?show=all&q=talks&status=PROPOSED&health=OVERDUE&to=2027-03-31&size=10&before=cursor");
    expect(filterOf(view)).toEqual({ search: "talks", statuses: ["PROPOSED"], health: ["OVERDUE"], to: "2027-03-31" });
    expect(pageOf(view)).toEqual({ last: 10, before: "cursor" });
    expect(pageOf(fromUrl(""))).toEqual({ first: 25 });
    expect(hasFilters(view)).toBe(true);
    expect(hasFilters(fromUrl("?sort=title&size=10"))).toBe(false);
  });
});
