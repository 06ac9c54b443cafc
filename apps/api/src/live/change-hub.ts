import type { EngagementEvent as EngagementEventRow, PrismaClient } from "@engagement-tracker/db";
import { toEngagementEvent } from "../engagements/engagement-event.type.ts";
import { matchingIds, type ViewerFilter } from "../engagements/read/index.ts";
import { toEngagement } from "../engagements/engagement.type.ts";
import { latestSequence, readEvents } from "../engagements/versioned-write.ts";
import type { ChangeFeed } from "./change-feed.ts";
import { EngagementChange } from "./engagement-change.type.ts";
import { inSpan, spanContextOf } from "../tracing/spans.ts";

/** Events read per query while catching up. */
const PAGE = 500;
/** Changes one subscriber may fall behind by before it is cut off (it can reconnect and catch up). */
const MAX_BACKLOG = 10_000;

interface Subscriber {
  filter: ViewerFilter | null;
  /** The last sequence delivered: nothing at or below it is delivered again. */
  delivered: bigint;
  /** While replaying missed changes, live ones wait in the audit trail, to keep the order. */
  catchingUp: boolean;
  push(change: EngagementChange): void;
  /** Ends this subscriber's stream; it can reconnect with its last sequence and miss nothing. */
  end(): void;
}

/** Where the hub reports what it could not do; it goes on for every other subscriber. */
export type HubErrorReporter = (error: unknown, message: string) => void;

/** After a failed read, how long before the hub reads again even if no new change is announced. */
const RETRY_READ_AFTER_MS = 1_000;

/**
 * One per API instance: learns of committed changes from the feed, reads them from the
 * audit trail in sequence order, and hands each subscriber the ones its filter matches.
 * Sequences follow commit order (see appendEvent), so reading "everything after the last
 * one seen" never skips a change, whichever instance made it.
 */
export class ChangeHub {
  private lastSeen = 0n;
  private readonly subscribers = new Set<Subscriber>();
  private reading: Promise<void> | null = null;
  private closed = false;
  private readAgain = false;
  private retryTimer: NodeJS.Timeout | undefined;

  private constructor(
    private readonly prisma: PrismaClient,
    private readonly feed: ChangeFeed,
    private readonly reportError: HubErrorReporter,
  ) {}

  static async start(prisma: PrismaClient, feed: ChangeFeed, reportError: HubErrorReporter): Promise<ChangeHub> {
    const hub = new ChangeHub(prisma, feed, reportError);
    hub.lastSeen = await latestSequence(prisma);
    feed.onSignal((sequence) => {
      if (sequence === null || sequence > hub.lastSeen) hub.readNewEvents();
    });
    return hub;
  }

