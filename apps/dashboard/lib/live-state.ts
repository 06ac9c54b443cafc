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

/** An API read's result as lib/api.ts gives it (named here by shape: api.ts reads this module). */
type ApiAnswer = Promise<{ ok: boolean; data?: unknown }>;

/** An answer about the session's own user (see shared-reads.ts). */
interface OwnAnswer {
  answer: ApiAnswer;
  /** The answer's text once it is in: a change to an engagement it mentions makes it stale. */
  text?: string;
}

/** Answers kept per session: the few pages it has open, not every page it ever read. */
const MAX_OWN_ANSWERS = 20;

interface LiveSession {
  /** Open /live streams of this session in this process. */
  streams: number;
  /** Answers about the session's user, by query and variables, as of `day`. */
  ownAnswers?: { day: string; answers: Map<string, OwnAnswer> };
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

  /** A kept answer about the session's own user; undefined means ask the API. */
  ownAnswerOf(token: string, key: string, day: string): ApiAnswer | undefined {
    const own = this.sessions.get(token)?.ownAnswers;
    return own?.day === day ? own.answers.get(key)?.answer : undefined;
  }

  /**
   * Keeps an answer about the session's own user while its stream stays open, until a change
   * concerns it (see `changeReached`) or the day ends; a failed one is not kept.
   */
  rememberOwnAnswer(token: string, key: string, day: string, answer: ApiAnswer): void {
    const session = this.sessions.get(token);
    if (!session) return;
    if (session.ownAnswers?.day !== day) session.ownAnswers = { day, answers: new Map() };
    const { answers } = session.ownAnswers;
    if (answers.size >= MAX_OWN_ANSWERS) answers.delete(answers.keys().next().value!);
    const kept: OwnAnswer = { answer };
    answers.set(key, kept);
    void answer.then((result) => {
      if (!result.ok) {
        if (answers.get(key) === kept) answers.delete(key);
      } else kept.text = JSON.stringify(result.data);
    });
  }

  /**
   * A change reached the session's stream. Its answers about its own user go when the change
   * concerns that user (an engagement they own, a change that notified them) or touches an
   * engagement an answer shows; any other change leaves them as they are, so a change one
   * person's engagement does not make every open page read its reader's own items again.
   */
  changeReached(token: string, engagementId: string, concernsViewer: boolean): void {
    const own = this.sessions.get(token)?.ownAnswers;
    if (!own) return;
    for (const [key, kept] of own.answers) {
      // An answer still on its way may have been read before this change: it is not reused.
      if (concernsViewer || kept.text === undefined || kept.text.includes(engagementId)) own.answers.delete(key);
    }
  }

  /** The session wrote through this dashboard: it reads afresh for a while, and its own answers go. */
  wrote(token: string, now = Date.now()): void {
    const session = this.sessions.get(token);
    if (session) session.ownAnswers = undefined;
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
