import type { Calendar_EngagementFragment } from "@engagement-tracker/schema";
import type { CalendarPeriod } from "../../lib/calendar";
import type { Formatter } from "../../lib/format";
import { HealthBadge, StatusBadge } from "../Badges";
import { EngagementLink } from "../EngagementLink";
import { MilestoneMark, milestoneState, type CalendarMilestone } from "./CalendarGrid";
import styles from "./Calendar.module.css";

/**
 * The period as a list, day by day: each engagement once, on the first day it is under way in
 * the period, and each milestone on its due day. What the grid shows, for a screen reader or a
 * narrow screen.
 */
export function CalendarAgenda({
  period,
  engagements,
  milestonesByDay,
  today,
  format,
}: {
  period: CalendarPeriod;
  engagements: readonly Calendar_EngagementFragment[];
  milestonesByDay: ReadonlyMap<string, readonly CalendarMilestone[]>;
  today: string;
  format: Formatter;
}) {
  const startingOn = new Map<string, Calendar_EngagementFragment[]>();
  for (const engagement of engagements) {
    if (engagement.endsOn < period.first || engagement.startsOn > period.last) continue;
    const day = engagement.startsOn < period.first ? period.first : engagement.startsOn;
    startingOn.set(day, [...(startingOn.get(day) ?? []), engagement]);
  }
  const days = [...new Set([...startingOn.keys(), ...milestonesByDay.keys()])]
    .filter((day) => day >= period.first && day <= period.last)
    .sort();
  if (days.length === 0) return <p className="muted">Nothing is planned or due in this period.</p>;
  return (
    <ol className={styles.agenda}>
      {days.map((day) => (
        <li key={day} className={styles.agendaDay} aria-current={day === today ? "date" : undefined}>
          <h3 className={styles.agendaDate}>
            <time dateTime={day}>{format.fullDay(day)}</time>
            {day === today ? <span className={styles.todayLabel}>Today</span> : null}
          </h3>
          <ul className={styles.agendaItems}>
            {(startingOn.get(day) ?? []).map((engagement) => (
              <li key={engagement.id} className={styles.agendaItem} data-status={engagement.status}>
                <EngagementLink id={engagement.id} className="item-link">
                  {engagement.title}
                </EngagementLink>
                <span className={styles.agendaMeta}>
                  {engagement.startsOn < period.first ? "Continues: " : ""}
                  {format.dayRange(engagement.startsOn, engagement.endsOn)}
                  <StatusBadge status={engagement.status} />
                  <HealthBadge health={engagement.health} />
                </span>
              </li>
            ))}
            {(milestonesByDay.get(day) ?? []).map((milestone) => (
              <li key={milestone.id} className={styles.agendaItem} data-milestone>
                <span>
                  <MilestoneMark state={milestoneState(milestone)} /> Milestone: <strong>{milestone.title}</strong>
                  {milestone.overdue ? <span className={styles.overdueText}> (overdue)</span> : null}
                  {milestone.completedAt ? <span className="muted"> (done)</span> : null}
                </span>
                <span className={styles.agendaFor}>
                  for{" "}
                  <EngagementLink id={milestone.engagement.id} className="item-link">
                    {milestone.engagement.title}
                  </EngagementLink>
                </span>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}
