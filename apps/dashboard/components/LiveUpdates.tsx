"use client";

import { usePathname, useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import styles from "./LiveUpdates.module.css";

type Connection = "connecting" | "live" | "reconnecting" | "offline" | "signed-out";

const CONNECTION_LABELS: Record<Connection, string> = {
  connecting: "Connecting…",
  live: "Live",
  reconnecting: "Reconnecting…",
  offline: "Offline",
  "signed-out": "Signed out",
};

/**
 * Changes close together cause one re-render: it waits until none has come for QUIET_MS, but no
 * longer than MAX_WAIT_MS after the first change it is waiting for, so a steady stream of changes
 * still shows, once a second.
 */
const QUIET_MS = 250;
const MAX_WAIT_MS = 1_000;
/** Errors in a row after which the stream is said to be offline and reopened with growing pauses. */
const FAILURES_BEFORE_BACKOFF = 3;
const FIRST_BACKOFF_MS = 2_000;
const MAX_BACKOFF_MS = 60_000;

/**
 * Keeps the page current: listens to the dashboard's live-updates stream (app/live) and
 * re-renders the page's server components with fresh data on each change, keeping what the
 * reader has open or typed. Shows whether it is connected.
 */
export function LiveUpdates() {
  const router = useRouter();
  const pathname = usePathname();
  const [connection, setConnection] = useState<Connection>("connecting");
  // The page a refresh was held back on; a notice offers it there only.
  const [heldBackOn, setHeldBackOn] = useState<string | null>(null);

  useEffect(() => {
    // Forms the reader has typed into since they were rendered or last submitted.
    const editedForms = new WeakSet<HTMLFormElement>();
    const formOf = (target: EventTarget | null) => (target instanceof Element ? target.closest("form") : null);
    const markEdited = (event: Event) => {
      const form = formOf(event.target);
      if (form) editedForms.add(form);
    };
    const markSubmitted = (event: Event) => {
      const form = formOf(event.target);
      if (form) editedForms.delete(form);
      // Submitting renders the page afresh, so nothing is held back any more.
      setHeldBackOn(null);
    };
    // Re-rendering under someone typing could lose their words, or move the ground under a
    // half-made choice; they get a notice instead and refresh when ready.
    const isEditing = () => {
      const form = formOf(document.activeElement);
      return form !== null && editedForms.has(form);
    };

    let refreshTimer: ReturnType<typeof setTimeout> | undefined;
    let waitingSince: number | undefined;
    const refresh = () => {
      refreshTimer = undefined;
      waitingSince = undefined;
      if (isEditing()) setHeldBackOn(window.location.pathname);
      else router.refresh();
    };
    const refreshSoon = () => {
      const now = Date.now();
      waitingSince ??= now;
      clearTimeout(refreshTimer);
      refreshTimer = setTimeout(refresh, Math.min(QUIET_MS, waitingSince + MAX_WAIT_MS - now));
    };

    let source: EventSource | null = null;
    let lastSequence: string | null = null;
    let failures = 0;
    // Set while the stream is down; the next open re-renders if there is no sequence to catch up from.
    let missedChanges = false;
    let reopenTimer: ReturnType<typeof setTimeout> | undefined;
    let signedOut = false;

    const open = () => {
      clearTimeout(reopenTimer);
      source?.close();
      // A new EventSource forgets the last id it saw; the bridge takes it as `since` instead.
      source = new EventSource(lastSequence ? `/live?since=${encodeURIComponent(lastSequence)}` : "/live");
      source.addEventListener("open", () => {
        // Changes made while the stream was down are replayed, unless none had been seen yet.
        if (missedChanges && lastSequence === null) refreshSoon();
        missedChanges = false;
        failures = 0;
        setConnection("live");
      });
      source.addEventListener("change", (event) => {
        lastSequence = (event as MessageEvent).lastEventId || lastSequence;
        refreshSoon();
      });
      // Signed out here or elsewhere (another tab, an admin): no retrying; the page offers signing in.
      source.addEventListener("signed-out", () => {
        source?.close();
        signedOut = true;
        setConnection("signed-out");
      });
      source.addEventListener("access-changed", () => router.refresh());
      source.addEventListener("error", () => {
        failures += 1;
        missedChanges = true;
        const refused = source?.readyState === EventSource.CLOSED;
        if (!refused && failures < FAILURES_BEFORE_BACKOFF) {
          // EventSource reconnects by itself after the `retry:` the bridge sent.
          setConnection("reconnecting");
          return;
        }
        source?.close();
        setConnection(failures >= FAILURES_BEFORE_BACKOFF || !navigator.onLine ? "offline" : "reconnecting");
        const backoff = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (failures - 1));
        // Jitter, so dashboards left open do not all come back in the same instant after an outage.
        reopenTimer = setTimeout(open, backoff * (0.5 + Math.random() / 2));
      });
    };
    const reopenWhenOnline = () => {
      if (!signedOut && document.visibilityState === "visible" && source?.readyState !== EventSource.OPEN) open();
    };
    // A browser holds at most six HTTP/1.1 connections to a host; a stream per background tab
    // would soon starve the visible one. A tab coming back catches up from its last sequence.
    const followVisibility = () => {
      if (signedOut) return;
      if (document.visibilityState === "visible") return open();
      clearTimeout(reopenTimer);
      source?.close();
      missedChanges = true;
    };

    followVisibility();
    document.addEventListener("input", markEdited, true);
    document.addEventListener("submit", markSubmitted, true);
    window.addEventListener("online", reopenWhenOnline);
    document.addEventListener("visibilitychange", followVisibility);
    return () => {
      source?.close();
      clearTimeout(reopenTimer);
      clearTimeout(refreshTimer);
      document.removeEventListener("input", markEdited, true);
      document.removeEventListener("submit", markSubmitted, true);
      window.removeEventListener("online", reopenWhenOnline);
      document.removeEventListener("visibilitychange", followVisibility);
    };
  }, [router]);

  return (
    <div className={styles.live} role="status" aria-live="polite">
      <span className={styles.indicator} data-connection={connection}>
        <span className="visually-hidden">Live updates: </span>
        {CONNECTION_LABELS[connection]}
      </span>
      {connection === "signed-out" ? (
        <a className={styles.signIn} href={`/sign-in?next=${encodeURIComponent(pathname)}`}>
          Sign in again
        </a>
      ) : null}
      {heldBackOn === pathname ? (
        <button
          type="button"
          className={styles.refresh}
          onClick={() => {
            setHeldBackOn(null);
            router.refresh();
          }}
        >
          Updated elsewhere — refresh
        </button>
      ) : null}
    </div>
  );
}
