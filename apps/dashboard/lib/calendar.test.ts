import { describe, expect, it } from "vitest";
import { calendarSearch, periodOf, readCalendarView, shiftedBy, weekBars } from "./calendar";
import { searchParamsOf } from "./list-view";

const fromUrl = (search: string) => readCalendarView(searchParamsOf(new URLSearchParams(search)));

describe("calendar views in the URL", () => {
  it("keeps filters, mode and date, and drops the table's order and paging", () => {
    const view = fromUrl("?kind=EXERCISE&status=PLANNED&mode=week&date=2031-03-12&sort=title&size=50&after=x");
    expect(calendarSearch(view)).toBe("?status=PLANNED&kind=EXERCISE&mode=week&date=2031-03-12");
  });

  it("opens on every engagement this month; the table's default scope must be asked for", () => {
    expect(fromUrl("").filters.show).toBe("all");
    expect(calendarSearch(fromUrl(""))).toBe("");
    expect(calendarSearch(fromUrl("?show=upcoming"))).toBe("?show=upcoming");
  });

  it("ignores a malformed date or mode", () => {
    expect(fromUrl("?date=2024-02-30&mode=year")).toMatchObject({ date: "", mode: "month" });
  });
});

describe("periods", () => {
  it("shows a month as whole weeks from the Monday on or before its first day", () => {
    const period = periodOf(fromUrl("?date=2024-02-14"), "2030-01-01");
    expect(period).toMatchObject({ first: "2024-02-01", last: "2024-02-29" });
    expect(period.weeks.map((week) => week[0])).toEqual([
      "2024-01-29",
      "2024-02-05",
      "2024-02-12",
      "2024-02-19",
      "2024-02-26",
    ]);
    expect(period.weeks.at(-1)?.at(-1)).toBe("2024-03-03");
  });

  it("shows a week from Monday to Sunday, and today's period without a date", () => {
    expect(periodOf(fromUrl("?mode=week&date=2024-01-14"), "2030-01-01")).toMatchObject({
      first: "2024-01-08",
      last: "2024-01-14",
    });
    expect(periodOf(fromUrl("?mode=week"), "2024-01-10").first).toBe("2024-01-08");
  });

  it("steps a month from any day of it (January 31 to February, not March) and a week by seven days", () => {
    expect(shiftedBy(fromUrl("?date=2024-01-31"), 1, "2030-01-01").date).toBe("2024-02-01");
    expect(shiftedBy(fromUrl("?date=2024-01-31"), -1, "2030-01-01").date).toBe("2023-12-01");
    expect(shiftedBy(fromUrl("?mode=week&date=2024-01-10"), 1, "2030-01-01").date).toBe("2024-01-15");
    expect(shiftedBy(fromUrl("?mode=week"), -1, "2024-01-10").date).toBe("2024-01-01");
  });
});

describe("weekBars", () => {
  const week = periodOf(fromUrl("?mode=week&date=2024-01-08"), "2030-01-01").weeks[0]!;
  const item = (startsOn: string, endsOn: string) => ({ startsOn, endsOn });

  it("cuts an engagement to the week's days and says where it goes on", () => {
    const [bar] = weekBars(week, [item("2024-01-06", "2024-01-09")]);
    expect(bar).toMatchObject({ column: 0, span: 2, continuesBefore: true, continuesAfter: false });
    const [longer] = weekBars(week, [item("2024-01-12", "2024-01-20")]);
    expect(longer).toMatchObject({ column: 4, span: 3, continuesBefore: false, continuesAfter: true });
  });

  it("puts overlapping engagements in separate lanes and reuses a lane once it is free", () => {
    const bars = weekBars(week, [
      item("2024-01-08", "2024-01-10"),
      item("2024-01-09", "2024-01-09"),
      item("2024-01-11", "2024-01-12"),
      item("2024-01-01", "2024-01-07"),
    ]);
    expect(bars.map(({ item, lane }) => [item.startsOn, lane])).toEqual([
      ["2024-01-08", 0],
      ["2024-01-09", 1],
      ["2024-01-11", 0],
    ]);
  });
});
