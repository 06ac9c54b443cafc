import { graphql, type CalendarFeedTable_CalendarFeedFragment } from "@engagement-tracker/schema";
import { revokeCalendarFeedAction } from "../../app/tokens/actions";
import { getFormatter } from "../../lib/reader";
import styles from "../admin/Accounts.module.css";
import tableStyles from "../engagements/EngagementTable.module.css";
import { ActionButton } from "../forms/ActionButton";

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

export async function CalendarFeedTable({ feeds }: { feeds: readonly CalendarFeedTable_CalendarFeedFragment[] }) {
  if (feeds.length === 0) return <p className="muted">No calendar feeds yet.</p>;
  const formatter = await getFormatter();
  return (
    <div className={styles.scroll}>
      <table className={tableStyles.table}>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Starts with</th>
            <th scope="col">Shows</th>
            <th scope="col">Created</th>
            <th scope="col">Last polled</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {feeds.map((feed) => (
            <tr key={feed.id}>
              <td className={tableStyles.titleCell}>
                <strong>{feed.name}</strong>
              </td>
              <td data-label="Starts with">
                <code>{feed.prefix}…</code>
              </td>
              <td data-label="Shows">
                {feed.viewName
                  ? `View “${feed.viewName}”`
                  : feed.filtered
                    ? "Filtered engagements"
                    : "Everything you can read"}
              </td>
              <td data-label="Created">{formatter.instant(feed.createdAt)}</td>
              <td data-label="Last polled">{feed.lastUsedAt ? formatter.instant(feed.lastUsedAt) : "Never"}</td>
              <td data-label="State">
                {feed.revokedAt ? (
                  `Revoked ${formatter.instant(feed.revokedAt)}`
                ) : (
                  <ActionButton
                    action={revokeCalendarFeedAction}
                    fields={{ id: feed.id }}
                    subject={feed.name}
                    pendingLabel="Revoking…"
                  >
                    Revoke
                  </ActionButton>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
