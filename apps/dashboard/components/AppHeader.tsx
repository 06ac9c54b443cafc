import Link from "next/link";
import { signOutAction } from "../app/session-actions";
import { USER_ROLE_LABELS } from "../lib/labels";
import { sessionToken } from "../lib/session";
import { getViewer, isAdmin } from "../lib/viewer";
import styles from "./AppHeader.module.css";
import { LiveUpdates } from "./LiveUpdates";
import { NavLinks } from "./NavLinks";

export async function AppHeader() {
  const [viewer, token] = await Promise.all([getViewer(), sessionToken()]);
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
              { href: "/tokens", label: "API tokens" },
              ...(isAdmin(viewer) ? [{ href: "/admin", label: "Users" }] : []),
            ]}
          />
        ) : null}
        {token ? <LiveUpdates /> : null}
        {viewer ? (
          <div className={styles.account}>
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
