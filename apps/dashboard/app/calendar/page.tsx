import { graphql, type CalendarEngagementsQuery } from "@engagement-tracker/schema";
import type { Metadata } from "next";
import Link from "next/link";
import { ApiProblemNotice } from "../../components/ApiProblemNotice";
import { CalendarAgenda } from "../../components/calendar/CalendarAgenda";
import {
  CalendarGrid,
  HEALTH_MARKS,
  MilestoneMark,
  type CalendarMilestone,
} from "../../components/calendar/CalendarGrid";
import styles from "../../components/calendar/Calendar.module.css";
import { EngagementFilters, readFilterOptions } from "../../components/engagements/EngagementFilters";
import type { ApiResult } from "../../lib/api";
import {
  CALENDAR_FILTER_DEFAULTS,
  periodOf,
  readCalendarView,
  shiftedBy,
  type CalendarPeriod,
  type CalendarView,
} from "../../lib/calendar";
import { addDays, type Formatter } from "../../lib/format";
import { HEALTH_LABELS, HEALTHS, STATUS_LABELS, STATUSES } from "../../lib/labels";
import { filterOf, withoutFilters, type SearchParams } from "../../lib/list-view";
import { firstNodes } from "../../lib/paging";
import { getFormatter } from "../../lib/reader";
import { sharedQuery } from "../../lib/shared-reads";
import { calendarHref } from "../../lib/routes";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Calendar" };

// 30 a page: the API's per-query cost limit (OPERATION_LIMITS.maxCost in @engagement-tracker/schema/limits)
// counts these fields at about 120 an engagement, so it refuses pages past 41.
const CalendarEngagementsQuery = graphql(`
  query CalendarEngagements($filter: EngagementFilter, $after: String) {
    engagements(filter: $filter, orderBy: { field: START_DATE, direction: ASC }, first: 30, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...Calendar_engagement
      }
    }
  }
`);

type CalendarEngagement = CalendarEngagementsQuery["engagements"]["nodes"][number];

/**
 * Milestones are mostly preparation, due weeks before their engagement starts: engagements
 * starting up to this long after the period are read too, for the milestones they have due in it.
 */
const MILESTONE_LEAD_DAYS = 120;

/** A calendar reads at most this many engagements; the filters narrow a crowded month. */
const CALENDAR_LIMIT = 2_000;

const MILESTONE_LABELS = { due: "Milestone due", overdue: "Milestone overdue", done: "Milestone done" } as const;

const later = (a: string, b: string) => (a > b ? a : b);
const earlier = (a: string, b: string) => (a < b ? a : b);

/** Every engagement of the view under way in the days shown, or with a milestone due in them. */
async function engagementsFor(view: CalendarView, period: CalendarPeriod): Promise<ApiResult<CalendarEngagement[]>> {
  const { shownFirst, shownLast } = period;
  const filter = filterOf(view.filters);
  // The reader's own dates narrow the calendar further, never widen it.
  const from = filter.from ? later(filter.from, shownFirst) : shownFirst;
  const to = earlier(filter.to ?? "9999-12-31", addDays(shownLast, MILESTONE_LEAD_DAYS));
  if (from > to) return { ok: true, data: [] };
  return firstNodes(CALENDAR_LIMIT, async (after) => {
    // Shared: a change refreshes every open calendar (LiveUpdates), and readers of one role see the same.
    const page = await sharedQuery(CalendarEngagementsQuery, { filter: { ...filter, from, to }, after });
    return page.ok ? { ok: true, data: page.data.engagements } : page;
  });
}

