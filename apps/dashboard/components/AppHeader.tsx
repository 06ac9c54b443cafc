import { graphql } from "@engagement-tracker/schema";
import Link from "next/link";
import { signOutAction } from "../app/session-actions";
import { queryMaybeSignedOut } from "../lib/api";
import { liveState, type PinnedViewLink } from "../lib/live-state";
import { savedViewHref } from "../lib/saved-views";
import { USER_ROLE_LABELS } from "../lib/labels";
import { sessionToken } from "../lib/session";
import { getViewer, isAdmin } from "../lib/viewer";
import styles from "./AppHeader.module.css";
import { LiveUpdates } from "./LiveUpdates";
import { NavLinks } from "./NavLinks";

const PinnedViewsQuery = graphql(`
  query PinnedViews {
    savedViews {
      ...SavedViewLink_savedView
      pinned
    }
  }
`);

const UnreadCountQuery = graphql(`
  query UnreadNotificationCount {
    unreadNotificationCount
  }
`);

/** The bell's count, read on every render: each live refresh (any change anyone commits) brings it up to date. */
async function unreadCount(): Promise<number | null> {
  const result = await queryMaybeSignedOut(UnreadCountQuery);
  return result.ok ? result.data.unreadNotificationCount : null;
}

/**
 * The reader's pinned views; none when the API cannot say (the page itself reports why). Every
 * render (each live refresh included) would ask the API again, so a session with a stream open
 * keeps the answer, until it changes views itself.
 */
async function pinnedViews(token: string): Promise<readonly PinnedViewLink[]> {
  const known = liveState.wroteRecently(token) ? undefined : liveState.pinnedViewsOf(token);
  if (known) return known;
  const result = await queryMaybeSignedOut(PinnedViewsQuery);
  if (!result.ok) return [];
  const links = result.data.savedViews
    .filter((view) => view.pinned)
    .map((view) => ({ id: view.id, name: view.name, href: savedViewHref(view) }));
  liveState.rememberPinnedViews(token, links);
  return links;
}

export async function AppHeader() {
  const [viewer, token] = await Promise.all([getViewer(), sessionToken()]);
  // A cookie alone proves nothing (it may have expired): only a signed-in reader has views and notifications.
  const [pinned, unread] = viewer && token ? await Promise.all([pinnedViews(token), unreadCount()]) : [[], null];
  return (
    <header className={styles.header}>
      <div className={styles.inner}>
        <Link href="/" className={styles.brand}>
          <svg aria-hidden="true" viewBox="0 0 24 24" width="26" height="26" className={styles.logo}>
            <rect x="2" y="2" width="20" height="20" rx="6" fill="currentColor" opacity="0.18" />
            <path d="M6 15.5h4v-7H6zM10.5 17.5h4v-11h-4zM15 13.5h3.5v-5H15z" fill="currentColor" />
          </svg>
          <span>Engagement Tracker</span>
        </Link>
        {token ? (
          <NavLinks
            links={[
              { href: "/", label: "Overview" },
              { href: "/engagements", label: "Engagements" },
              { href: "/calendar", label: "Calendar" },
              { href: "/views", label: "Views" },
              { href: "/tokens", label: "API tokens" },
              ...(isAdmin(viewer) ? [{ href: "/admin", label: "Users" }] : []),
            ]}
          />
        ) : null}
        {token ? <LiveUpdates /> : null}
        {pinned.length ? (
          <nav aria-label="Pinned views" className={`${styles.nav} ${styles.pinned}`}>
            <ul>
              {pinned.map((view) => (
                <li key={view.id}>
                  <Link href={view.href}>{view.name}</Link>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        {viewer ? (
          <div className={styles.account}>
            {unread === null ? null : (
              <Link href="/notifications" className={styles.bell}>
                <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
                  <path
                    d="M12 3a6 6 0 0 0-6 6v3.5L4.5 15v1.5h15V15L18 12.5V9a6 6 0 0 0-6-6zm-2 15a2 2 0 0 0 4 0z"
                    fill="currentColor"
                  />
                </svg>
                <span className="visually-hidden">Notifications: </span>
                <span className={styles.unread} data-none={unread === 0 ? "" : undefined}>
                  {unread}
                </span>
                <span className="visually-hidden"> unread</span>
              </Link>
            )}
            <Link href="/settings/alerts" className={styles.settings}>
              Alert settings
            </Link>
            <span>
              <span className={styles.userName}>{viewer.name}</span>{" "}
              <span className={styles.role}>{USER_ROLE_LABELS[viewer.role]}</span>
            </span>
            <form action={signOutAction}>
              <button type="submit" className={styles.signOut}>
                Sign out
              </button>
            </form>
          </div>
        ) : null}
      </div>
    </header>
  );
}
