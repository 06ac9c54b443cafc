import { graphql, type CalendarFeedTable_CalendarFeedFragment } from "@engagement-tracker/schema";
import { revokeCalendarFeedAction } from "../../app/tokens/actions";
import { CredentialTable } from "./CredentialTable";

export const CalendarFeedTableFragment = graphql(`
  fragment CalendarFeedTable_calendarFeed on CalendarFeed {
    id
    name
    prefix
    filtered
    viewName
    createdAt
    lastUsedAt
    revokedAt
  }
`);

const shows = (feed: CalendarFeedTable_CalendarFeedFragment) =>
  feed.viewName ? `View “${feed.viewName}”` : feed.filtered ? "Filtered engagements" : "Everything you can read";

export function CalendarFeedTable({ feeds }: { feeds: readonly CalendarFeedTable_CalendarFeedFragment[] }) {
  return (
    <CredentialTable
      rows={feeds}
      empty="No calendar feeds yet."
      columns={[
        { label: "Shows", cell: shows },
        { label: "Created", cell: (feed, formatter) => formatter.instant(feed.createdAt) },
      ]}
      lastUsedLabel="Last polled"
      revokeAction={revokeCalendarFeedAction}
    />
  );
}
