import type { Role } from "@engagement-tracker/schema";

/** Who a session belongs to, as the API said when the page was last rendered for it. */
export interface LiveViewer {
  id: string;
  name: string;
  email: string;
  role: Role;
}

/** A view in a session's navigation, as the header links to it. */
export interface PinnedViewLink {
  id: string;
  name: string;
  href: string;
}

interface LiveSession {
  /** Open /live streams of this session in this process. */
  streams: number;
  /** Undefined until a render asked the API while a stream was open. */
  viewer?: LiveViewer | null;
  /** Likewise, the session's pinned views. */
  pinnedViews?: readonly PinnedViewLink[];
}

/**
 * What this dashboard process knows from the live streams it bridges, shared by every request:
 * the latest change any stream delivered, and which sessions have a stream open. The API closes
 * a session's stream as soon as its access ends (sign-out, revocation, disabling: code 4401; a new
 * role: 4403), so while one is open the session is known to be valid, with the role it had.
 *
 * Next bundles route handlers and pages separately, so a module-level value would exist once per
 * bundle; one object on globalThis is shared by all of them.
 */
export class LiveState {
  private latest: bigint | null = null;
  private readonly sessions = new Map<string, LiveSession>();
  /** Sessions that just wrote through this dashboard: their next renders read afresh. */
  private readonly writers = new Map<string, number>();

  streamOpened(token: string): void {
    const session = this.sessions.get(token);
    if (session) session.streams += 1;
    else this.sessions.set(token, { streams: 1 });
  }

  streamClosed(token: string): void {
    const session = this.sessions.get(token);
    if (!session) return;
    session.streams -= 1;
    if (session.streams <= 0) this.sessions.delete(token);
    if (!this.sessions.size) this.latest = null;
  }

  changeSeen(sequence: string): void {
    if (!this.sessions.size) return;
    const value = BigInt(sequence);
    if (this.latest === null || value > this.latest) this.latest = value;
  }

  /**
   * The latest change this process has seen, while any stream is open to see the next one;
   * null otherwise (nothing here would notice a change, so nothing may be reused).
   */
  latestChange(): bigint | null {
    return this.sessions.size ? this.latest : null;
  }

  /** The viewer of a session with an open stream, if a render already asked; undefined means ask the API. */
  viewerOf(token: string): LiveViewer | null | undefined {
    return this.sessions.get(token)?.viewer;
  }

  /** Remembers who a session is, for as long as its stream stays open. */
  rememberViewer(token: string, viewer: LiveViewer | null): void {
    const session = this.sessions.get(token);
    if (session) session.viewer = viewer;
  }

  /**
   * The pinned views of a session with an open stream, if a render already asked; undefined means
   * ask the API. Its own changes to views are writes, after which it reads afresh (`wroteRecently`);
   * a colleague renaming a shared view it pinned shows when its stream next opens (a page load).
   */
  pinnedViewsOf(token: string): readonly PinnedViewLink[] | undefined {
    return this.sessions.get(token)?.pinnedViews;
  }

  rememberPinnedViews(token: string, views: readonly PinnedViewLink[]): void {
    const session = this.sessions.get(token);
    if (session) session.pinnedViews = views;
  }

  wrote(token: string, now = Date.now()): void {
    this.writers.set(token, now + WROTE_RECENTLY_MS);
    for (const [writer, until] of this.writers) if (until < now) this.writers.delete(writer);
  }

  wroteRecently(token: string, now = Date.now()): boolean {
    return (this.writers.get(token) ?? 0) >= now;
  }
}

/**
 * How long a session's own renders skip shared results after it wrote: long enough for its change
 * to come back through the stream and move `latestChange` past it.
 */
const WROTE_RECENTLY_MS = 10_000;

const KEY = Symbol.for("engagement-tracker.dashboard.live-state");
const global = globalThis as typeof globalThis & { [KEY]?: LiveState };

export const liveState: LiveState = (global[KEY] ??= new LiveState());
