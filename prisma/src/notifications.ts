import pg from "pg";
import { embeddedPglite, type Database } from "./database.ts";

export interface NotificationListener {
  /** Stops listening and closes the connection it used. */
  close(): Promise<void>;
}

export interface ListenOptions {
  /** Called with each notification's payload, in commit order. */
  onNotification: (payload: string) => void;
  /**
   * Called once listening (again) — after a dropped connection came back, notifications sent
   * meanwhile are lost, so the caller should look for what it missed.
   */
  onListening?: () => void;
  /** How long to wait before reconnecting to a PostgreSQL server that went away. */
  retryMs?: number;
}

/**
 * LISTENs on a channel of the database behind `db`: on PostgreSQL over a connection of its
 * own (reconnecting when it drops), on PGlite through the instance already open in this process.
 */
export async function listenForNotifications(
  db: Database,
  channel: string,
  options: ListenOptions,
): Promise<NotificationListener> {
  const pglite = embeddedPglite(db.adapterFactory);
  if (pglite) {
    const unlisten = await pglite.listen(channel, options.onNotification);
    options.onListening?.();
    return { close: unlisten };
  }
  if (db.target.kind !== "postgres") throw new Error(`Cannot listen on ${db.target.kind}`);
  return listenOnPostgres(db.target.url, channel, options);
}

async function listenOnPostgres(url: string, channel: string, options: ListenOptions): Promise<NotificationListener> {
  const retryMs = options.retryMs ?? 1_000;
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const candidate = new pg.Client({ connectionString: url, keepAlive: true, connectionTimeoutMillis: 3_000 });
    candidate.on("notification", (message) => {
      if (message.channel === channel && message.payload !== undefined) options.onNotification(message.payload);
    });
    candidate.on("error", () => reconnect(candidate));
    candidate.on("end", () => reconnect(candidate));
    try {
      await candidate.connect();
      await candidate.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch {
      reconnect(candidate);
      return;
    }
    client = candidate;
    options.onListening?.();
  };

  const reconnect = (failed: pg.Client) => {
    failed.removeAllListeners();
    failed.end().catch(() => {});
    if (client === failed) client = null;
    if (closed || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, retryMs);
  };

  await connect();
  return {
    async close() {
      closed = true;
      clearTimeout(retry);
      await client?.end().catch(() => {});
    },
  };
}
