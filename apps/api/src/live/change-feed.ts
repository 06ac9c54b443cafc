import { listenForNotifications, type Database } from "@engagement-tracker/db";
import { Redis } from "ioredis";

/** The channel on which committed audit-trail sequences are announced (the trigger's, and Redis's). */
export const CHANGES_CHANNEL = "engagement_events";

/**
 * Tells this API instance that changes were committed somewhere — by any instance.
 * A signal carries the sequence of one change, or nothing when the feed (re)connected and
 * whatever happened meanwhile must be looked up.
 */
export interface ChangeFeed {
  onSignal(listener: (sequence: bigint | null) => void): void;
  /** Called after a write committed: needed where the database does not announce it itself. */
  announce(sequence: bigint): void;
  close(): Promise<void>;
}

/**
 * PostgreSQL (and PGlite) announce each change from a trigger at commit (LISTEN/NOTIFY), so a
 * crash between commit and announcement cannot lose one. With `redisUrl` the writers announce
 * on Redis pub/sub instead — for deployments whose connection pooler cannot LISTEN.
 */
export async function openChangeFeed(db: Database, redisUrl?: string): Promise<ChangeFeed> {
  const listeners: ((sequence: bigint | null) => void)[] = [];
  const signal = (sequence: bigint | null) => listeners.forEach((listener) => listener(sequence));
  const parse = (payload: string) => (/^\d+$/.test(payload) ? BigInt(payload) : null);

  if (redisUrl) {
    const publisher = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    const subscriber = new Redis(redisUrl, { lazyConnect: true });
    await Promise.all([publisher.connect(), subscriber.connect()]);
    subscriber.on("message", (_channel: string, payload: string) => signal(parse(payload)));
    // After a reconnect, messages sent meanwhile are gone: look up what was missed.
    subscriber.on("ready", () => signal(null));
    await subscriber.subscribe(CHANGES_CHANNEL);
    return {
      onSignal: (listener) => listeners.push(listener),
      announce: (sequence) => void publisher.publish(CHANGES_CHANNEL, sequence.toString()).catch(() => signal(null)),
      async close() {
        subscriber.disconnect();
        publisher.disconnect();
      },
    };
  }

  const listener = await listenForNotifications(db, CHANGES_CHANNEL, {
    onNotification: (payload) => signal(parse(payload)),
    onListening: () => signal(null),
  });
  return {
    onSignal: (callback) => listeners.push(callback),
    announce: () => {},
    close: () => listener.close(),
  };
}
