import { graphql, type UpcomingTimeline_EngagementFragment } from "@engagement-tracker/schema";
import { EngagementLink } from "../EngagementLink";
import { addDays, daysBetween, type Formatter } from "../../lib/format";
import { STATUS_LABELS } from "../../lib/labels";
import styles from "./UpcomingTimeline.module.css";

export const UpcomingTimelineFragment = graphql(`
  fragment UpcomingTimeline_engagement on Engagement {
    id
    title
    status
    startsOn
    endsOn
    location {
      name
    }
  }
`);

/** A week of context before today, so what is under way shows where it started. */
const DAYS_BEFORE_TODAY = 7;
export const TIMELINE_DAYS = 90;

/** One bar per engagement across its planned window, coloured by status, with today marked. */
export function UpcomingTimeline({
  engagements,
  today,
  format,
}: {
  engagements: readonly UpcomingTimeline_EngagementFragment[];
  today: string;
  format: Formatter;
}) {
  const windowStart = addDays(today, -DAYS_BEFORE_TODAY);
  const windowEnd = addDays(today, TIMELINE_DAYS);
  const windowDays = daysBetween(windowStart, windowEnd) + 1;
  const percentOf = (isoDate: string) =>
    (Math.min(Math.max(daysBetween(windowStart, isoDate), 0), windowDays) / windowDays) * 100;
  const monthStarts = monthStartsBetween(windowStart, windowEnd);

  if (engagements.length === 0) {
    return <p className="muted">Nothing is planned for the next {TIMELINE_DAYS} days.</p>;
  }
  return (
    <div className={styles.timeline} style={{ ["--today" as string]: `${percentOf(today)}%` }}>
      <div className={styles.axis} aria-hidden="true">
        <span className={styles.axisSpacer} />
        <span className={styles.axisTrack}>
          {monthStarts.map((month) => (
            <span key={month} className={styles.tick} style={{ left: `${percentOf(month)}%` }}>
              {format.month(month)}
            </span>
          ))}
          <span className={styles.todayLabel}>Today</span>
        </span>
      </div>
      <ol className={styles.rows}>
        {engagements.map((engagement) => {
          const left = percentOf(engagement.startsOn);
          // Inclusive end: a one-day engagement still gets a day's width.
          const right = percentOf(addDays(engagement.endsOn, 1));
          return (
            <li key={engagement.id} className={styles.row} data-status={engagement.status}>
              <div className={styles.label}>
                <EngagementLink id={engagement.id} className={`item-link ${styles.title}`}>
                  {engagement.title}
                </EngagementLink>
                <span className={styles.meta}>
                  <span className="visually-hidden">{STATUS_LABELS[engagement.status]}, </span>
                  {format.dayRange(engagement.startsOn, engagement.endsOn)} · {engagement.location.name}
                </span>
              </div>
              <div className={styles.track} aria-hidden="true">
                <span
                  className={styles.bar}
                  data-clipped-start={engagement.startsOn < windowStart || undefined}
                  data-clipped-end={engagement.endsOn > windowEnd || undefined}
                  style={{ left: `${left}%`, width: `${Math.max(right - left, 0.8)}%` }}
                  title={`${STATUS_LABELS[engagement.status]}: ${format.dayRange(engagement.startsOn, engagement.endsOn)}`}
                />
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

function monthStartsBetween(fromIsoDate: string, toIsoDate: string): string[] {
  const months: string[] = [];
  let month = `${fromIsoDate.slice(0, 7)}-01`;
  while (month <= toIsoDate) {
    if (month >= fromIsoDate) months.push(month);
    const [year, monthNumber] = month.split("-").map(Number) as [number, number];
    month = new Date(Date.UTC(year, monthNumber, 1)).toISOString().slice(0, 10);
  }
  return months;
}