  /** After a write committed here: tells other instances, where the feed needs it. */
  announce(sequence: bigint): void {
    this.feed.announce(sequence);
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /**
   * Changes matching `filter`, as they commit; with `since`, first every matching change
   * after that sequence (what a reconnecting client missed), each exactly once.
   */
  subscribe(filter: ViewerFilter | null, since: bigint | null): AsyncIterableIterator<EngagementChange> {
    const queue: EngagementChange[] = [];
    let wake: (() => void) | null = null;
    let finished = false;
    const subscriber: Subscriber = {
      filter,
      delivered: since ?? this.lastSeen,
      catchingUp: since !== null,
      push: (change) => {
        queue.push(change);
        if (queue.length > MAX_BACKLOG) stop();
        wake?.();
      },
      end: () => stop(),
    };
    const stop = () => {
      finished = true;
      this.subscribers.delete(subscriber);
      wake?.();
    };
    this.subscribers.add(subscriber);
    if (since !== null) void this.catchUp(subscriber).catch(stop);

    return {
      [Symbol.asyncIterator]() {
        return this;
      },
      async next() {
        while (!queue.length && !finished) await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
        const value = queue.shift();
        return value ? { value, done: false } : { value: undefined, done: true };
      },
      async return() {
        stop();
        return { value: undefined, done: true };
      },
    };
  }

  /** Stops listening and lets a read under way finish, so nothing reads after the database closes. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    for (const subscriber of this.subscribers) this.subscribers.delete(subscriber);
    await this.feed.close();
    await this.reading;
  }

  /** Replays one subscriber's missed changes until it has seen all this instance has; then it goes live. */
  private async catchUp(subscriber: Subscriber): Promise<void> {
    while (subscriber.delivered < this.lastSeen) {
      const events = await readEvents(this.prisma, { after: subscriber.delivered, upTo: this.lastSeen, limit: PAGE });
      if (!events.length) break;
      await this.deliver(events, [subscriber]);
    }
    subscriber.catchingUp = false;
  }

  /** Reads every event after the last one seen; a signal during a read schedules one more. */
  private readNewEvents(): void {
    if (this.closed) return;
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = (async () => {
      do {
        this.readAgain = false;
        // A short page is the last: a change committed since then is announced, and read again.
        while ((await this.readNextPage()) === PAGE);
      } while (this.readAgain);
    })()
      .catch((error: unknown) => {
        if (this.closed) return;
        this.reportError(error, "could not read new changes; trying again");
        clearTimeout(this.retryTimer);
        this.retryTimer = setTimeout(() => this.readNewEvents(), RETRY_READ_AFTER_MS).unref();
      })
      .finally(() => {
        this.reading = null;
      });
  }

  /**
   * Reads and delivers the next page of new events; returns how many there were. Each page is
   * a trace of its own, linked to the writes it delivers (each event keeps its write's traceparent),
   * whichever instance made them.
   */
  private readNextPage(): Promise<number> {
    return inSpan("live deliver", { root: true }, async (span) => {
      const events = await readEvents(this.prisma, { after: this.lastSeen, limit: PAGE });
      span.setAttribute("live.changes", events.length);
      if (!events.length) return 0;
      for (const { traceParent } of events) {
        const written = spanContextOf(traceParent);
        if (written) span.addLink({ context: written });
      }
      // Subscribers catching up read as far as this, so they switch to live exactly here.
      const before = this.lastSeen;
      this.lastSeen = events.at(-1)!.sequence;
      try {
        await this.deliver(
          events,
          [...this.subscribers].filter((subscriber) => !subscriber.catchingUp),
        );
      } catch (error) {
        // Read these again: each subscriber's mark keeps what it already got from coming twice.
        this.lastSeen = before;
        throw error;
      }
      return events.length;
    });
  }

  private async deliver(events: EngagementEventRow[], subscribers: Subscriber[]): Promise<void> {
    if (!subscribers.length) return;
    const engagementIds = [...new Set(events.map((event) => event.engagementId))];
    const engagements = new Map(
      (await this.prisma.engagement.findMany({ where: { id: { in: engagementIds } } })).map((row) => [
        row.id,
        toEngagement(row),
      ]),
    );
    const matches = await this.matchFilters(subscribers, engagementIds);
    let concerned: Promise<Map<bigint, Set<string>>> | undefined;
    const concernedInBatch = () => (concerned ??= this.concernedUsers(events, engagementIds));
    for (const event of events) {
      const engagement = engagements.get(event.engagementId);
      if (!engagement) continue;
      const change = Object.assign(new EngagementChange(), {
        event: toEngagementEvent(event),
        engagement,
        concernedUserIds: async () => (await concernedInBatch()).get(event.sequence) ?? new Set<string>(),
      });
      for (const subscriber of subscribers) {
        if (event.sequence <= subscriber.delivered) continue;
        subscriber.delivered = event.sequence;
        const matched = subscriber.filter === null || matches.get(subscriber.filter)?.has(event.engagementId);
        if (matched) subscriber.push(change);
      }
    }
  }

  /**
   * For each change, its engagement's owner and co-owners as they now stand and the users it
   * notified: two statements for the whole batch, whatever the number of subscribers.
   */
  private async concernedUsers(events: EngagementEventRow[], engagementIds: string[]) {
    const [owners, notified] = await Promise.all([
      this.prisma.engagement.findMany({
        where: { id: { in: engagementIds } },
        select: { id: true, ownerId: true, coOwners: { select: { userId: true } } },
      }),
      this.prisma.notification.findMany({
        where: { eventSequence: { in: events.map((event) => event.sequence) } },
        select: { eventSequence: true, userId: true },
      }),
    ]);
    const responsible = new Map(
      owners.map((row) => [
        row.id,
        [...(row.ownerId ? [row.ownerId] : []), ...row.coOwners.map((each) => each.userId)],
      ]),
    );
    const concerned = new Map(
      events.map((event) => [event.sequence, new Set(responsible.get(event.engagementId) ?? [])]),
    );
    for (const { eventSequence, userId } of notified) concerned.get(eventSequence)?.add(userId);
    return concerned;
  }

  /**
   * For each distinct filter, which of these engagements match it now, by the same rules as
   * the `engagements` query. Archived engagements still match, so subscribers learn of the archiving.
   */
  private async matchFilters(subscribers: Subscriber[], engagementIds: string[]) {
    const matches = new Map<ViewerFilter | null, Set<string>>();
    for (const filter of new Set(subscribers.map((subscriber) => subscriber.filter))) {
      if (!filter) continue;
      try {
        matches.set(
          filter,
          await matchingIds(this.prisma, engagementIds, { ...filter, archived: null, includeArchived: true }),
        );
      } catch (error) {
        // One subscriber's filter must not hold up the others: end its stream, it can resume from its sequence.
        this.reportError(error, "a subscription's filter failed; its stream was ended");
        for (const subscriber of subscribers) if (subscriber.filter === filter) subscriber.end();
      }
    }
    return matches;
  }
}
