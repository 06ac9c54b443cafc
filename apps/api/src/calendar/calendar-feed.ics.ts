// What a subscribed calendar shows: each engagement over its planned window and each open or done
// milestone on its due day, all-day events written by the shared iCalendar writer.
import type { Prisma } from "@engagement-tracker/db";
import { EVENT_STATUS, toICalendar, type CalendarEvent } from "@engagement-tracker/schema/ics";
import { globalIdOf } from "../common/node.ts";
import type { Engagement } from "../engagements/engagement.type.ts";
import { assessHealth, describeIssue, isoDay } from "../engagements/health.ts";

export interface FeedEngagement {
  engagement: Engagement;
  /** Its milestones not removed, by due date. */
  milestones: Prisma.MilestoneGetPayload<object>[];
}

/** Calendar programs match events across polls by UID: the engagement's global ID, as the dashboard's export writes it. */
const uidOf = (globalId: string) => `${globalId}@engagement-tracker`;

export function toFeedICalendar(name: string, items: readonly FeedEngagement[], stamp: Date, today: Date): string {
  return toICalendar(
    name,
    items.flatMap((item) => eventsOf(item, today)),
    stamp,
  );
}

function eventsOf({ engagement, milestones }: FeedEngagement, today: Date): CalendarEvent[] {
  const { health, issues } = assessHealth({ ...engagement, milestones }, today);
  const location = [engagement.locationName, engagement.region, engagement.country].filter(Boolean).join(", ");
  // Every write to an engagement or its milestones bumps its version: the SEQUENCE calendars compare.
  const shared = { location, sequence: engagement.version, lastModified: engagement.updatedAt.toISOString() };
  const main: CalendarEvent = {
    ...shared,
    uid: uidOf(engagement.id),
    title: engagement.title,
    firstDay: isoDay(engagement.startsOn),
    lastDay: isoDay(engagement.endsOn),
    description: [`Status: ${engagement.status} · Health: ${health}`, ...issues.map(describeIssue), engagement.summary]
      .filter(Boolean)
      .join("\n\n"),
    status: EVENT_STATUS[engagement.status],
    categories: engagement.kind,
  };
  return [
    main,
    ...milestones.map((milestone): CalendarEvent => ({
      ...shared,
      uid: uidOf(globalIdOf("Milestone", milestone.id)),
      title: `${milestone.completedAt ? "✓ " : ""}${milestone.title} — ${engagement.title}`,
      firstDay: isoDay(milestone.dueOn),
      lastDay: isoDay(milestone.dueOn),
      description: [
        milestone.completedAt
          ? `Done ${milestone.completedAt.toISOString()}.`
          : `Due ${isoDay(milestone.dueOn)}; not done yet.`,
        milestone.note,
      ]
        .filter(Boolean)
        .join("\n\n"),
      // A milestone of a cancelled engagement is off too; otherwise its due day stands.
      status: engagement.status === "CANCELLED" ? "CANCELLED" : "CONFIRMED",
      categories: "MILESTONE",
    })),
  ];
}
