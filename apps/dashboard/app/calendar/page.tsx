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
import type { Formatter } from "../../lib/format";
import { HEALTH_LABELS, HEALTHS, STATUS_LABELS, STATUSES } from "../../lib/labels";
import { filterOf, withoutFilters, type SearchParams } from "../../lib/list-view";
import { firstNodes } from "../../lib/paging";
import { getFormatter } from "../../lib/reader";
import { sharedQuery } from "../../lib/shared-reads";
import { calendarHref } from "../../lib/routes";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Calendar" };

// 60 a page: the API's per-query cost limit (OPERATION_LIMITS.maxCost in @engagement-tracker/schema/limits)
// counts these fields at about 63 an engagement, so it refuses pages past 79.
const CalendarEngagementsQuery = graphql(`
  query CalendarEngagements($filter: EngagementFilter, $after: String) {
    engagements(filter: $filter, orderBy: { field: START_DATE, direction: ASC }, first: 60, after: $after) {
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

// 50 a page: the same limit counts these fields at about 91 a milestone, so it refuses pages past 54.
const CalendarMilestonesQuery = graphql(`
  query CalendarMilestones($from: Date!, $to: Date!, $filter: EngagementFilter, $after: String) {
    milestones(from: $from, to: $to, filter: $filter, first: 50, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...Calendar_milestone
      }
    }
  }
`);

type CalendarEngagement = CalendarEngagementsQuery["engagements"]["nodes"][number];

/** A calendar reads at most this many engagements, and as many milestones; the filters narrow a crowded month. */
const CALENDAR_LIMIT = 2_000;

const MILESTONE_LABELS = { due: "Milestone due", overdue: "Milestone overdue", done: "Milestone done" } as const;

const later = (a: string, b: string) => (a > b ? a : b);
const earlier = (a: string, b: string) => (a < b ? a : b);

// Shared reads: a change refreshes every open calendar (LiveUpdates), and readers of one role see the same.

/** Every engagement of the view under way in the days shown. */
async function engagementsFor(view: CalendarView, period: CalendarPeriod): Promise<ApiResult<CalendarEngagement[]>> {
  const filter = filterOf(view.filters);
  // The reader's own dates narrow the calendar further, never widen it.
  const from = filter.from ? later(filter.from, period.shownFirst) : period.shownFirst;
  const to = filter.to ? earlier(filter.to, period.shownLast) : period.shownLast;
  if (from > to) return { ok: true, data: [] };
  return firstNodes(CALENDAR_LIMIT, async (after) => {
    const page = await sharedQuery(CalendarEngagementsQuery, { filter: { ...filter, from, to }, after });
    return page.ok ? { ok: true, data: page.data.engagements } : page;
  });
}

/**
 * Every milestone due in the days shown whose engagement is in the view, read by its own due
 * date: preparation is often due long before its engagement starts.
 */
async function milestonesFor(view: CalendarView, period: CalendarPeriod): Promise<ApiResult<CalendarMilestone[]>> {
  return firstNodes(CALENDAR_LIMIT, async (after) => {
    const page = await sharedQuery(CalendarMilestonesQuery, {
      from: period.shownFirst,
      to: period.shownLast,
      filter: filterOf(view.filters),
      after,
    });
    return page.ok ? { ok: true, data: page.data.milestones } : page;
  });
}

export default async function CalendarPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const view = readCalendarView(await searchParams);
  const format = await getFormatter();
  const today = format.today();
  const period = periodOf(view, today);
  const [options, engagements, milestones] = await Promise.all([
    readFilterOptions(),
    engagementsFor(view, period),
    milestonesFor(view, period),
  ]);
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
        ) : !milestones.ok ? (
          <ApiProblemNotice problem={milestones.problem} />
        ) : (
          <CalendarBody
            view={view}
            period={period}
            engagements={engagements.data}
            milestones={milestones.data}
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
  milestones,
  today,
  format,
  title,
}: {
  view: CalendarView;
  period: CalendarPeriod;
  engagements: readonly CalendarEngagement[];
  milestones: readonly CalendarMilestone[];
  today: string;
  format: Formatter;
  title: string;
}) {
  const milestonesByDay = new Map<string, CalendarMilestone[]>();
  for (const milestone of milestones) {
    milestonesByDay.set(milestone.dueOn, [...(milestonesByDay.get(milestone.dueOn) ?? []), milestone]);
  }
  return (
    <>
      {engagements.length >= CALENDAR_LIMIT || milestones.length >= CALENDAR_LIMIT ? (
        <p className="notice notice-warning">
          Only the first {CALENDAR_LIMIT.toLocaleString(format.locale)} engagements and milestones are shown: filter to
          see the rest.
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
          engagements={engagements}
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
          engagements={engagements}
          milestonesByDay={milestonesByDay}
          today={today}
          format={format}
        />
      </section>
    </>
  );
}