export default async function CalendarPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const view = readCalendarView(await searchParams);
  const format = await getFormatter();
  const today = format.today();
  const period = periodOf(view, today);
  const [options, engagements] = await Promise.all([readFilterOptions(), engagementsFor(view, period)]);
  const unit = view.mode === "week" ? "week" : "month";
  const title =
    view.mode === "week" ? `Week of ${format.dayRange(period.first, period.last)}` : format.longMonth(period.first);
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Calendar</h1>
          <p>Engagements across their planned days and milestones on their due days. Weeks start on Monday.</p>
        </div>
      </header>
      {!options.ok ? (
        <ApiProblemNotice problem={options.problem} />
      ) : (
        <EngagementFilters
          view={view.filters}
          format={format}
          options={options.data}
          page={{
            action: "/calendar",
            defaults: CALENDAR_FILTER_DEFAULTS,
            keep: { mode: view.mode === "month" ? "" : view.mode, date: view.date },
            clearHref: calendarHref({ ...view, filters: withoutFilters(view.filters, CALENDAR_FILTER_DEFAULTS) }),
          }}
        />
      )}
      <section className={`card ${styles.calendar}`} aria-labelledby="period-heading">
        <div className={styles.toolbar}>
          <h2 id="period-heading" className={styles.period}>
            {title}
          </h2>
          <nav aria-label={`Other ${unit}s`} className={styles.steps}>
            <Link href={calendarHref(shiftedBy(view, -1, today))} className="button button-small" rel="prev">
              <span aria-hidden="true">← </span>Previous {unit}
            </Link>
            <Link href={calendarHref({ ...view, date: "" })} className="button button-small">
              Today
            </Link>
            <Link href={calendarHref(shiftedBy(view, 1, today))} className="button button-small" rel="next">
              Next {unit}
              <span aria-hidden="true"> →</span>
            </Link>
          </nav>
          <nav aria-label="Calendar view" className={styles.modes}>
            {(["month", "week"] as const).map((mode) => (
              <Link
                key={mode}
                href={calendarHref({ ...view, mode, date: view.date })}
                className={styles.mode}
                aria-current={view.mode === mode ? "page" : undefined}
              >
                {mode === "month" ? "Month" : "Week"}
              </Link>
            ))}
          </nav>
        </div>
        {!engagements.ok ? (
          <ApiProblemNotice problem={engagements.problem} />
        ) : (
          <CalendarBody
            view={view}
            period={period}
            engagements={engagements.data}
            today={today}
            format={format}
            title={title}
          />
        )}
      </section>
    </div>
  );
}

function CalendarBody({
  view,
  period,
  engagements,
  today,
  format,
  title,
}: {
  view: CalendarView;
  period: CalendarPeriod;
  engagements: readonly CalendarEngagement[];
  today: string;
  format: Formatter;
  title: string;
}) {
  const { shownFirst, shownLast } = period;
  const milestonesByDay = new Map<string, CalendarMilestone[]>();
  for (const engagement of engagements) {
    for (const milestone of engagement.milestones) {
      if (milestone.dueOn < shownFirst || milestone.dueOn > shownLast) continue;
      milestonesByDay.set(milestone.dueOn, [
        ...(milestonesByDay.get(milestone.dueOn) ?? []),
        { ...milestone, engagement },
      ]);
    }
  }
  const under = engagements.filter((engagement) => engagement.startsOn <= shownLast && engagement.endsOn >= shownFirst);
  return (
    <>
      {engagements.length >= CALENDAR_LIMIT ? (
        <p className="notice notice-warning">
          Only the first {CALENDAR_LIMIT.toLocaleString(format.locale)} engagements are shown: filter to see the rest.
        </p>
      ) : null}
      <ul className={styles.legend} aria-label="Key">
        {STATUSES.map((status) => (
          <li key={status} data-status={status}>
            <span className={styles.swatch} aria-hidden="true" />
            {STATUS_LABELS[status]}
          </li>
        ))}
        {HEALTHS.filter((health) => HEALTH_MARKS[health]).map((health) => (
          <li key={health}>
            <span className={styles.healthMark} data-health={health} aria-hidden="true">
              {HEALTH_MARKS[health]}
            </span>
            {HEALTH_LABELS[health]}
          </li>
        ))}
        {(Object.keys(MILESTONE_LABELS) as (keyof typeof MILESTONE_LABELS)[]).map((state) => (
          <li key={state}>
            <MilestoneMark state={state} />
            {MILESTONE_LABELS[state]}
          </li>
        ))}
      </ul>
      <div className={styles.gridFrame} data-mode={view.mode}>
        <CalendarGrid
          period={period}
          engagements={under}
          milestonesByDay={milestonesByDay}
          today={today}
          format={format}
          caption={`${title}: engagements and milestones by day`}
        />
      </div>
      <section aria-labelledby="agenda-heading" className={styles.agendaSection}>
        <h2 id="agenda-heading">Agenda</h2>
        <CalendarAgenda
          period={period}
          engagements={under}
          milestonesByDay={milestonesByDay}
          today={today}
          format={format}
        />
      </section>
    </>
  );
}
