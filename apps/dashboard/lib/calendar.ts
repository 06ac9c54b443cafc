import { addDays, daysBetween } from "./format";
import {
  DEFAULT_LIST_VIEW,
  isCalendarDate,
  listViewSearch,
  readListView,
  type ListView,
  type SearchParams,
} from "./list-view";

/**
 * What the calendar shows: a month or a week around one day, and the engagements table's
 * filters. It lives in the URL like the table's view: the filters under the same names, plus
 * `mode=week` and `date=YYYY-MM-DD` (any day of the period; left out for today's).
 */
export interface CalendarView {
  filters: ListView;
  mode: CalendarMode;
  /** A day of the period to show, `YYYY-MM-DD`, or "" for the period holding today. */
  date: string;
}

export const CALENDAR_MODES = ["month", "week"] as const;
export type CalendarMode = (typeof CALENDAR_MODES)[number];

/**
 * The table's defaults but every engagement, not only upcoming ones: a calendar is for looking
 * back as well as ahead, and last month would otherwise be empty.
 */
export const CALENDAR_FILTER_DEFAULTS: ListView = { ...DEFAULT_LIST_VIEW, show: "all" };

/** Weeks start on Monday (ISO 8601) for every reader, so a week's URL names the same seven days for all. */
const DAYS_PER_WEEK = 7;

export function readCalendarView(params: SearchParams): CalendarView {
  const filters = readListView(params, CALENDAR_FILTER_DEFAULTS);
  const mode = CALENDAR_MODES.find((candidate) => candidate === firstOf(params.mode)) ?? "month";
  const date = firstOf(params.date) ?? "";
  // Order and paging belong to the table; the calendar keeps only what narrows it.
  return { filters: onlyFilters(filters), mode, date: isCalendarDate(date) ? date : "" };
}

const firstOf = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

function onlyFilters(view: ListView): ListView {
  const { sort, direction, pageSize, after, before } = CALENDAR_FILTER_DEFAULTS;
  return { ...view, sort, direction, pageSize, after, before };
}

/** The URL search string of a calendar view (with "?", or "" for this month unfiltered). */
export function calendarSearch(view: CalendarView): string {
  const params = new URLSearchParams(listViewSearch(view.filters, CALENDAR_FILTER_DEFAULTS));
  if (view.mode !== "month") params.set("mode", view.mode);
  if (view.date) params.set("date", view.date);
  const search = params.toString();
  return search ? `?${search}` : "";
}

export interface CalendarPeriod {
  /** The first and last day the period is about (a month's 1st and last; a week's Monday and Sunday). */
  first: string;
  last: string;
  /** The days shown, whole weeks from a Monday: a month's grid starts and ends in its neighbours. */
  weeks: string[][];
  shownFirst: string;
  shownLast: string;
}

/** ISO weekday, Monday 0 … Sunday 6. */
function weekdayOf(isoDate: string): number {
  return (new Date(`${isoDate}T00:00:00Z`).getUTCDay() + 6) % DAYS_PER_WEEK;
}

const mondayOf = (isoDate: string) => addDays(isoDate, -weekdayOf(isoDate));

function monthStart(isoDate: string, monthsLater = 0): string {
  const day = new Date(`${isoDate.slice(0, 7)}-01T00:00:00Z`);
  day.setUTCMonth(day.getUTCMonth() + monthsLater);
  return day.toISOString().slice(0, 10);
}

/** The period a view shows, `today` (the reader's) standing in for a view without a date. */
export function periodOf(view: CalendarView, today: string): CalendarPeriod {
  const anchor = view.date || today;
  const first = view.mode === "week" ? mondayOf(anchor) : monthStart(anchor);
  const last = view.mode === "week" ? addDays(first, DAYS_PER_WEEK - 1) : addDays(monthStart(anchor, 1), -1);
  const weeks: string[][] = [];
  for (let monday = mondayOf(first); monday <= last; monday = addDays(monday, DAYS_PER_WEEK)) {
    weeks.push(Array.from({ length: DAYS_PER_WEEK }, (_, index) => addDays(monday, index)));
  }
  return { first, last, weeks, shownFirst: mondayOf(first), shownLast: addDays(mondayOf(last), DAYS_PER_WEEK - 1) };
}

/** The same view a period earlier (-1) or later (+1). */
export function shiftedBy(view: CalendarView, steps: -1 | 1, today: string): CalendarView {
  const anchor = view.date || today;
  const date = view.mode === "week" ? addDays(mondayOf(anchor), steps * DAYS_PER_WEEK) : monthStart(anchor, steps);
  return { ...view, date };
}

/** Anything with a planned window, inclusive at both ends. */
export interface Dated {
  startsOn: string;
  endsOn: string;
}

/** One week's stretch of an engagement: where its bar starts (0 = Monday), how many days it covers, its lane. */
export interface WeekBar<Item extends Dated> {
  item: Item;
  column: number;
  span: number;
  /** 0 for the top row of bars; bars in one lane never overlap. */
  lane: number;
  /** It began before this week / goes on after it, so the bar's edge is cut, not rounded. */
  continuesBefore: boolean;
  continuesAfter: boolean;
}

/**
 * Lays out the items overlapping a week (seven days from a Monday) as bars, each in the
 * lowest lane free on all its days: the earliest first and, of those, the longest, as
 * calendar programs do, so a long engagement keeps one lane across the week.
 */
export function weekBars<Item extends Dated>(week: readonly string[], items: readonly Item[]): WeekBar<Item>[] {
  const weekStart = week[0]!;
  const weekEnd = week[week.length - 1]!;
  const laneEnds: number[] = [];
  return items
    .filter((item) => item.startsOn <= weekEnd && item.endsOn >= weekStart)
    .map((item) => {
      const column = Math.max(daysBetween(weekStart, item.startsOn), 0);
      const span = Math.min(daysBetween(weekStart, item.endsOn), week.length - 1) - column + 1;
      return { item, column, span };
    })
    .sort((a, b) => a.column - b.column || b.span - a.span)
    .map(({ item, column, span }) => {
      let lane = laneEnds.findIndex((end) => end < column);
      if (lane === -1) lane = laneEnds.length;
      laneEnds[lane] = column + span - 1;
      return {
        item,
        column,
        span,
        lane,
        continuesBefore: item.startsOn < weekStart,
        continuesAfter: item.endsOn > weekEnd,
      };
    });
}
