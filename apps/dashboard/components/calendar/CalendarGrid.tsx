import {
  graphql,
  type Calendar_EngagementFragment,
  type Calendar_MilestoneFragment,
  type Health,
} from "@engagement-tracker/schema";
import { weekBars, type CalendarPeriod } from "../../lib/calendar";
import type { Formatter } from "../../lib/format";
import { HEALTH_LABELS, STATUS_LABELS } from "../../lib/labels";
import { EngagementLink } from "../EngagementLink";
import styles from "./Calendar.module.css";

export const CalendarFragment = graphql(`
  fragment Calendar_engagement on Engagement {
    id
    title
    status
    health
    startsOn
    endsOn
  }
`);

export const CalendarMilestoneFragment = graphql(`
  fragment Calendar_milestone on Milestone {
    id
    title
    dueOn
    completedAt
    overdue
    engagement {
      id
      title
    }
  }
`);

export type CalendarMilestone = Calendar_MilestoneFragment;

/** Health beside the status colour, as a mark that needs no colour to read; on track needs none. */
export const HEALTH_MARKS: Record<Health, string> = { ON_TRACK: "", AT_RISK: "!", OVERDUE: "!!", CLOSED: "✓" };

export function HealthMark({ health }: { health: Health }) {
  if (!HEALTH_MARKS[health]) return null;
  return (
    <span className={styles.healthMark} data-health={health} aria-hidden="true">
      {HEALTH_MARKS[health]}
    </span>
  );
}

/**
 * The period as a table of weeks, Monday first: each week a row of days, a row per lane of
 * engagement bars (a bar spans the days of its window within the week, so an engagement over
 * two weeks shows as two bars) and a row of the milestones due each day.
 */
export function CalendarGrid({
  period,
  engagements,
  milestonesByDay,
  today,
  format,
  caption,
}: {
  period: CalendarPeriod;
  engagements: readonly Calendar_EngagementFragment[];
  milestonesByDay: ReadonlyMap<string, readonly CalendarMilestone[]>;
  today: string;
  format: Formatter;
  caption: string;
}) {
  const firstWeek = period.weeks[0] ?? [];
  return (
    <table className={styles.grid} data-weeks={period.weeks.length}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {firstWeek.map((day) => (
            <th key={day} scope="col">
              <abbr title={format.weekday(day, "long")}>{format.weekday(day)}</abbr>
            </th>
          ))}
        </tr>
      </thead>
      {period.weeks.map((week) => {
        const bars = weekBars(week, engagements);
        const lanes = Math.max(0, ...bars.map((bar) => bar.lane + 1));
        return (
          <tbody key={week[0]} className={styles.week}>
            <tr className={styles.days}>
              {week.map((day) => (
                <td
                  key={day}
                  className={styles.day}
                  data-outside={day < period.first || day > period.last || undefined}
                  aria-current={day === today ? "date" : undefined}
                >
                  <time dateTime={day}>
                    <span aria-hidden="true">{format.dayOfMonth(day)}</span>
                    <span className="visually-hidden">{format.fullDay(day)}</span>
                  </time>
                  {day === today ? <span className={styles.todayLabel}>Today</span> : null}
                </td>
              ))}
            </tr>
            {Array.from({ length: lanes }, (_, lane) => {
              const cells = [];
              for (let column = 0; column < week.length; column++) {
                const bar = bars.find((candidate) => candidate.lane === lane && candidate.column === column);
                if (!bar) {
                  cells.push(<td key={column} className={styles.empty} />);
                  continue;
                }
                const { item: engagement } = bar;
                cells.push(
                  <td key={column} colSpan={bar.span} className={styles.barCell}>
                    <div
                      className={styles.bar}
                      data-status={engagement.status}
                      data-continues-before={bar.continuesBefore || undefined}
                      data-continues-after={bar.continuesAfter || undefined}
                      title={`${engagement.title}: ${STATUS_LABELS[engagement.status]}, ${HEALTH_LABELS[engagement.health]}, ${format.dayRange(engagement.startsOn, engagement.endsOn)}`}
                    >
                      <HealthMark health={engagement.health} />
                      <EngagementLink id={engagement.id} className={styles.barLink}>
                        {engagement.title}
                      </EngagementLink>
                      <span className="visually-hidden">
                        {`, ${STATUS_LABELS[engagement.status]}, ${HEALTH_LABELS[engagement.health]}, ${format.dayRange(engagement.startsOn, engagement.endsOn)}`}
                      </span>
                    </div>
                  </td>,
                );
                column += bar.span - 1;
              }
              return (
                <tr key={lane} className={styles.lane}>
                  {cells}
                </tr>
              );
            })}
            <tr className={styles.milestoneRow}>
              {week.map((day) => {
                const due = milestonesByDay.get(day) ?? [];
                return (
                  <td key={day} className={styles.milestoneCell}>
                    {due.length > 0 ? (
                      <ul className={styles.milestones}>
                        {due.map((milestone) => (
                          <li
                            key={milestone.id}
                            className={styles.milestone}
                            title={`${milestone.title} (${milestone.engagement.title})${milestone.overdue ? ", overdue" : ""}${milestone.completedAt ? ", done" : ""}`}
                          >
                            <MilestoneMark state={milestoneState(milestone)} />
                            <EngagementLink id={milestone.engagement.id} className={styles.milestoneLink}>
                              {milestone.title}
                            </EngagementLink>
                            <span className="visually-hidden">{milestoneContext(milestone)}</span>
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </td>
                );
              })}
            </tr>
          </tbody>
        );
      })}
    </table>
  );
}

/** A milestone's mark by its state, for the grid, the agenda and the key. */
const MILESTONE_MARKS = { due: "◆", overdue: "◆!", done: "◇" } as const;

export function MilestoneMark({ state }: { state: keyof typeof MILESTONE_MARKS }) {
  return (
    <span className={styles.milestoneMark} data-state={state} aria-hidden="true">
      {MILESTONE_MARKS[state]}
    </span>
  );
}

export function milestoneState(milestone: CalendarMilestone): keyof typeof MILESTONE_MARKS {
  return milestone.overdue ? "overdue" : milestone.completedAt ? "done" : "due";
}

/** What a screen reader hears after a milestone's title in the grid. */
function milestoneContext(milestone: CalendarMilestone): string {
  const state = milestone.overdue ? ", overdue" : milestone.completedAt ? ", done" : "";
  return `, milestone of ${milestone.engagement.title}${state}`;
}
