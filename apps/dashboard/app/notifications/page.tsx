import { graphql } from "@engagement-tracker/schema";
import type { Metadata } from "next";
import Link from "next/link";
import { ApiProblemNotice } from "../../components/ApiProblemNotice";
import { ActionButton } from "../../components/forms/ActionButton";
import styles from "../../components/notifications/Notifications.module.css";
import { query } from "../../lib/api";
import { notificationHref, notificationLead } from "../../lib/notifications";
import { getFormatter } from "../../lib/reader";
import { markReadAction } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Notifications" };

const NotificationsQuery = graphql(`
  query DashboardNotifications {
    unreadNotificationCount
    notifications(first: 50) {
      nodes {
        id
        kind
        reason
        createdAt
        readAt
        actor {
          name
        }
        engagement {
          id
          title
        }
      }
    }
  }
`);

export default async function NotificationsPage() {
  const [result, format] = await Promise.all([query(NotificationsQuery), getFormatter()]);
  if (!result.ok) {
    return (
      <div className="page">
        <h1>Notifications</h1>
        <ApiProblemNotice problem={result.problem} />
      </div>
    );
  }
  const { unreadNotificationCount: unread, notifications } = result.data;
  return (
    <div className="page">
      <header className="page-header">
        <div>
          <h1>Notifications</h1>
          <p>Changes others made to engagements you watch, and comments that mention you: {unread} unread.</p>
        </div>
        {unread ? (
          <div className="actions">
            <ActionButton action={markReadAction} fields={{}} subject="notifications" pendingLabel="Marking…">
              Mark all read
            </ActionButton>
          </div>
        ) : null}
      </header>
      <section className="card" aria-label="Your notifications">
        {notifications.nodes.length === 0 ? (
          <p className="muted">
            Nothing yet. You watch what you own, co-own or comment on; <Link href="/engagements">watch</Link> others
            from their page.
          </p>
        ) : (
          <ul className={styles.list}>
            {notifications.nodes.map((notification) => (
              <li key={notification.id} className={styles.item} data-unread={notification.readAt ? undefined : ""}>
                <div>
                  <p className={styles.text}>
                    {notification.readAt ? null : <span className="visually-hidden">Unread: </span>}
                    {notificationLead(
                      notification.kind,
                      notification.reason,
                      notification.actor?.name ?? "Someone",
                    )}{" "}
                    {notification.engagement ? (
                      <Link href={notificationHref(notification.kind, notification.engagement.id)}>
                        {notification.engagement.title}
                      </Link>
                    ) : (
                      "an engagement"
                    )}
                  </p>
                  <time dateTime={notification.createdAt} className={styles.time}>
                    {format.instant(notification.createdAt)}
                  </time>
                </div>
                {notification.readAt ? null : (
                  <ActionButton
                    action={markReadAction}
                    fields={{ id: notification.id }}
                    subject={notification.engagement?.title ?? ""}
                    pendingLabel="Marking…"
                  >
                    Mark read
                  </ActionButton>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
